using System.Text;
using Depesche.German;
using Depesche.German.Syntax;
using Depesche.Learning;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>The syntax stages in the pipeline: words, tags, lemmas and trees over real text.</summary>
public class SyntaxPipelineTests
{
    private static readonly Lazy<Pipeline> s_parse = new(() => GermanPipeline.Create(Stage.Parse));

    public static Document Run(string text)
    {
        var doc = s_parse.Value.Process(new Document(text, "test", "test"));
        Invariants.Check(doc);
        CheckSyntax(doc);
        return doc;
    }

    /// <summary>The word forms of a text joined by '|' (the runner of contractions.tsv's examples).</summary>
    public static string WordForms(string text)
    {
        var doc = Run(text);
        return string.Join("|", doc.Get(Layers.Words).Select(w => w.FormIn(doc)));
    }

    /// <summary>Words cover the tokens in order; every sentence has one root and a tree inside the sentence.</summary>
    internal static void CheckSyntax(Document doc)
    {
        var words = doc.Get(Layers.Words);
        var deps = doc.Get(Layers.Dependencies);
        Assert.Equal(words.Length, deps.Length);
        for (int i = 0; i < words.Length; i++)
        {
            var w = words[i];
            Assert.True(i == 0 || w.Token >= words[i - 1].Token, $"word {i} is out of token order");
            Assert.False(string.IsNullOrEmpty(w.Upos));
            Assert.False(string.IsNullOrEmpty(w.Xpos));
            Assert.False(string.IsNullOrEmpty(w.Feats));
            Assert.False(string.IsNullOrEmpty(w.LemmaIn(doc)));
        }
        int start = 0;
        foreach (var s in doc.Sentences)
        {
            while (start < words.Length && words[start].Token < s.FirstToken)
            {
                start++;
            }
            int end = start;
            int expectedToken = s.FirstToken;
            while (end < words.Length && words[end].Token < s.EndToken)
            {
                Assert.True(words[end].Token == expectedToken || (end > start && words[end].Token == words[end - 1].Token), $"word {end} skips or repeats a token of its sentence");
                expectedToken = words[end].Token + 1;
                end++;
            }
            Assert.Equal(s.EndToken, expectedToken);
            int roots = 0;
            for (int i = start; i < end; i++)
            {
                if (deps[i].IsRoot)
                {
                    roots++;
                    Assert.Equal("root", deps[i].Deprel);
                    continue;
                }
                Assert.InRange(deps[i].Head, start, end - 1);
                Assert.NotEqual(i, deps[i].Head);
                // Following heads reaches the root without a cycle.
                int h = i, steps = 0;
                while (!deps[h].IsRoot)
                {
                    h = deps[h].Head;
                    Assert.True(++steps <= end - start, $"cycle through word {i}");
                }
            }
            Assert.Equal(1, roots);
            start = end;
        }
    }

    [Fact]
    public void Contractions_become_two_words_on_one_token()
    {
        var doc = Run("Sie wohnt im Haus am See.");
        var words = doc.Get(Layers.Words);
        Assert.Equal(["Sie", "wohnt", "in", "dem", "Haus", "an", "dem", "See", "."], words.Select(w => w.FormIn(doc)));
        Assert.Equal(words[2].Token, words[3].Token);
        Assert.Equal("im", doc.TextOf(doc.Tokens[words[2].Token].Range));
    }

    [Fact]
    public void Clear_cases_get_the_expected_parts_of_speech_and_lemmas()
    {
        var doc = Run("Die Soldaten kehrten gestern in ihre Kasernen zurück.");
        var words = doc.Get(Layers.Words);
        var deps = doc.Get(Layers.Dependencies);
        Assert.Equal("NOUN", words[1].Upos);
        Assert.Equal("Soldat", words[1].LemmaIn(doc));
        Assert.Equal("VERB", words[2].Upos);
        Assert.Equal("VVFIN", words[2].Xpos);
        Assert.Equal("PUNCT", words[^1].Upos);
        Assert.Equal("Kaserne", words[6].LemmaIn(doc));
        Assert.Contains("Number=Plur", words[6].Feats, StringComparison.Ordinal);
        Assert.Equal("det", deps[0].Deprel);
        Assert.Equal(1, deps[0].Head);
        Assert.True(deps[2].IsRoot);
    }

    [Fact]
    public void Empty_and_odd_inputs_give_consistent_layers()
    {
        foreach (string text in new[] { "", "   ", ".", "„“", "123", "a", new string('x', 200), string.Join(" ", Enumerable.Repeat("und", 400)), "Ünïcödé 😀 Test ­mit\u00ADWeiche" })
        {
            Run(text);
        }
    }

