using System.Collections.Frozen;
using System.Globalization;
using Depesche.Data;

namespace Depesche.German.Quantities;

/// <summary>What a number word does (see <c>number-words.tsv</c>).</summary>
public enum NumberRole : byte
{
    None,
    Cardinal,
    /// <summary>A cardinal that also multiplies a number before it (<c>zwei Tausend</c>).</summary>
    CardinalMultiplier,
    Multiplier,
    Fraction,
    Vague,
    Article,
}

/// <summary>
/// Reads numbers written in digits (German style: <c>13.700</c>, <c>1,5</c>) and in words, including
/// compounds built from the listed words (<c>sechsundfünfzig</c>, <c>zweitausendfünfhundert</c>).
/// </summary>
public sealed class NumberWords
{
    private static readonly Lazy<NumberWords> s_default = new(() => Load());

    private readonly FrozenDictionary<string, (double Value, NumberRole Role)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private NumberWords(FrozenDictionary<string, (double, NumberRole)> words)
    {
        Words = words;
        _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static NumberWords Default => s_default.Value;

    public FrozenDictionary<string, (double Value, NumberRole Role)> Words { get; }

    public static NumberWords Load()
    {
        var file = GermanData.Load("number-words.tsv", "number-words");
        var words = new Dictionary<string, (double, NumberRole)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in file.Rows)
        {
            if (!double.TryParse(row.Get(1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw DataFile.Invalid(file.Name, row.Line, $"'{row.Get(1)}' is not a number");
            }
            var role = row.Get(2) switch
            {
                "card" => NumberRole.Cardinal,
                "card-mult" => NumberRole.CardinalMultiplier,
                "mult" => NumberRole.Multiplier,
                "frac" => NumberRole.Fraction,
                "vague" => NumberRole.Vague,
                "article" => NumberRole.Article,
                var other => throw DataFile.Invalid(file.Name, row.Line, $"unknown role '{other}'"),
            };
            words.TryAdd(row[0], (value, role));
        }
        return new NumberWords(words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A listed word or a compound of cardinals.</summary>
    public bool TryParseWord(ReadOnlySpan<char> word, out double value, out NumberRole role)
    {
        if (_lookup.TryGetValue(word, out var entry))
        {
            (value, role) = entry;
            return true;
        }
        role = NumberRole.Cardinal;
        if (word.Length >= 7 && EndsLikeANumber(word) && TryCompound(word, out long v))
        {
            value = v;
            return true;
        }
        value = 0;
        role = NumberRole.None;
        return false;
    }

    /// <summary>A number in digits, German style: thousands with full stops (<c>13.700</c>), decimals with a comma (<c>1,5</c>).</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]))
        {
            return false;
        }
        int comma = s.IndexOf(',');
        var intPart = comma >= 0 ? s[..comma] : s;
        var frac = comma >= 0 ? s[(comma + 1)..] : ReadOnlySpan<char>.Empty;
        if (frac.ContainsAnyExcept("0123456789"))
        {
            return false;
        }
        // Thousands groups: the first group 1-3 digits, then ".ddd" groups.
        double whole = 0;
        int group = 0;
        bool sawDot = false;
        for (int i = 0; i < intPart.Length; i++)
        {
            char c = intPart[i];
            if (char.IsAsciiDigit(c))
            {
                whole = (whole * 10) + (c - '0');
                group++;
                continue;
            }
            if (c != '.')
            {
                return false;
            }
            if ((!sawDot && (group is < 1 or > 3)) || (sawDot && group != 3))
            {
                return false;
            }
            sawDot = true;
            group = 0;
        }
        if (sawDot && group != 3)
        {
            return false;
        }
        double f = 0;
        double scale = 1;
        foreach (char c in frac)
        {
            f = (f * 10) + (c - '0');
            scale *= 10;
        }
        value = whole + (f / scale);
        return true;
    }

    private static readonly string[] s_endings = ["zig", "ßig", "ert", "end", "ins", "ei", "ier", "ünf", "chs", "ben", "cht", "eun", "ehn", "elf", "ölf", "wo"];

    /// <summary>A cheap test before the compound parse: every German cardinal ends like one of its last parts.</summary>
    private static bool EndsLikeANumber(ReadOnlySpan<char> w)
    {
        foreach (string e in s_endings)
        {
            if (w.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private bool TryCompound(ReadOnlySpan<char> w, out long value)
    {
        value = 0;
        int t = w.IndexOf("tausend", StringComparison.OrdinalIgnoreCase);
        if (t >= 0)
        {
            var left = w[..t];
            var right = w[(t + 7)..];
            long l = 1;
            if (!left.IsEmpty && !left.Equals("ein", StringComparison.OrdinalIgnoreCase) && !TryBelow1000(left, out l))
            {
                return false;
            }
            long r = 0;
            if (!right.IsEmpty && !TryBelow1000(right, out r))
            {
                return false;
            }
            value = (l * 1000) + r;
            return l > 0;
        }
        return TryBelow1000(w, out value);
    }

    private bool TryBelow1000(ReadOnlySpan<char> w, out long value)
    {
        value = 0;
        int h = w.IndexOf("hundert", StringComparison.OrdinalIgnoreCase);
        if (h >= 0)
        {
            var left = w[..h];
            var right = w[(h + 7)..];
            long l = 1;
            if (!left.IsEmpty && !left.Equals("ein", StringComparison.OrdinalIgnoreCase) && (!TryCardinal(left, out l) || l > 9))
            {
                return false;
            }
            long r = 0;
            if (!right.IsEmpty && !TryBelow100(right, out r))
            {
                return false;
            }
            value = (l * 100) + r;
            return true;
        }
        return TryBelow100(w, out value);
    }

    private bool TryBelow100(ReadOnlySpan<char> w, out long value)
    {
        if (TryCardinal(w, out value) && value < 100)
        {
            return true;
        }
        int u = w.IndexOf("und", StringComparison.OrdinalIgnoreCase);
        if (u <= 0 || u + 3 >= w.Length)
        {
            return false;
        }
        var left = w[..u];
        long l;
        if (left.Equals("ein", StringComparison.OrdinalIgnoreCase))
        {
            l = 1;
        }
        else if (!TryCardinal(left, out l) || l is < 1 or > 9)
        {
            return false;
        }
        if (!TryCardinal(w[(u + 3)..], out long r) || r < 20 || r > 90 || r % 10 != 0)
        {
            return false;
        }
        value = l + r;
        return true;
    }

    private bool TryCardinal(ReadOnlySpan<char> w, out long value)
    {
        if (_lookup.TryGetValue(w, out var e) && e.Role is NumberRole.Cardinal && e.Value == Math.Floor(e.Value))
        {
            value = (long)e.Value;
            return true;
        }
        value = 0;
        return false;
    }
}
