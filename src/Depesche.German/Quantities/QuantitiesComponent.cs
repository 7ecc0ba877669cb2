using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Quantities;

/// <summary>
/// Finds counted and measured amounts: an optional approximator (<c>rund</c>, <c>mehr als</c>), a number in
/// digits or words with multipliers (<c>1,5 Millionen</c>, <c>eine halbe Milliarde</c>) or a range
/// (<c>zwischen 30 und 40</c>, <c>30 bis 40</c>), and the head noun it counts (<c>deutsche Soldaten</c> → Soldaten).
/// Numbers inside time expressions (dates, years, durations, times of day) are no quantities; ages are.
/// </summary>
public sealed class QuantitiesComponent : IComponent
{
    /// <summary>At most this many adjectives and fillers stand between a number and its noun.</summary>
    public const int MaxWordsBeforeNoun = 3;

    private readonly NumberWords _numbers;
    private readonly QuantityData _data;

    public QuantitiesComponent()
        : this(NumberWords.Default, QuantityData.Default)
    {
    }

    internal QuantitiesComponent(NumberWords numbers, QuantityData data)
    {
        _numbers = numbers;
        _data = data;
    }

    public string Name => "quantities";

    public IReadOnlyList<LayerKey> Requires => [Layers.Tokens, Layers.Sentences, Layers.Times];

    public IReadOnlyList<LayerKey> Produces => [Layers.Quantities];

    private readonly record struct Num(double Value, NumberRole Role, int End, bool Multiplied, double? Upper, bool Age);

    public void Process(Document document)
    {
        string text = document.Text;
        var tokens = document.Tokens.AsSpan();
        var times = document.GetOrEmpty(Layers.Times);
        var inTime = new bool[tokens.Length];
        if (times.Length > 0)
        {
            int t = 0;
            for (int i = 0; i < tokens.Length; i++)
            {
                while (t < times.Length && times[t].Range.End <= tokens[i].Start)
                {
                    t++;
                }
                inTime[i] = t < times.Length && times[t].Range.Start <= tokens[i].Start && tokens[i].End <= times[t].Range.End;
            }
        }
        var result = ImmutableArray.CreateBuilder<Quantity>();
        foreach (var sentence in document.Sentences)
        {
            int end = sentence.EndToken;
            int i = sentence.FirstToken;
            while (i < end)
            {
                if (!inTime[i] && TryQuantity(text, tokens, inTime, sentence.FirstToken, i, end, out var q, out int next))
                {
                    result.Add(q);
                    i = next;
                }
                else
                {
                    i++;
                }
            }
        }
        document.Set(Layers.Quantities, result.ToImmutable());
    }

