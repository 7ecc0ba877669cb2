using System.Collections.Frozen;
using Depesche.Data;
using Depesche.Model;

namespace Depesche.German.Quantities;

/// <summary>What a word before or between numbers does (<c>quantity-approximators.tsv</c>).</summary>
public enum ApproxRole : byte
{
    None,
    About,
    MoreThan,
    LessThan,
    Exact,
    Between,
    BetweenLink,
    RangeLink,
    VaguePrefix,
    Negative,
}

/// <summary>What a word after a number does (<c>quantity-units.tsv</c>).</summary>
public enum UnitRole : byte
{
    None,
    Symbol,
    Measure,
    AgeSuffix,
    AgeUnit,
    AgeAfter,
    AgeBefore,
    Filler,
    Fraction,
    NotAdjective,
}

/// <summary>A phrase of one or more words with a role; matched token by token.</summary>
public readonly record struct Phrase(string[] Words, ApproxRole Role);

/// <summary>The German word lists the quantity finder reads, loaded once from the data files.</summary>
public sealed class QuantityData
{
    private static readonly Lazy<QuantityData> s_default = new(() => Load());

    private QuantityData(
        FrozenDictionary<string, Phrase[]> phrases,
        FrozenDictionary<string, (string Unit, UnitRole Role)> units,
        FrozenSet<string> before,
        FrozenSet<string> after)
    {
        PhrasesByFirstWord = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        Units = units.GetAlternateLookup<ReadOnlySpan<char>>();
        NotAfter = before.GetAlternateLookup<ReadOnlySpan<char>>();
        NotBefore = after.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static QuantityData Default => s_default.Value;

    /// <summary>Approximator and range phrases by their first word (longest first), ignoring case.</summary>
    public FrozenDictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> PhrasesByFirstWord { get; }

    /// <summary>Unit forms and age words (case-sensitive: <c>m</c> is a metre, <c>M</c> is not).</summary>
    public FrozenDictionary<string, (string Unit, UnitRole Role)>.AlternateLookup<ReadOnlySpan<char>> Units { get; }

    /// <summary>Words after which a number is an identifier (<c>Artikel 5</c>).</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotAfter { get; }

    /// <summary>Words before which a number is no quantity (<c>14 Uhr</c>).</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotBefore { get; }

    public static QuantityData Load()
    {
        var af = GermanData.Load("quantity-approximators.tsv", "quantity-approximators");
        var phrases = new Dictionary<string, List<Phrase>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in af.Rows)
        {
            var role = row.Get(1) switch
            {
                "about" => ApproxRole.About,
                "more_than" => ApproxRole.MoreThan,
                "less_than" => ApproxRole.LessThan,
                "exact" => ApproxRole.Exact,
                "between" => ApproxRole.Between,
                "between-link" => ApproxRole.BetweenLink,
                "range-link" => ApproxRole.RangeLink,
                "vague-prefix" => ApproxRole.VaguePrefix,
                "negative" => ApproxRole.Negative,
                var other => throw DataFile.Invalid(af.Name, row.Line, $"unknown role '{other}'"),
            };
            var words = row[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!phrases.TryGetValue(words[0], out var list))
            {
                phrases[words[0]] = list = [];
            }
            list.Add(new Phrase(words, role));
        }
        var uf = GermanData.Load("quantity-units.tsv", "quantity-units");
        var units = new Dictionary<string, (string, UnitRole)>(StringComparer.Ordinal);
        foreach (var row in uf.Rows)
        {
            var role = row.Get(2) switch
            {
                "symbol" => UnitRole.Symbol,
                "measure" => UnitRole.Measure,
                "age-suffix" => UnitRole.AgeSuffix,
                "age-unit" => UnitRole.AgeUnit,
                "age-after" => UnitRole.AgeAfter,
                "age-before" => UnitRole.AgeBefore,
                "filler" => UnitRole.Filler,
                "fraction" => UnitRole.Fraction,
                "not-adjective" => UnitRole.NotAdjective,
                var other => throw DataFile.Invalid(uf.Name, row.Line, $"unknown role '{other}'"),
            };
            units[row[0]] = (row.Get(1), role);
        }
        var cf = GermanData.Load("quantity-context.tsv", "quantity-context");
        return new QuantityData(
            phrases.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(p => p.Words.Length).ToArray(), StringComparer.OrdinalIgnoreCase),
            units.ToFrozenDictionary(StringComparer.Ordinal),
            GermanData.FirstColumn(cf, "before", StringComparer.Ordinal),
            GermanData.FirstColumn(cf, "after", StringComparer.Ordinal));
    }

    /// <summary>The longest phrase starting at token <paramref name="i"/> whose role is one of <paramref name="roles"/>; its length in tokens, or 0.</summary>
    public int MatchPhrase(string text, ReadOnlySpan<TokenInfo> tokens, int i, int end, out ApproxRole role, Func<ApproxRole, bool> accept)
    {
        role = ApproxRole.None;
        if (i >= end || !PhrasesByFirstWord.TryGetValue(tokens[i].Slice(text), out var candidates))
        {
            return 0;
        }
        foreach (var p in candidates)
        {
            if (!accept(p.Role) || i + p.Words.Length > end)
            {
                continue;
            }
            bool ok = true;
            for (int k = 1; k < p.Words.Length && ok; k++)
            {
                ok = tokens[i + k].Slice(text).Equals(p.Words[k], StringComparison.OrdinalIgnoreCase);
            }
            if (ok)
            {
                role = p.Role;
                return p.Words.Length;
            }
        }
        return 0;
    }
}
