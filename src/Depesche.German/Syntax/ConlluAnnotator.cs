namespace Depesche.German.Syntax;

/// <summary>Fills the LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL columns of CoNLL-U word lines with predictions; ID, FORM, MISC, ranges and empty nodes stay as they were.</summary>
public sealed class ConlluAnnotator
{
    private readonly Tagger _tagger;
    private readonly Parser? _parser;

    public ConlluAnnotator(Tagger tagger, Parser? parser)
    {
        _tagger = tagger;
        _parser = parser;
    }

    public void Annotate(ConlluSentence sentence)
    {
        int n = sentence.Words.Count;
        var forms = new ReadOnlyMemory<char>[n];
        for (int i = 0; i < n; i++)
        {
            forms[i] = sentence.Form(i).AsMemory();
        }
        var infos = new WordInfo[n];
        var tagged = new TaggedWord[n];
        _tagger.Tag(forms, infos, tagged);
        var heads = new int[n];
        var labels = new int[n];
        if (_parser is not null)
        {
            var pw = new ParserWord[n];
            for (int i = 0; i < n; i++)
            {
                pw[i] = ParserWord.Create(forms[i].Span, _tagger.UposLabels[tagged[i].Upos], _tagger.XposLabels[tagged[i].Xpos], tagged[i].Feats);
            }
            _parser.Parse(pw, heads, labels);
        }
        for (int i = 0; i < n; i++)
        {
            var c = sentence.Words[i].Columns;
            c[2] = tagged[i].Lemma ?? c[1];
            c[3] = _tagger.UposLabels[tagged[i].Upos];
            c[4] = _tagger.XposLabels[tagged[i].Xpos];
            c[5] = tagged[i].Feats;
            c[6] = _parser is null ? "_" : heads[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            c[7] = _parser is null ? "_" : _parser.Deprels[labels[i]];
            c[8] = "_";
        }
    }
}