    private bool TryQuantity(string text, ReadOnlySpan<TokenInfo> tokens, bool[] inTime, int first, int i, int end, out Quantity quantity, out int next)
    {
        quantity = null!;
        next = i;
        var approx = Approximation.Exact;
        bool between = false;
        bool vaguePrefix = false;
        int numStart = i;
        int len = _data.MatchPhrase(text, tokens, i, end, out var role, static r => r is ApproxRole.About or ApproxRole.MoreThan or ApproxRole.LessThan or ApproxRole.Exact or ApproxRole.Between or ApproxRole.VaguePrefix or ApproxRole.Negative);
        double sign = 1;
        if (len > 0)
        {
            numStart = i + len;
            switch (role)
            {
                case ApproxRole.About: approx = Approximation.About; break;
                case ApproxRole.MoreThan: approx = Approximation.MoreThan; break;
                case ApproxRole.LessThan: approx = Approximation.LessThan; break;
                case ApproxRole.Between: between = true; break;
                case ApproxRole.VaguePrefix: vaguePrefix = true; break;
                case ApproxRole.Negative: sign = -1; break;
            }
        }
        if (numStart >= end || inTime[numStart])
        {
            return false;
        }
        if (!TryNumber(text, tokens, inTime, first, numStart, end, out var num))
        {
            return false;
        }
        if (vaguePrefix && !(num.Role is NumberRole.CardinalMultiplier && num.Value is 100 or 1000))
        {
            return false; // "einige Soldaten" is no number, "einige hundert" is
        }
        // Identifiers: "Artikel 5", "Paragraf 218" (the word directly before the number, or before the approximator).
        if (i > first && !inTime[i - 1] && _data.NotAfter.Contains(tokens[i - 1].Slice(text)))
        {
            return false;
        }
        if (numStart > first && numStart != i && _data.NotAfter.Contains(tokens[numStart - 1].Slice(text)))
        {
            return false;
        }
        double value = num.Value;
        double? upper = num.Upper;
        int last = num.End; // exclusive
        if (vaguePrefix || num.Role == NumberRole.Vague)
        {
            approx = Approximation.MoreThan;
        }
        if (upper is not null)
        {
            approx = Approximation.Range;
        }
        // Ranges: "zwischen 30 und 40", "30 bis 40", "30 - 40".
        if (upper is null && last < end)
        {
            int linkLen = _data.MatchPhrase(text, tokens, last, end, out var link, between ? static r => r is ApproxRole.BetweenLink : static r => r is ApproxRole.RangeLink);
            if (linkLen > 0 && last + linkLen < end && !inTime[last + linkLen] && TryNumber(text, tokens, inTime, first, last + linkLen, end, out var hi) && !hi.Age && hi.Role != NumberRole.Vague)
            {
                double lo = value;
                double up = hi.Value;
                if (hi.Multiplied && !num.Multiplied && TryMultiplierOf(text, tokens, hi, out double mult))
                {
                    lo *= mult;
                }
                if (up > lo)
                {
                    value = lo;
                    upper = up;
                    approx = Approximation.Range;
                    last = hi.End;
                }
            }
        }
        if (between && upper is null)
        {
            return false;
        }
        if (last < end && _data.NotBefore.Contains(tokens[last].Slice(text)))
        {
            return false;
        }
        string? unit = null;
        int spanEnd = last;
        if (num.Age)
        {
            unit = AgeUnit;
        }
        else
        {
            (unit, spanEnd) = FindUnit(text, tokens, last, end, out bool measure, out bool age, out bool fraction);
            if (fraction)
            {
                return false; // "zwei Drittel": a share
            }
            if (age)
            {
                unit = AgeUnit;
            }
            if (num.Role == NumberRole.Article && !num.Multiplied && !measure)
            {
                return false; // "ein Kontingent" counts nothing; "ein Kilogramm" does
            }
        }
        // "im Alter von 81 Jahren": the age.
        if (unit is null || unit != AgeUnit)
        {
            if (numStart >= 2 && tokens[numStart - 1].Slice(text).SequenceEqual("von") && _data.Units.TryGetValue(tokens[numStart - 2].Slice(text), out var ab) && ab.Role == UnitRole.AgeBefore
                && last < end && _data.Units.TryGetValue(tokens[last].Slice(text), out var au) && au.Role == UnitRole.AgeUnit)
            {
                unit = AgeUnit;
                spanEnd = last + 1;
            }
        }
        // "Der Ziehvater (43)": an age in parentheses after a name or a person.
        if (unit is null && approx == Approximation.Exact && numStart == i && i >= 2 && last < end && value is >= 1 and <= 120 && value == Math.Floor(value)
            && IsChar(text, tokens[i - 1], '(') && IsChar(text, tokens[last], ')')
            && tokens[i - 2].Kind == TokenKind.Word && (tokens[i - 2].Flags & TokenFlags.Capitalized) != 0)
        {
            unit = AgeUnit;
        }
        // "Polar 228", "A 5", "Boeing 747": a bare number right after a capitalised word is a name's part.
        if (unit is null && approx == Approximation.Exact && numStart == i && i - 1 > first && !inTime[i - 1]
            && tokens[i - 1].Kind == TokenKind.Word && (tokens[i - 1].Flags & TokenFlags.Capitalized) != 0)
        {
            return false;
        }
        if (sign < 0 && (num.Role is not (NumberRole.Cardinal or NumberRole.CardinalMultiplier) || upper is not null))
        {
            return false; // "minus" goes with one plain number: minus 271,3 Grad
        }
        quantity = new Quantity(new TextRange(tokens[i].Start, tokens[spanEnd - 1].End), sign * value, approx, upper, unit);
        next = spanEnd;
        return true;
    }

