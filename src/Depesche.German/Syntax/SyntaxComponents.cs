using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Syntax;

/// <summary>Contractions of preposition and article (<c>im</c> = <c>in dem</c>), from <c>contractions.tsv</c>.</summary>
public sealed class Contractions
{
    private static readonly Lazy<Contractions> s_default = new(() => new Contractions(GermanData.Load("contractions.tsv", "contractions")));
    private readonly FrozenDictionary<string, (string First, string FirstCapitalised, string Second)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private Contractions(Data.DataFile file)
    {
        var map = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            string first = row[1];
            map[row[0]] = (first, char.ToUpperInvariant(first[0]) + first[1..], row[2]);
        }
        _lookup = map.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static Contractions Default => s_default.Value;

    /// <summary>The two words of a contraction, or false.</summary>
    public bool TryExpand(ReadOnlySpan<char> token, out string first, out string second)
    {
        first = second = "";
        if (token.Length is < 2 or > 8)
        {
            return false;
        }
        Span<char> lower = stackalloc char[token.Length];
        token.CopyTo(lower);
        bool capital = char.IsUpper(lower[0]);
        lower[0] = char.ToLowerInvariant(lower[0]);
        if (!_lookup.TryGetValue(lower, out var entry))
        {
            return false;
        }
        first = capital ? entry.FirstCapitalised : entry.First;
        second = entry.Second;
        return true;
    }
}

/// <summary>The tagger as a pipeline component: words (contractions split), UPOS, STTS, features and lemmas.</summary>
public sealed class TaggerComponent : IComponent
{
    private readonly Tagger _tagger;
    private readonly Contractions _contractions;

    public TaggerComponent(Tagger? tagger = null)
    {
        _tagger = tagger ?? SyntaxModels.DefaultTagger;
        _contractions = Contractions.Default;
    }

    public string Name => "tagger";

    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences];

    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Words];

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        var result = ImmutableArray.CreateBuilder<WordAnnotation>(tokens.Length + 8);
        string text = document.Text;
        var forms = new List<ReadOnlyMemory<char>>(64);
        var tokenOf = new List<int>(64);
        var formOf = new List<string?>(64);
        foreach (var sentence in document.Sentences)
        {
            forms.Clear();
            tokenOf.Clear();
            formOf.Clear();
            for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                var span = tokens[t].Slice(text);
                if (tokens[t].Kind == TokenKind.Word && _contractions.TryExpand(span, out string first, out string second))
                {
                    forms.Add(first.AsMemory());
                    tokenOf.Add(t);
                    formOf.Add(first);
                    forms.Add(second.AsMemory());
                    tokenOf.Add(t);
                    formOf.Add(second);
                }
                else
                {
                    forms.Add(text.AsMemory(tokens[t].Start, tokens[t].Length));
                    tokenOf.Add(t);
                    formOf.Add(null);
                }
            }
            int n = forms.Count;
            var infos = ArrayPool<WordInfo>.Shared.Rent(n);
            var tagged = ArrayPool<TaggedWord>.Shared.Rent(n);
            try
            {
                _tagger.Tag(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(forms), infos.AsSpan(0, n), tagged.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    var tw = tagged[i];
                    result.Add(new WordAnnotation(tokenOf[i], formOf[i], _tagger.UposLabels[tw.Upos], _tagger.XposLabels[tw.Xpos], tw.Feats, tw.Lemma));
                }
            }
            finally
            {
                ArrayPool<WordInfo>.Shared.Return(infos);
                ArrayPool<TaggedWord>.Shared.Return(tagged, clearArray: true);
            }
        }
        document.Set(Layers.Words, result.DrainToImmutable());
    }
}

/// <summary>The parser as a pipeline component: one dependency tree per sentence over the words layer.</summary>
public sealed class ParserComponent : IComponent
{
    private readonly Parser _parser;

    public ParserComponent(Parser? parser = null)
    {
        _parser = parser ?? SyntaxModels.DefaultParser;
    }

    public string Name => "parser";

    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Sentences, Layers.Words];

    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Dependencies];

    public void Process(Document document)
    {
        var words = document.GetOrEmpty(Layers.Words);
        var result = new Dependency[words.Length];
        string text = document.Text;
        var tokens = document.Tokens;
        int w = 0;
        foreach (var sentence in document.Sentences)
        {
            int start = w;
            while (w < words.Length && words[w].Token < sentence.EndToken)
            {
                w++;
            }
            int n = w - start;
            if (n == 0)
            {
                continue;
            }
            var input = ArrayPool<ParserWord>.Shared.Rent(n);
            var heads = ArrayPool<int>.Shared.Rent(n);
            var labels = ArrayPool<int>.Shared.Rent(n);
            try
            {
                for (int i = 0; i < n; i++)
                {
                    var word = words[start + i];
                    var form = word.Form is { } f ? f.AsSpan() : tokens[word.Token].Slice(text);
                    input[i] = ParserWord.Create(form, word.Upos, word.Xpos, word.Feats);
                }
                _parser.Parse(input.AsSpan(0, n), heads.AsSpan(0, n), labels.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    result[start + i] = new Dependency(heads[i] == 0 ? -1 : start + heads[i] - 1, _parser.Deprels[labels[i]]);
                }
            }
            finally
            {
                ArrayPool<ParserWord>.Shared.Return(input);
                ArrayPool<int>.Shared.Return(heads);
                ArrayPool<int>.Shared.Return(labels);
            }
        }
        document.Set(Layers.Dependencies, ImmutableArray.Create(result));
    }
}
