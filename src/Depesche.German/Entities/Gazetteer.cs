using System.Collections.Frozen;
using Depesche.Data;
using Depesche.Model;

namespace Depesche.German.Entities;

/// <summary>What a gazetteer knows about a stretch of tokens: the entity type and whether it names the entity or is derived from it.</summary>
public readonly record struct GazetteerHit(EntityType Type, MentionKind Kind)
{
    /// <summary>The GermEval spelling of the hit's type: <c>LOC</c>, <c>LOCderiv</c>, …</summary>
    public string Label => EntityLabels.Label(Type, Kind);
}

/// <summary>
/// A list of known names. The entity recogniser asks it for the longest entry starting at a token
/// and uses the answer as a feature. The knowledge base can plug in a richer one.
/// </summary>
public interface IGazetteer
{
    /// <summary>The number of tokens of the longest entry starting at <paramref name="start"/> (0 when none), and its type.</summary>
    int LongestMatch(ReadOnlySpan<ReadOnlyMemory<char>> tokens, int start, out GazetteerHit hit);
}

/// <summary>
/// The built-in gazetteer from <c>gazetteer.tsv</c>: names (matched exactly, or with a genitive <c>-s</c>)
/// and adjective stems (matched with the adjective endings, in either case of the first letter).
/// Lookups take spans and allocate nothing.
/// </summary>
public sealed class Gazetteer : IGazetteer
{
    private const int MaxWord = 48;
    private static readonly Lazy<Gazetteer> s_default = new(() => FromDataFile(GermanData.Load("gazetteer.tsv", "gazetteer")));

    // First token → entries starting with it: the remaining tokens and the hit; longest first.
    private readonly FrozenDictionary<string, (string[] Words, GazetteerHit Hit)[]>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly FrozenDictionary<string, GazetteerHit>.AlternateLookup<ReadOnlySpan<char>> _stems;

    private Gazetteer(IEnumerable<(string Name, GazetteerHit Hit)> entries)
    {
        var names = new Dictionary<string, List<(string[], GazetteerHit)>>(StringComparer.Ordinal);
        var stems = new Dictionary<string, GazetteerHit>(StringComparer.Ordinal);
        foreach (var (name, hit) in entries)
        {
            if (hit.Kind == MentionKind.Deriv)
            {
                stems.TryAdd(name.ToLowerInvariant(), hit);
                continue;
            }
            var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!names.TryGetValue(parts[0], out var list))
            {
                names[parts[0]] = list = [];
            }
            list.Add((parts[1..], hit));
        }
        _names = names.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(e => e.Item1.Length).ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _stems = stems.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Count = names.Sum(kv => kv.Value.Count) + stems.Count;
    }

    public static Gazetteer Default => s_default.Value;

    public int Count { get; }

    /// <summary>Builds a gazetteer from a <c>gazetteer</c> data file (columns name, type).</summary>
    public static Gazetteer FromDataFile(DataFile file)
    {
        var entries = new List<(string, GazetteerHit)>();
        foreach (var row in file.Rows)
        {
            if (row.Count < 2 || row[0].Length == 0 || !EntityLabels.TryParseType(row[1], out var type, out var kind) || kind == MentionKind.Part)
            {
                throw new DepescheException(ErrorCodes.GazetteerInvalid, $"{file.Name}:{row.Line}: expected a name and a type (PER, ORG, LOC, OTH or an -deriv form)");
            }
            entries.Add((row[0], new GazetteerHit(type, kind)));
        }
        return new Gazetteer(entries);
    }

    private bool SingleWord(ReadOnlySpan<char> word, out GazetteerHit hit)
    {
        hit = default;
        if (_names.TryGetValue(word, out var entries))
        {
            foreach (var (rest, h) in entries)
            {
                if (rest.Length == 0)
                {
                    hit = h;
                    return true;
                }
            }
        }
        return false;
    }

    public int LongestMatch(ReadOnlySpan<ReadOnlyMemory<char>> tokens, int start, out GazetteerHit hit)
    {
        hit = default;
        var first = tokens[start].Span;
        if (first.IsEmpty || first.Length > MaxWord)
        {
            return 0;
        }
        if (_names.TryGetValue(first, out var entries))
        {
            foreach (var (rest, h) in entries)
            {
                if (start + 1 + rest.Length > tokens.Length)
                {
                    continue;
                }
                bool ok = true;
                for (int k = 0; k < rest.Length && ok; k++)
                {
                    var t = tokens[start + 1 + k].Span;
                    ok = t.SequenceEqual(rest[k]) || (k == rest.Length - 1 && t.Length == rest[k].Length + 1 && t[^1] == 's' && t.StartsWith(rest[k]));
                }
                if (ok)
                {
                    hit = h;
                    return 1 + rest.Length;
                }
            }
        }
        // Genitive ("Russlands", "Griechenlandes") of a one-word name, and a place's -er adjective ("Berliner").
        if (first.Length > 3 && first[^1] == 's' && SingleWord(first[..^1], out hit))
        {
            return 1;
        }
        if (first.Length > 4 && first.EndsWith("es") && SingleWord(first[..^2], out hit))
        {
            return 1;
        }
        if (first.Length > 4 && first.EndsWith("er") && SingleWord(first[..^2], out hit) && hit.Type == EntityType.Location)
        {
            hit = new GazetteerHit(EntityType.Location, MentionKind.Deriv);
            return 1;
        }
        hit = default;
        // Adjective stems: russisch|e|en|er|es|em, any case of the first letter.
        if (char.IsLetter(first[0]))
        {
            Span<char> lower = stackalloc char[first.Length];
            first.ToLowerInvariant(lower);
            foreach (int cut in (ReadOnlySpan<int>)[0, 1, 2])
            {
                if (lower.Length - cut < 3)
                {
                    break;
                }
                var ending = lower[(lower.Length - cut)..];
                bool validEnding = cut == 0 || ending is "e" || ending is "en" or "er" or "es" or "em";
                if (validEnding && _stems.TryGetValue(lower[..(lower.Length - cut)], out var stem))
                {
                    hit = stem;
                    return 1;
                }
            }
        }
        return 0;
    }
}
