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
        return new TimeLexicon(words.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Describes a word as the examples do: <c>class value</c> for each sense, joined by <c>; </c>.</summary>
    public string Describe(string word)
        => Words.TryGetValue(word, out var senses) ? string.Join("; ", senses.Select(s => s.Class + " " + s.Value)) : "-";
}
