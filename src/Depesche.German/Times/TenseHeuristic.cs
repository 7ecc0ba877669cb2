using System.Collections.Frozen;
using Depesche.Data;
using Depesche.Model;

namespace Depesche.German.Times;

/// <summary>A clause's tense as far as words tell it.</summary>
public enum Tense : byte
{
    Unknown,
    Past,
    Future,
}

/// <summary>
/// Guesses the tense of the clause around a time expression from marker words (<c>tense-markers.tsv</c>),
/// without a parser: the clause is the stretch between commas, colons, semicolons, dashes and quotation
/// marks; when it has no marker, the sentence decides.
/// </summary>
public sealed class TenseHeuristic
{
    [Flags]
    private enum Marks : byte
    {
        None = 0,
        Past = 1,
        Perfect = 2,
        Future = 4,
        Passive = 8,
        Det = 16,
        NotPast = 32,
        NotParticiple = 64,
        PerfectInfinitive = 128,
    }

    private static readonly Lazy<TenseHeuristic> s_default = new(() => Load());

    private readonly FrozenDictionary<string, Marks>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly string[] _prefixes;

    private TenseHeuristic(FrozenDictionary<string, Marks> words, string[] prefixes)
    {
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = prefixes;
    }

    public static TenseHeuristic Default => s_default.Value;

    public static TenseHeuristic Load()
    {
        var file = GermanData.Load("tense-markers.tsv", "tense-markers");
        var words = new Dictionary<string, Marks>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>();
        foreach (var row in file.Rows)
        {
            if (row.Get(1) == "participle-prefix")
            {
                prefixes.Add(row[0]);
                continue;
            }
            var m = row.Get(1) switch
            {
                "past" => Marks.Past,
                "perfect" => Marks.Perfect,
                "future" => Marks.Future,
                "passive" => Marks.Passive,
                "det" => Marks.Det,
                "not-past" => Marks.NotPast,
                "not-participle" => Marks.NotParticiple,
                "perfect-infinitive" => Marks.PerfectInfinitive,
                var other => throw DataFile.Invalid(file.Name, row.Line, $"unknown tense '{other}'"),
            };
            words[row[0]] = words.GetValueOrDefault(row[0]) | m;
        }
        return new TenseHeuristic(words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), [.. prefixes.OrderByDescending(p => p.Length)]);
    }

    /// <summary>The tense of the clause holding token <paramref name="at"/>, within tokens [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public Tense Of(string text, ReadOnlySpan<TokenInfo> tokens, int first, int end, int at)
    {
        int a = at;
        while (a > first && !IsBoundary(text, tokens[a - 1]))
        {
            a--;
        }
        int b = at;
        while (b < end && !IsBoundary(text, tokens[b]))
        {
            b++;
        }
        var t = Evaluate(text, tokens, a, b);
        return t != Tense.Unknown ? t : Evaluate(text, tokens, first, end);
    }

    /// <summary>The tense the markers in tokens [<paramref name="from"/>, <paramref name="to"/>) give.</summary>
    public Tense Evaluate(string text, ReadOnlySpan<TokenInfo> tokens, int from, int to)
    {
        bool past = false, perfect = false, perfectInf = false, future = false, passiveOnly = true, participle = false, suffixPast = false;
        for (int i = from; i < to; i++)
        {
            var tok = tokens[i];
            if (tok.Kind != TokenKind.Word)
            {
                continue;
            }
            var w = tok.Slice(text);
            _words.TryGetValue(w, out var m);
            if ((m & Marks.Past) != 0)
            {
                past = true;
            }
            if ((m & Marks.Perfect) != 0)
            {
                perfect = true;
            }
            if ((m & Marks.PerfectInfinitive) != 0)
            {
                perfectInf = true;
            }
            if ((m & Marks.Future) != 0)
            {
                future = true;
                if ((m & Marks.Passive) == 0)
                {
                    passiveOnly = false;
                }
            }
            if (m == Marks.None && char.IsLower(w[0]))
            {
                if (IsInflectedParticiple(w))
                {
                    suffixPast = true; // "des am Donnerstag abgestürzten Flugzeugs": a past event
                }
                else if (IsParticiple(w))
                {
                    participle = true;
                }
                else if (w.Length >= 5 && (w.EndsWith("te", StringComparison.Ordinal) || w.EndsWith("ten", StringComparison.Ordinal))
                    && !(i > from && _words.TryGetValue(tokens[i - 1].Slice(text), out var pm) && (pm & Marks.Det) != 0))
                {
                    suffixPast = true;
                }
            }
        }
        // An explicit past (hatte, wurde, "getötet worden sein") beats a future marker (soll, geplant),
        // which beats a perfect (sind … eingetroffen) and a Präteritum guessed from its ending.
        if (past || (perfectInf && participle))
        {
            return Tense.Past;
        }
        if (future && !(passiveOnly && participle))
        {
            return Tense.Future;
        }
        return (perfect && participle) || suffixPast ? Tense.Past : Tense.Unknown;
    }

    /// <summary>A participle used as an adjective (abgestürzten, getötete), but not a planned one (geplanten, angekündigte).</summary>
    private bool IsInflectedParticiple(ReadOnlySpan<char> w)
    {
        foreach (string ending in s_endings)
        {
            if (w.EndsWith(ending, StringComparison.Ordinal))
            {
                var stem = w[..^(ending.Length - 1)];
                return IsParticiple(stem) && !(_words.TryGetValue(stem, out var m) && (m & Marks.Future) != 0);
            }
        }
        return false;
    }

    private static readonly string[] s_endings = ["ten", "tem", "ter", "tes", "te"];

    private bool IsParticiple(ReadOnlySpan<char> w)
    {
        if (w.Length < 5 || !(w[^1] == 't' || w.EndsWith("en", StringComparison.Ordinal)))
        {
            return false;
        }
        if (_words.TryGetValue(w, out var m) && (m & Marks.NotParticiple) != 0)
        {
            return false;
        }
        if (w.EndsWith("iert", StringComparison.Ordinal) || w.StartsWith("ge", StringComparison.Ordinal))
        {
            return true;
        }
        foreach (string p in _prefixes)
        {
            if (w.Length > p.Length + 4 && w.StartsWith(p, StringComparison.Ordinal) && w[p.Length..].StartsWith("ge", StringComparison.Ordinal))
            {
                return true;
            }
        }
        // Any other separable first part (not|gelandet, kennen|gelernt): "ge" a few letters in, in a long word.
        int ge = w.Length >= 9 ? w[2..6].IndexOf("ge", StringComparison.Ordinal) : -1;
        return ge >= 0 && w[^1] == 't';
    }

    private static bool IsBoundary(string text, TokenInfo t)
    {
        if (t.IsQuote)
        {
            return true;
        }
        if (t.Kind != TokenKind.Punctuation || t.Length != 1)
        {
            return false;
        }
        return text[t.Start] is ',' or ';' or ':' or '–' or '—' or '-' or '(' or ')';
    }
}