    [SharedDataFact]
    public void The_seed_report_tags_and_parses()
    {
        var doc = Run(SharedData.SeedText);
        var words = doc.Get(Layers.Words);
        Assert.True(words.Length >= doc.Tokens.Length);
        // Nouns are the most frequent open class in a news report; a broken tagger would not get that.
        int nouns = words.Count(w => w.Upos is "NOUN" or "PROPN");
        Assert.True(nouns > words.Length / 6, $"only {nouns} of {words.Length} words are nouns");
    }
}

/// <summary>CoNLL-U in and out: IDs, forms, ranges and empty nodes are kept; predictions fill the rest.</summary>
public class ConlluTests
{
    private const string Sample = "# sent_id = t1\n# text = Er war im Haus.\n" +
        "1\tEr\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "2\twar\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "3\tin\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "4\tdem\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "4.1\tleer\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "5\tHaus\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n" +
        "6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";

    private static ConlluAnnotator Annotator => new(SyntaxModels.DefaultTagger, SyntaxModels.DefaultParser);

    private static string RoundTrip(string conllu)
    {
        var sentences = Conllu.Read(new StringReader(conllu), "test");
        foreach (var s in sentences)
        {
            Annotator.Annotate(s);
        }
        var sw = new StringWriter();
        Conllu.Write(sw, sentences);
        return sw.ToString();
    }

    private static string[][] Lines(string conllu) => conllu.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToArray();

    [Fact]
    public void Ids_forms_ranges_and_empty_nodes_survive_and_columns_are_filled()
    {
        string output = RoundTrip(Sample);
        var inLines = Lines(Sample);
        var outLines = Lines(output);
        Assert.Equal(inLines.Length, outLines.Length);
        Assert.StartsWith("# sent_id = t1\n# text = Er war im Haus.\n", output, StringComparison.Ordinal);
        for (int i = 0; i < inLines.Length; i++)
        {
            Assert.Equal(inLines[i][0], outLines[i][0]);
            Assert.Equal(inLines[i][1], outLines[i][1]);
            if (inLines[i][0].Contains('-', StringComparison.Ordinal) || inLines[i][0].Contains('.', StringComparison.Ordinal))
            {
                Assert.Equal(inLines[i], outLines[i]);
                continue;
            }
            foreach (int column in new[] { 2, 3, 4, 6, 7 })
            {
                Assert.NotEqual("_", outLines[i][column]);
            }
            Assert.InRange(int.Parse(outLines[i][6], System.Globalization.CultureInfo.InvariantCulture), 0, 5);
        }
        Assert.Equal("SpaceAfter=No", outLines[6][9]);
        Assert.Single(outLines, l => l[6] == "0");
    }

    [Theory]
    [InlineData("1\tEr\t_\t_\t_\t_\t_\t_\t_\n")]
    [InlineData("2\tEr\t_\t_\t_\t_\t_\t_\t_\t_\n")]
    [InlineData("x\tEr\t_\t_\t_\t_\t_\t_\t_\t_\n")]
    [InlineData("1\t\t_\t_\t_\t_\t_\t_\t_\t_\n")]
    [InlineData("1\tEr\t_\t_\t_\t_\t_\t_\t_\t_\n# late comment\n")]
    [InlineData("# only a comment\n")]
    public void Malformed_conllu_is_DEP0103(string text)
    {
        var ex = Assert.Throws<DepescheException>(() => Conllu.Read(new StringReader(text), "bad.conllu"));
        Assert.Equal(ErrorCodes.ConlluInvalid, ex.Code);
        Assert.StartsWith("bad.conllu:", ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void A_whole_treebank_round_trips_with_its_ids_and_forms()
    {
        string path = SharedData.Path("data", "ud-german-gsd", "de_gsd-ud-dev.conllu");
        string input = File.ReadAllText(path);
        string output = RoundTrip(input);
        var a = Lines(input);
        var b = Lines(output);
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i][0], b[i][0]);
            Assert.Equal(a[i][1], b[i][1]);
        }
        Assert.Equal(input.Split('\n').Count(l => l.StartsWith('#')), output.Split('\n').Count(l => l.StartsWith('#')));
    }
}

