using Depesche.Data;
using Depesche.German;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>Runs every example of every German data file. A file whose kind has no runner here fails, so no example goes unrun.</summary>
public class DataFileExampleTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string name in GermanData.FileNames)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_example_in_the_file_holds(string fileName)
    {
        string kind = PeekKind(fileName);
        var file = GermanData.Load(fileName, kind);
        Assert.NotEmpty(file.Rows);
        Func<string, string> run = kind switch
        {
            "abbreviations" or "sentence-context" => Tokens,
            "datelines" => Dateline,
            "speech-verbs" => SpeechVerb,
            "speech-phrases" => SpeechPhrase,
            "subjunctive" => Subjunctive,
            "function-words" => FunctionWord,
            "contractions" => SyntaxPipelineTests.WordForms,
            "event-frames" => EventsTests.FirstEvent,
            "place-nouns" => noun => Depesche.German.Entities.EntityRecognizerComponent.IsPlaceNoun(noun) ? "yes" : "no",
            "event-agents" => lemma => lemma.StartsWith("sports ", StringComparison.Ordinal)
                ? (Depesche.German.Events.EventLexicon.Default.Sports.Contains(lemma[7..]) ? "sports" : "no sports")
                : lemma.StartsWith("politician ", StringComparison.Ordinal)
                ? (Depesche.German.Events.EventLexicon.InGroup(Depesche.German.Events.EventLexicon.Default.Politicians, lemma.AsSpan(11)) ? "politician" : "no politician")
                : lemma.StartsWith("deployable ", StringComparison.Ordinal)
                ? (Depesche.German.Events.EventLexicon.InGroup(Depesche.German.Events.EventLexicon.Default.Deployable, lemma.AsSpan(11)) ? "deployable" : "not deployable")
                : lemma.StartsWith("claim ", StringComparison.Ordinal)
                ? (Depesche.German.Events.EventLexicon.Default.ClaimWords.Contains(lemma[6..]) ? "claim" : "no claim")
                : (Depesche.German.Events.EventLexicon.Default.TryVerb(lemma, out var f) || Depesche.German.Events.EventLexicon.Default.TryNoun(lemma, out f)) && f.Agents is { Length: > 0 } a ? a[0] : "none",
            "actor-nouns" => noun => Depesche.German.Events.EventLexicon.Default.IsActorNoun(noun) ? "yes" : "no",
            "time-patterns" => Times.TimesTestSupport.Times,
            "time-lexicon" => Times.TimesTestSupport.Lexicon,
            "tense-markers" => Times.TimesTestSupport.Tense,
            "number-words" => Times.TimesTestSupport.NumberWord,
            "quantity-approximators" or "quantity-units" or "quantity-context" => Times.TimesTestSupport.Quantities,
            "gazetteer" => Gazetteer,
            "relation-words" => input => input.Split(' ', 2) is [var group, var word] && Depesche.German.Events.RelationFinder.WordGroups.Has(group, word) ? "yes" : "no",
            _ => throw new Xunit.Sdk.XunitException($"{fileName}: no example runner for kind '{kind}'; add one here"),
        };
        var failures = new List<string>();
        foreach (var ex in file.Examples)
        {
            string actual = run(ex.Input);
            if (actual != ex.Expected)
            {
                failures.Add($"{fileName}:{ex.Line}: '{ex.Input}' gave '{actual}', expected '{ex.Expected}'");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string PeekKind(string fileName)
    {
        using var stream = typeof(GermanData).Assembly.GetManifestResourceStream(GermanData.ResourcePrefix + fileName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadLine()!.Split(' ')[2];
    }

    private static string Tokens(string input) => string.Join("|", TestPipeline.TokenTexts(TestPipeline.Run(input)));

    private static string SpeechVerb(string input)
    {
        if (!Depesche.German.Quotes.SpeechLexicon.Default.Verbs.TryGetValue(input, out var analyses))
        {
            return "unknown";
        }
        var a = analyses[0];
        return $"{a.Lemma}|{a.Particle ?? "-"}|{a.Kind switch { Depesche.German.Lexicon.VerbFormKind.Finite => "finite", Depesche.German.Lexicon.VerbFormKind.Separated => "separated", _ => "participle" }}";
    }

    private static string SpeechPhrase(string input)
    {
        var doc = QuotesTests.Read(input);
        var q = doc.GetOrEmpty(Layers.Quotes).FirstOrDefault();
        return q is null ? "none" : $"{(q.Cue is { } c ? doc.TextOf(c.Range) : "")}|{(q.Speaker is { } sp ? doc.TextOf(sp.Range) : "")}";
    }

    private static string Subjunctive(string input)
    {
        var doc = TestPipeline.Run(input);
        var lex = Depesche.German.Quotes.SpeechLexicon.Default;
        return doc.Tokens.Any(t => lex.Subjunctive.Contains(doc.Text.AsSpan(t.Start, t.Length))) ? "yes" : "no";
    }

    private static string FunctionWord(string input) => Depesche.German.Quotes.SpeechLexicon.Default.ClassOf(input) switch
    {
        Depesche.German.Quotes.WordClass.Determiner => "det",
        Depesche.German.Quotes.WordClass.NominativePronoun => "pron-nom",
        Depesche.German.Quotes.WordClass.Preposition => "prep",
        Depesche.German.Quotes.WordClass.Conjunction => "conj",
        Depesche.German.Quotes.WordClass.Adverb => "adv",
        Depesche.German.Quotes.WordClass.Negation => "neg",
        _ => "none",
    };

    private static string Gazetteer(string input)
    {
        var tokens = input.Split(' ').Select(t => t.AsMemory()).ToArray();
        int n = Depesche.German.Entities.Gazetteer.Default.LongestMatch(tokens, 0, out var hit);
        return n == 0 ? "none" : hit.Label;
    }

    private static string Dateline(string input)
    {
        var header = TestPipeline.Run(input).Get(Layers.Header);
        return header.Dateline is { } dl ? $"{dl.Place}|{dl.Agency}" : "|";
    }
}