    /// <summary>True at the start of a sentence, after an opening quote or a colon (where any word is capitalised).</summary>
    private static bool StartsClause(string text, ReadOnlySpan<TokenInfo> tokens, int first, int i)
    {
        int k = i - 1;
        return k < first || tokens[k].IsQuote || (tokens[k].Kind == TokenKind.Punctuation && text[tokens[k].Start] is ':' or '(' or '-' or '–');
    }

    private const string AgeUnit = "Jahre (Alter)";

    private static bool IsChar(string text, TokenInfo t, char c) => t.Length == 1 && text[t.Start] == c;

    private bool TryMultiplierOf(string text, ReadOnlySpan<TokenInfo> tokens, Num hi, out double mult)
    {
        // The multiplier is the last token of the upper number.
        mult = 1;
        if (_numbers.TryParseWord(tokens[hi.End - 1].Slice(text), out double m, out var r) && r is NumberRole.Multiplier or NumberRole.CardinalMultiplier)
        {
            mult = m;
            return true;
        }
        return false;
    }

    /// <summary>A number at token <paramref name="i"/>: digits, words, a digit range (30-40) or an age (74-Jährige), with multipliers after it.</summary>
    private bool TryNumber(string text, ReadOnlySpan<TokenInfo> tokens, bool[] inTime, int first, int i, int end, out Num num)
    {
        num = default;
        var t = tokens[i];
        var s = t.Slice(text);
        double value;
        NumberRole role = NumberRole.Cardinal;
        double? upper = null;
        bool age = false;
        switch (t.Kind)
        {
            case TokenKind.Number:
                if ((s.Length > 1 && s[0] == '0' && s[1] != ',') || !NumberWords.TryParseDigits(s, out value))
                {
                    return false; // 030 (a phone prefix), 14:30, 24.02.2022
                }
                if ((i > first && tokens[i - 1].Kind == TokenKind.Number && !inTime[i - 1]) || (i + 1 < end && tokens[i + 1].Kind == TokenKind.Number && !inTime[i + 1]))
                {
                    return false; // "059 133 60 3333": a phone number or a code, not a count
                }
                if (i + 2 < end && tokens[i + 1].Kind == TokenKind.Punctuation && tokens[i + 1].Start == t.End && text[tokens[i + 1].Start] == '.')
                {
                    return false; // "die 22. Konferenz", "1. FC": an ordinal the sentence goes on after
                }
                if (i + 1 < end && tokens[i + 1].Kind is TokenKind.Punctuation && text[tokens[i + 1].Start] is '/' or ':' && !tokens[i].SpaceAfter)
                {
                    return false; // 030/1234567, 2:1
                }
                break;
            case TokenKind.Word:
            case TokenKind.Abbreviation:
                int hyphen = s.IndexOf('-');
                if (hyphen > 0 && char.IsAsciiDigit(s[0]))
                {
                    var left = s[..hyphen];
                    var right = s[(hyphen + 1)..];
                    if (!NumberWords.TryParseDigits(left, out value))
                    {
                        return false;
                    }
                    if (NumberWords.TryParseDigits(right, out double up) && up > value)
                    {
                        upper = up; // 30-40
                    }
                    else if (_data.Units.TryGetValue(right, out var u) && u.Role == UnitRole.AgeSuffix)
                    {
                        age = true;
                    }
                    else
                    {
                        return false; // Su-27 is a word; 300-Mann-Truppe is left alone
                    }
                    num = new Num(value, role, i + 1, false, upper, age);
                    return true;
                }
                if (!_numbers.TryParseWord(s, out value, out role))
                {
                    return false;
                }
                if (role is NumberRole.Multiplier)
                {
                    if (!s.EndsWith("en", StringComparison.Ordinal) || (i > first && tokens[i - 1].Kind == TokenKind.Number))
                    {
                        return false;
                    }
                    role = NumberRole.Vague; // "Millionen Menschen": at least a million
                }
                if (role is NumberRole.Cardinal or NumberRole.CardinalMultiplier && (t.Flags & TokenFlags.Capitalized) != 0 && !StartsClause(text, tokens, first, i))
                {
                    return false; // a capitalised number word inside a sentence is a noun or a name ("Eins zu Eins")
                }
                break;
            default:
                return false;
        }
        int j = i + 1;
        bool multiplied = false;
        // "eine halbe Milliarde": a fraction after an article.
        bool fraction = false;
        if (role == NumberRole.Article && j < end && _numbers.TryParseWord(tokens[j].Slice(text), out double frac, out var fr) && fr == NumberRole.Fraction)
        {
            value = frac;
            fraction = true;
            j++;
        }
        while (j < end && tokens[j].Kind is TokenKind.Word or TokenKind.Abbreviation
            && _numbers.TryParseWord(tokens[j].Slice(text), out double m, out var mr)
            && (mr == NumberRole.Multiplier || (mr == NumberRole.CardinalMultiplier && role is not NumberRole.Vague && m > value)))
        {
            value *= m;
            multiplied = true;
            j++;
        }
        if ((role == NumberRole.Fraction || fraction) && !multiplied)
        {
            return false; // "halben", "einen halben" alone
        }
        num = new Num(value, role, j, multiplied, upper, age);
        return true;
    }