/// <summary>The lexicon converter and the trainers are reproducible; damaged files fail with their codes.</summary>
public class SyntaxTrainingTests
{
    private static string Temp(string name, string content)
    {
        string dir = Path.Combine(Path.GetTempPath(), "depesche-syntax-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static byte[] BuildLexicon()
    {
        var b = new LexiconBuilder();
        b.AddNouns(Temp("words.json", """{"Haus":{"NOM":{"SIN":"Haus","PLU":"Häuser"},"GEN":{"SIN":"Hauses","PLU":"Häuser"},"DAT":{"SIN":"Haus","PLU":"Häusern"},"AKK":{"SIN":"Haus","PLU":"Häuser"},"G":"N"}}"""));
        b.AddVerbs(Temp("verbs.json", """{"abholen":{"INF":"abholen","PA2":["abgeholt"],"PRÄ":{"S":{"1":["hole","ab"],"3":["holt","ab"]},"P":{"1":["holen","ab"]}}}}"""));
        b.AddAdjectives(Temp("adjectives.json", """{"alt":{"NOM":{"DEF":{"M":"alte","P":"alten"}}}}"""));
        return b.Build();
    }

    [Fact]
    public void The_lexicon_converter_is_reproducible_and_its_file_answers_lookups()
    {
        byte[] a = BuildLexicon();
        Assert.Equal(a, BuildLexicon());
        var lex = Lexicon.Read(a, "test");
        var hauses = lex.Lookup("Häusern");
        Assert.Equal(1, hauses.Length);
        Assert.Equal("Haus", lex.Lemmas[hauses[0].Lemma]);
        Assert.Contains("Case=Dat|Number=Plur", lex.Signatures[hauses[0].Signature], StringComparison.Ordinal);
        Assert.Equal(LexClass.Noun, lex.Classes(lex.Find("Haus")));
        Assert.Equal("holen", lex.Lemmas[lex.Lookup("holt")[0].Lemma]);
        Assert.Equal(LexClass.VerbParticiple, lex.Classes(lex.Find("abgeholt")));
        Assert.Equal(LexClass.AdjectiveBase, lex.Classes(lex.Find("alt")));
        Assert.Equal(LexClass.AdjectiveDeclined, lex.Classes(lex.Find("alten")));
        Assert.Equal(-1, lex.Find("Katze"));
    }

    [Fact]
    public void Damaged_lexicon_files_fail_with_codes()
    {
        byte[] ok = BuildLexicon();
        Assert.Equal(ErrorCodes.ModelInvalid, Assert.Throws<DepescheException>(() => Lexicon.Read("nope"u8, "x")).Code);
        Assert.Equal(ErrorCodes.ModelInvalid, Assert.Throws<DepescheException>(() => Lexicon.Read(ok.AsSpan(0, ok.Length - 1), "x")).Code);
        byte[] v = (byte[])ok.Clone();
        v[4] = 9;
        Assert.Equal(ErrorCodes.ModelVersion, Assert.Throws<DepescheException>(() => Lexicon.Read(v, "x")).Code);
        byte[] sum = (byte[])ok.Clone();
        sum[^2] ^= 0x10;
        Assert.Equal(ErrorCodes.ModelInvalid, Assert.Throws<DepescheException>(() => Lexicon.Read(sum, "x")).Code);
        Assert.Equal(ErrorCodes.LexiconSourceInvalid, Assert.Throws<DepescheException>(() => new LexiconBuilder().AddNouns(Temp("broken.json", "{ not json"))).Code);
    }

    /// <summary>A tiny treebank written for this test (UD German conventions).</summary>
    private const string Corpus = """
        1	Der	der	DET	ART	Case=Nom|Definite=Def|Gender=Masc|Number=Sing|PronType=Art	2	det	_	_
        2	Hund	Hund	NOUN	NN	Case=Nom|Gender=Masc|Number=Sing	3	nsubj	_	_
        3	bellt	bellen	VERB	VVFIN	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	SpaceAfter=No
        4	.	.	PUNCT	$.	_	3	punct	_	_

        1	Die	der	DET	ART	Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	2	det	_	_
        2	Katze	Katze	NOUN	NN	Case=Nom|Gender=Fem|Number=Sing	3	nsubj	_	_
        3	schläft	schlafen	VERB	VVFIN	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
        4	Haus	Haus	NOUN	NN	Case=Dat|Gender=Neut|Number=Sing	3	obl	_	SpaceAfter=No
        5	.	.	PUNCT	$.	_	3	punct	_	_

        1	Ein	ein	DET	ART	Case=Nom|Definite=Ind|Gender=Masc|Number=Sing|PronType=Art	3	det	_	_
        2	alter	alt	ADJ	ADJA	Case=Nom|Degree=Pos|Gender=Masc|Number=Sing	3	amod	_	_
        3	Mann	Mann	NOUN	NN	Case=Nom|Gender=Masc|Number=Sing	4	nsubj	_	_
        4	liest	lesen	VERB	VVFIN	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
        5	die	der	DET	ART	Case=Acc|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	6	det	_	_
        6	Zeitung	Zeitung	NOUN	NN	Case=Acc|Gender=Fem|Number=Sing	4	obj	_	SpaceAfter=No
        7	.	.	PUNCT	$.	_	4	punct	_	_


        """;

    private static List<TrainingSentence> Sentences()
    {
        string text = string.Join("\n", Corpus.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimStart()));
        return Conllu.Read(new StringReader(text), "corpus").Select(s => new TrainingSentence(s, hasStts: true)).ToList();
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_byte_identical_models()
    {
        var lexicon = Lexicon.Read(BuildLexicon(), "test");
        var data = Sentences();
        Assert.Equal(3, data.Count);
        byte[] t1 = ModelFile.ToBytes(Tagger.Train(lexicon, data, seed: 5, epochs: 4));
        byte[] t2 = ModelFile.ToBytes(Tagger.Train(lexicon, data, seed: 5, epochs: 4));
        byte[] t3 = ModelFile.ToBytes(Tagger.Train(lexicon, data, seed: 6, epochs: 4));
        Assert.Equal(t1, t2);
        Assert.NotEqual(t1, t3);

        var tagger = Tagger.FromModel(ModelFile.Read(t1, "t1", Tagger.FeatureSetId), lexicon);
        byte[] p1 = ModelFile.ToBytes(Parser.Train(data, tagger, seed: 5, epochs: 4));
        byte[] p2 = ModelFile.ToBytes(Parser.Train(data, tagger, seed: 5, epochs: 4));
        Assert.Equal(p1, p2);

        // The trained pair annotates its own training sentences.
        var parser = Parser.FromModel(ModelFile.Read(p1, "p1", Parser.FeatureSetId));
        var s = Conllu.Read(new StringReader("1\tDer\t_\t_\t_\t_\t_\t_\t_\t_\n2\tHund\t_\t_\t_\t_\t_\t_\t_\t_\n3\tbellt\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"), "x")[0];
        new ConlluAnnotator(tagger, parser).Annotate(s);
        Assert.Equal(["DET", "NOUN", "VERB", "PUNCT"], Enumerable.Range(0, 4).Select(s.Upos));
        Assert.Equal(["2", "3", "0", "3"], Enumerable.Range(0, 4).Select(i => s.Words[i].Columns[6]));
    }

    [Fact]
    public void The_shipped_training_paths_ensemble_jackknife_and_prune_are_byte_identical_too()
    {
        var lexicon = Lexicon.Read(BuildLexicon(), "test");
        var data = Sentences();
        byte[] Tagged() => ModelFile.ToBytes(LinearModel.Average([.. Enumerable.Range(0, 2).Select(k => Tagger.Train(lexicon, data, 5 + k, 3, lemmasFromLexicon: k == 0))]).Pruned(0.01f));
        byte[] Parsed() => ModelFile.ToBytes(Parser.TrainJackknifed(data, lexicon, folds: 3, taggerEpochs: 2, seed: 5, epochs: 3, ensemble: 2).Pruned(0.01f));
        Assert.Equal(Tagged(), Tagged());
        Assert.Equal(Parsed(), Parsed());
    }

    [Fact]
    public void A_parser_model_is_not_accepted_as_a_tagger()
    {
        var lexicon = Lexicon.Read(BuildLexicon(), "test");
        var parserModel = Parser.Train(Sentences(), null, seed: 1, epochs: 1);
        var ex = Assert.Throws<DepescheException>(() => Tagger.FromModel(parserModel, lexicon));
        Assert.Equal(ErrorCodes.ModelMismatch, ex.Code);
        var ex2 = Assert.Throws<DepescheException>(() => ModelFile.Read(ModelFile.ToBytes(parserModel), "p", Tagger.FeatureSetId));
        Assert.Equal(ErrorCodes.ModelMismatch, ex2.Code);
    }

    [Fact]
    public void Empty_training_data_is_DEP0104()
    {
        Assert.Equal(ErrorCodes.TrainingDataInvalid, Assert.Throws<DepescheException>(() => Tagger.Train(Lexicon.Empty, [], 1, 1)).Code);
        Assert.Equal(ErrorCodes.TrainingDataInvalid, Assert.Throws<DepescheException>(() => Parser.Train([], null, 1, 1)).Code);
    }
}
