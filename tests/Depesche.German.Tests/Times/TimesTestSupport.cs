using System.Globalization;
using Depesche.German;
using Depesche.German.Quantities;
using Depesche.German.Times;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests.Times;

/// <summary>Runs the times stage and renders its output the way the data files' examples and the table tests write it.</summary>
internal static class TimesTestSupport
{
    private static readonly Lazy<Depesche.Processing.Pipeline> s_pipeline = new(() => GermanPipeline.Create(Stage.Times));

    /// <summary>Runs the pipeline up to the times stage; checks the invariants.</summary>
    public static Document Run(string text, DateOnly? date = null, PartialDate? recordDate = null)
    {
        var doc = s_pipeline.Value.Process(new Document(text, "test", "test", recordDate: recordDate, referenceDateOverride: date));
        Invariants.Check(doc);
        return doc;
    }

    /// <summary>"2022-02-25 | sentence", "2022-02 | sentence" (a record date known to the month) or "sentence".</summary>
    public static Document RunInput(string input)
    {
        int bar = input.IndexOf(" | ", StringComparison.Ordinal);
        if (bar == 10 && DateOnly.TryParseExact(input[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return Run(input[(bar + 3)..], d);
        }
        if (bar > 0 && PartialDate.TryParse(input.AsSpan(0, bar), out var partial))
        {
            return Run(input[(bar + 3)..], recordDate: partial);
        }
        return Run(input);
    }

    public static string Times(string input)
    {
        var doc = RunInput(input);
        var parts = doc.GetOrEmpty(Layers.Times).Select(t => $"{doc.TextOf(t.Range)}|{t.Type.ToString().ToUpperInvariant()}|{t.Value}").ToArray();
        return parts.Length == 0 ? "-" : string.Join("; ", parts);
    }

    public static string Quantities(string input)
    {
        var doc = RunInput(input);
        var parts = doc.GetOrEmpty(Layers.Quantities).Select(Format(doc)).ToArray();
        return parts.Length == 0 ? "-" : string.Join("; ", parts);
    }

    public static Func<Quantity, string> Format(Document doc) => q =>
        $"{doc.TextOf(q.Range)}|{Num(q.Value)}|{Approx(q.Approx)}|{(q.Upper is { } u ? Num(u) : "")}|{q.Unit}";

    public static string Approx(Approximation a) => a switch
    {
        Approximation.Exact => "exact",
        Approximation.About => "about",
        Approximation.MoreThan => "more_than",
        Approximation.LessThan => "less_than",
        _ => "range",
    };

    public static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);

    public static string NumberWord(string input)
    {
        if (NumberWords.TryParseDigits(input, out double v))
        {
            return Num(v);
        }
        if (NumberWords.Default.TryParseWord(input, out v, out var role))
        {
            return role switch
            {
                NumberRole.Vague => Num(v) + " vague",
                NumberRole.Multiplier => Num(v) + " mult",
                _ => Num(v),
            };
        }
        return "-";
    }

    public static string Lexicon(string input) => TimeLexicon.Default.Describe(input);

    /// <summary>The tense of the last clause of the sentence (the stretch before its final punctuation).</summary>
    public static string Tense(string input)
    {
        var doc = Run(input);
        var s = doc.Sentences[0];
        var tense = TenseHeuristic.Default.Of(doc.Text, doc.Tokens.AsSpan(), s.FirstToken, s.EndToken, s.EndToken - 2);
        return tense.ToString().ToLowerInvariant();
    }
}
