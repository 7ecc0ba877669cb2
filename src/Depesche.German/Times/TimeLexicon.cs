using System.Collections.Frozen;
using Depesche.Data;

namespace Depesche.German.Times;

/// <summary>One thing a word can be for the time patterns: its class and value (<c>month</c>, <c>2</c>).</summary>
public readonly record struct LexiconSense(string Class, string Value);

/// <summary>
/// The time words (<c>time-lexicon.tsv</c>): month and weekday names, parts of the day, seasons,
/// calendar units and vague amounts. Weekday + part-of-day compounds (<c>Freitagnachmittag</c>)
/// are formed here from the two lists.
/// </summary>
public sealed class TimeLexicon
{
    private static readonly Lazy<TimeLexicon> s_default = new(() => Load());

    private TimeLexicon(FrozenDictionary<string, LexiconSense[]> words)
    {
        Words = words;
        Lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static TimeLexicon Default => s_default.Value;

    public FrozenDictionary<string, LexiconSense[]> Words { get; }

    public FrozenDictionary<string, LexiconSense[]>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    /// <summary>The suffixes that make a duration adjective of a number (<c>wöchig</c> → W), longest first.</summary>
    public (string Suffix, string Unit)[] DurationSuffixes { get; private init; } = [];

    /// <summary>Reads <c>zweiwöchigen</c>, <c>48-stündige</c>: the number and the unit, or false.</summary>
    public bool TryDurationWord(ReadOnlySpan<char> word, out double amount, out string unit)
    {
        amount = 0;
        unit = "";
        if (word.Length < 7 || !char.IsLower(word[^1]))
        {
            return false;
        }
        foreach (var (suffix, u) in DurationSuffixes)
        {
            int at = word.IndexOf(suffix, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }
            var rest = word[(at + suffix.Length)..];
            if (rest.Length > 2 || !(rest.IsEmpty || rest is "e" or "en" or "er" or "es" or "em"))
            {
                return false;
            }
            var number = word[..at].TrimEnd('-');
            if (Quantities.NumberWords.TryParseDigits(number, out amount)
                || (Quantities.NumberWords.Default.TryParseWord(number, out amount, out var role) && role is Quantities.NumberRole.Cardinal or Quantities.NumberRole.CardinalMultiplier))
            {
                unit = u;
                return amount > 0;
            }
            return false;
        }
        return false;
    }

    public static TimeLexicon Load()
    {
        var file = GermanData.Load("time-lexicon.tsv", "time-lexicon");
        var words = new Dictionary<string, List<LexiconSense>>(StringComparer.OrdinalIgnoreCase);
        void Add(string word, LexiconSense sense)
        {
            if (!words.TryGetValue(word, out var list))
            {
                words[word] = list = [];
            }
            if (!list.Contains(sense))
            {
                list.Add(sense);
            }
        }
        var weekdays = new List<(string Word, string Value)>();
        var parts = new List<(string Word, string Value)>();
        foreach (var row in file.Rows)
        {
            if (row.Count < 3 || row[0].Length == 0 || row[1].Length == 0 || row[2].Length == 0)
            {
                throw DataFile.Invalid(file.Name, row.Line, "a row needs word, class and value");
            }
            Add(row[0], new LexiconSense(row[1], row[2]));
            if (row[1] == "weekday" && !row[0].EndsWith('.'))
            {
                weekdays.Add((row[0], row[2]));
            }
            else if (row[1] == "part")
            {
                parts.Add((row[0], row[2]));
            }
        }
        foreach (var (w, wv) in weekdays)
        {
            foreach (var (p, pv) in parts)
            {
                Add(w + p.ToLowerInvariant(), new LexiconSense("weekday-part", wv + " " + pv));
            }
        }
        var suffixes = words
            .SelectMany(kv => kv.Value.Where(v => v.Class == "duration-suffix").Select(v => (Suffix: kv.Key, Unit: v.Value)))
            .OrderByDescending(x => x.Suffix.Length)
            .ToArray();
        return new TimeLexicon(words.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase))
        {
            DurationSuffixes = suffixes,
        };
    }

    /// <summary>Describes a word as the examples do: <c>class value</c> for each sense, joined by <c>; </c>.</summary>
    public string Describe(string word)
        => Words.TryGetValue(word, out var senses) ? string.Join("; ", senses.Select(s => s.Class + " " + s.Value)) : "-";
}