    /// <summary>The head noun after the number: past adjectives and fillers, the first capitalised word (after its last hyphen), or a unit symbol.</summary>
    private (string? Unit, int End) FindUnit(string text, ReadOnlySpan<TokenInfo> tokens, int j, int end, out bool measure, out bool age, out bool fraction)
    {
        measure = false;
        fraction = false;
        age = false;
        int start = j;
        int skipped = 0;
        while (j < end)
        {
            var t = tokens[j];
            var s = t.Slice(text);
            if (_data.Units.TryGetValue(s, out var u))
            {
                switch (u.Role)
                {
                    case UnitRole.Symbol:
                        measure = true;
                        return (u.Unit, j + 1);
                    case UnitRole.Measure:
                        measure = true;
                        return (u.Unit, j + 1);
                    case UnitRole.AgeUnit when j + 1 < end && _data.Units.TryGetValue(tokens[j + 1].Slice(text), out var a) && a.Role == UnitRole.AgeAfter:
                        age = true;
                        return (AgeUnit, j + 2);
                    case UnitRole.NotAdjective:
                        return (null, start);
                    case UnitRole.Fraction:
                        fraction = true;
                        return (null, start);
                    case UnitRole.Filler when skipped < MaxWordsBeforeNoun:
                        skipped++;
                        j++;
                        continue;
                }
            }
            if ((t.Kind == TokenKind.OpeningQuote || (t.Kind == TokenKind.AmbiguousQuote && !t.SpaceAfter)) && skipped < MaxWordsBeforeNoun)
            {
                j++;
                continue;
            }
            if (t.Kind == TokenKind.Word && (t.Flags & TokenFlags.Capitalized) != 0)
            {
                int h = s.LastIndexOf('-');
                var head = h >= 0 && h + 1 < s.Length ? s[(h + 1)..] : s;
                if (_data.Units.TryGetValue(head, out var hu) && hu.Role is UnitRole.Measure or UnitRole.Symbol)
                {
                    measure = true;
                    return (hu.Unit, j + 1);
                }
                int close = j + 1;
                if (close < end && tokens[close].IsQuote && (t.Flags & TokenFlags.SpaceAfter) == 0)
                {
                    close++; // „Einmannpackungen“
                }
                return (head.ToString(), close);
            }
            if (t.Kind == TokenKind.Word && skipped < MaxWordsBeforeNoun && IsAdjectiveLike(s))
            {
                skipped++;
                j++;
                continue;
            }
            break;
        }
        return (null, start);
    }

    private static bool IsAdjectiveLike(ReadOnlySpan<char> s)
        => s.Length >= 3 && char.IsLower(s[0]) && (s.EndsWith("e") || s.EndsWith("en") || s.EndsWith("er") || s.EndsWith("es") || s.EndsWith("em"));
}
