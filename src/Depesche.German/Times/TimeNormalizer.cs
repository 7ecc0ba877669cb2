using System.Globalization;
using Depesche.German.Quantities;
using Depesche.Model;

namespace Depesche.German.Times;

/// <summary>What a normaliser may ask of a match: its captures' text and class values, the reference date, the clause's tense.</summary>
internal interface ITimeMatch
{
    /// <summary>The captured token's text, or null when the capture is absent.</summary>
    string? Text(string slot);

    /// <summary>The lexicon value the captured token has in <paramref name="cls"/> (a weekday's number, a unit's letter).</summary>
    string? Lexicon(string slot, string cls);

    /// <summary>True when the captured token matched as class <paramref name="cls"/>.</summary>
    bool Is(string slot, string cls);

    PartialDate? Reference { get; }

    /// <summary>The day the last day-precise expression before this one named (for <c>am Abend</c>).</summary>
    DateOnly? LastDay { get; }

    Tense Tense { get; }

    TimeLexicon Words { get; }
}

/// <summary>
/// The normalisers the <c>norm</c> column of <c>time-patterns.tsv</c> names. Each turns a match into a
/// TIMEX3 value; missing knowledge (no day in the reference date) gives an underspecified value
/// (<c>XXXX-WXX-2</c>), never a guess.
/// </summary>
internal static class TimeNormalizer
{
    private static readonly string[] s_names = ["lit", "ymd", "weekday", "day", "part", "rel", "shift", "dur", "set-weekday", "clock", "weekend", "decade", "dur-word", "century", "holiday"];

    public static bool IsKnown(string name) => Array.IndexOf(s_names, name) >= 0;

    /// <summary>The value, and the day it names if it names one; null when the match is no time expression after all.</summary>
    public static (string? Value, DateOnly? Day) Normalize(string norm, string[] args, ITimeMatch m)
    {
        return norm switch
        {
            "lit" => (args.Length > 0 ? args[0] : null, null),
            "ymd" => Ymd(args, m),
            "weekday" => Weekday(args, m),
            "day" => Day(args, m),
            "part" => Part(m),
            "rel" => Rel(args, m),
            "shift" => Shift(args, m),
            "dur" => (Duration(m), null),
            "set-weekday" => (m.Lexicon("wd", "weekday-set") ?? m.Lexicon("wd", "weekday")) is { } w ? ("XXXX-WXX-" + w, null) : (null, null),
            "clock" => Clock(m),
            "weekend" => Weekend(m),
            "decade" => Decade(m),
            "dur-word" => (DurationWord(m), null),
            "century" => m.Text("d") is { } c && ParseInt(c.TrimEnd('.')) is { } cv && cv is >= 1 and <= 22 ? ((cv - 1).ToString("D2", CultureInfo.InvariantCulture), null) : (null, null),
            "holiday" => Holiday(m),
            _ => (null, null),
        };
    }

    private static DateOnly? RefDay(ITimeMatch m) => m.Reference?.AsDate;

    /// <summary>
    /// The day a part of the day or a clock time without a date belongs to: the day named last before it ("Am 3. März
    /// … Am Abend"), unless the clause's tense rules that day out — a past clause does not take a day after the
    /// reference date, a future one not a day before it ("Das Treffen soll am 5. März stattfinden. … sagte sie am
    /// Morgen": this morning). Then, and without a day named, the reference date.
    /// </summary>
    private static DateOnly? AnchorDay(ITimeMatch m)
    {
        var reference = RefDay(m);
        if (m.LastDay is { } last && reference is { } today
            && ((m.Tense == Tense.Past && last > today) || (m.Tense == Tense.Future && last < today)))
        {
            return today;
        }
        return m.LastDay ?? reference;
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string WithPart(string value, ITimeMatch m, string? forced = null)
    {
        string? part = forced ?? m.Lexicon("p", "part") ?? PartOfWeekday(m);
        return part is null ? value : value + "T" + part;
    }

    private static string? PartOfWeekday(ITimeMatch m)
    {
        string? wp = m.Lexicon("wd", "weekday-part");
        return wp is null ? null : wp[(wp.IndexOf(' ') + 1)..];
    }

    private static int? WeekdayOf(ITimeMatch m)
    {
        string? w = m.Lexicon("wd", "weekday") ?? m.Lexicon("wd", "weekday-part");
        return w is null ? null : w[0] - '0';
    }

    private static (string?, DateOnly?) Ymd(string[] args, ITimeMatch m)
    {
        bool night = args.Contains("night");
        int? year = null, month = null, day = null;
        if (m.Text("date") is { } nd)
        {
            if (!TryNumericDate(nd, out year, out month, out day))
            {
                return (null, null);
            }
        }
        if (m.Text("y") is { } ys)
        {
            year = ParseInt(ys);
        }
        if (m.Lexicon("m", "month") is { } ms)
        {
            month = int.Parse(ms, CultureInfo.InvariantCulture);
        }
        else if (m.Text("m") is { } mn && ParseInt(mn.TrimEnd('.')) is { } mi)
        {
            month = mi;
        }
        if (m.Text("d") is { } ds)
        {
            day = ParseInt(ds.TrimEnd('.'));
        }
        string? season = m.Lexicon("s", "season");
        foreach (string a in args)
        {
            if (a is ['q', >= '1' and <= '4'])
            {
                season = "Q" + a[1]; // a quarter takes a season's place: 2021-Q4
            }
        }
        var r = m.Reference;
        if (year is null)
        {
            if (r is null)
            {
                year = null;
            }
            else
            {
                year = r.Value.Year;
                // A month (and day) without a year: the tense says whether it lies before or after the reference.
                if (month is { } mo && r.Value.Month is { } rm)
                {
                    // Only a different month moves the year: "am 19. September" in late September stays in that year.
                    int cmp = mo.CompareTo(rm);
                    if (args.Contains("last"))
                    {
                        year -= cmp >= 0 ? 1 : 0;
                    }
                    else if (args.Contains("next"))
                    {
                        year += cmp <= 0 ? 1 : 0;
                    }
                    else if (m.Tense == Tense.Past && cmp > 0 && !args.Contains("this-year"))
                    {
                        year--;
                    }
                    else if (m.Tense == Tense.Future && cmp < 0 && !args.Contains("this-year"))
                    {
                        year++;
                    }
                }
            }
        }
        string y = year is { } yy ? yy.ToString("D4", CultureInfo.InvariantCulture) : "XXXX";
        if (season is not null)
        {
            return (y + "-" + season, null);
        }
        if (month is null)
        {
            return year is null ? (null, null) : (y, null);
        }
        if (month is < 1 or > 12)
        {
            return (null, null);
        }
        string ym = y + "-" + month.Value.ToString("D2", CultureInfo.InvariantCulture);
        if (day is null)
        {
            return (ym, null);
        }
        if (year is null)
        {
            return day is >= 1 and <= 31 ? (WithPart(ym + "-" + day.Value.ToString("D2", CultureInfo.InvariantCulture), m, night ? "NI" : null), null) : (null, null);
        }
        if (day < 1 || day > DateTime.DaysInMonth(year.Value, month.Value))
        {
            return (null, null);
        }
        var date = new DateOnly(year.Value, month.Value, day.Value);
        if (night)
        {
            date = date.AddDays(-1);
        }
        return (WithPart(D(date), m, night ? "NI" : null), date);
    }

    private static (string?, DateOnly?) Weekday(string[] args, ITimeMatch m)
    {
        if (WeekdayOf(m) is not { } wd)
        {
            return (null, null);
        }
        bool night = args.Contains("night");
        string? forced = night || args.Contains("at-night") ? "NI" : null;
        if (RefDay(m) is not { } r)
        {
            return (WithPart("XXXX-WXX-" + wd.ToString(CultureInfo.InvariantCulture), m, forced), null);
        }
        int refWd = ((int)r.DayOfWeek + 6) % 7 + 1;
        int back = (refWd - wd + 7) % 7;      // days back to the same weekday on or before
        int ahead = (wd - refWd + 7) % 7;     // days ahead on or after
        DateOnly date;
        if (args.Contains("this"))
        {
            // This week's day, unless the tense puts it on the other side of the reference.
            date = r.AddDays(wd - refWd);
            if (m.Tense == Tense.Past && date > r)
            {
                date = r.AddDays(-back);
            }
            else if (m.Tense == Tense.Future && date < r)
            {
                date = r.AddDays(ahead);
            }
        }
        else if (args.Contains("next"))
        {
            date = r.AddDays(ahead == 0 ? 7 : ahead);
        }
        else if (args.Contains("last"))
        {
            date = r.AddDays(back == 0 ? -7 : -back);
        }
        else if (args.Contains("past"))
        {
            date = r.AddDays(-back);
        }
        else if (args.Contains("future") || m.Tense != Tense.Past)
        {
            date = r.AddDays(ahead);
        }
        else
        {
            date = r.AddDays(-back);
        }
        if (night)
        {
            date = date.AddDays(-1);
        }
        return (WithPart(D(date), m, forced), date);
    }

    private static (string?, DateOnly?) Day(string[] args, ITimeMatch m)
    {
        int offset = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
        if (RefDay(m) is not { } r)
        {
            return (WithPart("XXXX-XX-XX", m), null);
        }
        var date = r.AddDays(offset);
        return (WithPart(D(date), m), date);
    }

    private static (string?, DateOnly?) Part(ITimeMatch m)
    {
        var day = AnchorDay(m);
        return day is { } d ? (WithPart(D(d), m), d) : (WithPart("XXXX-XX-XX", m), null);
    }

    /// <summary>The calendar unit <paramref name="offset"/> units from the reference (<c>letzte Woche</c>, <c>in diesem Jahr</c>).</summary>
    private static (string?, DateOnly?) Rel(string[] args, ITimeMatch m)
    {
        int offset = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
        string? unit = args.Length > 1 ? args[1] : m.Lexicon("u", "unit") ?? m.Lexicon("u", "units");
        return unit is null ? (null, null) : AtGranularity(m, unit, offset, offset);
    }

    /// <summary><c>vor zwei Wochen</c>, <c>in drei Tagen</c>: the reference moved by a number of units, at that unit's precision.</summary>
    private static (string?, DateOnly?) Shift(string[] args, ITimeMatch m)
    {
        int sign = args.Length > 0 && args[0] == "+" ? 1 : -1;
        string? unit = m.Lexicon("u", "unit") ?? m.Lexicon("u", "units");
        if (unit is null)
        {
            return (null, null);
        }
        if (m.Is("n", "vague"))
        {
            return (sign < 0 ? "PAST_REF" : "FUTURE_REF", null);
        }
        double n = m.Text("n") is { } nt ? NumberOf(nt) ?? double.NaN : 1;
        if (!double.IsNaN(n))
        {
            (n, unit) = Whole(n, unit); // "vor einem halben Jahr": six months
        }
        if (double.IsNaN(n) || n != Math.Floor(n) || n > 10000)
        {
            return (sign < 0 ? "PAST_REF" : "FUTURE_REF", null);
        }
        return AtGranularity(m, unit, sign * (int)n, 0);
    }

    private static (string?, DateOnly?) AtGranularity(ITimeMatch m, string unit, int amount, int offsetForYearOnly)
    {
        var r = m.Reference;
        if (r is null)
        {
            // No reference date: the value keeps the unit's shape with unknown digits.
            return (unit switch
            {
                "Y" => "XXXX",
                "DE" => "XXX",
                "CE" => "XX",
                "M" => "XXXX-XX",
                "Q" => "XXXX-QX",
                "W" => "XXXX-WXX",
                "WE" => "XXXX-WXX-WE",
                _ => "XXXX-XX-XX",
            }, null);
        }
        var ref_ = r.Value;
        switch (unit)
        {
            case "Y":
                return ((ref_.Year + amount).ToString("D4", CultureInfo.InvariantCulture), null);
            case "DE":
                return (((ref_.Year / 10) + amount).ToString("D3", CultureInfo.InvariantCulture), null);
            case "CE":
                return (((ref_.Year / 100) + amount).ToString("D2", CultureInfo.InvariantCulture), null);
            case "M":
                if (ref_.Month is not { } mo)
                {
                    return ("XXXX-XX", null);
                }
                var first = new DateOnly(ref_.Year, mo, 1).AddMonths(amount);
                return (first.ToString("yyyy-MM", CultureInfo.InvariantCulture), null);
            case "Q":
                if (ref_.Month is not { } qm)
                {
                    return ("XXXX-QX", null);
                }
                int q = ((ref_.Year * 4) + ((qm - 1) / 3)) + amount;
                return ((q / 4).ToString("D4", CultureInfo.InvariantCulture) + "-Q" + ((q % 4) + 1).ToString(CultureInfo.InvariantCulture), null);
        }
        if (ref_.AsDate is not { } d)
        {
            return unit switch
            {
                "W" => ("XXXX-WXX", null),
                "WE" => ("XXXX-WXX-WE", null),
                _ => ("XXXX-XX-XX", null),
            };
        }
        switch (unit)
        {
            case "W":
                return (IsoWeek(d.AddDays(7 * amount)), null);
            case "WE":
                return (IsoWeek(d.AddDays(7 * amount)) + "-WE", null);
            case "D":
                var day = d.AddDays(amount);
                return (D(day), day);
            default: // hours, minutes: the day
                return (D(d), d);
        }
    }

    public static string IsoWeek(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return ISOWeek.GetYear(dt).ToString("D4", CultureInfo.InvariantCulture) + "-W" + ISOWeek.GetWeekOfYear(dt).ToString("D2", CultureInfo.InvariantCulture);
    }

    private static string? Duration(ITimeMatch m)
    {
        string? unit = m.Lexicon("u", "unit") ?? m.Lexicon("u", "units");
        if (unit is null or "WE")
        {
            return null;
        }
        string amount;
        if (m.Text("n") is null || m.Is("n", "vague"))
        {
            amount = m.Text("n") is null && m.Lexicon("u", "unit") is not null ? "1" : "X";
        }
        else
        {
            double? n = NumberOf(m.Text("n")!);
            if (n is not { } v || v <= 0 || v > 100000)
            {
                return null;
            }
            (v, unit) = Whole(v, unit);
            amount = v.ToString(CultureInfo.InvariantCulture);
        }
        return unit switch
        {
            "H" => "PT" + amount + "H",
            "MIN" => "PT" + amount + "M",
            "S" => "PT" + amount + "S",
            "DE" => "P" + amount + "DE",
            "CE" => "P" + amount + "CE",
            "Q" => "P" + amount + "Q",
            _ => "P" + amount + unit,
        };
    }

    /// <summary>A feast day: fixed (12-25) or counted from Easter Sunday; the year as written, else the reference's moved by the tense.</summary>
    private static (string?, DateOnly?) Holiday(ITimeMatch m)
    {
        if (m.Lexicon("h", "holiday") is not { } h)
        {
            return (null, null);
        }
        int? written = m.Text("y") is { } ys ? ParseInt(ys) : null;
        var r = m.Reference;
        if (written is null && r is null)
        {
            return (h.StartsWith("easter", StringComparison.Ordinal) ? "XXXX-XX-XX" : "XXXX-" + h, null);
        }
        DateOnly On(int year)
        {
            if (h.StartsWith("easter", StringComparison.Ordinal))
            {
                int offset = h.Length > 6 ? int.Parse(h.AsSpan(6), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
                return EasterSunday(year).AddDays(offset);
            }
            return new DateOnly(year, int.Parse(h.AsSpan(0, 2), CultureInfo.InvariantCulture), int.Parse(h.AsSpan(3, 2), CultureInfo.InvariantCulture));
        }
        int y = written ?? r!.Value.Year;
        var date = On(y);
        if (written is null && r!.Value.AsDate is { } rd)
        {
            if (m.Tense == Tense.Past && date > rd)
            {
                date = On(y - 1);
            }
            else if (m.Tense != Tense.Past && date < rd)
            {
                date = On(y + 1);
            }
        }
        return (D(date), date);
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int mm = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * mm) + 114) / 31;
        int day = ((h + l - (7 * mm) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary><c>zweiwöchigen</c> → P2W, <c>48-stündige</c> → PT48H.</summary>
    private static string? DurationWord(ITimeMatch m)
    {
        if (m.Text("w") is not { } w || !m.Words.TryDurationWord(w, out double n, out string unit))
        {
            return null;
        }
        (n, unit) = Whole(n, unit);
        string amount = n.ToString(CultureInfo.InvariantCulture);
        return unit switch
        {
            "H" => "PT" + amount + "H",
            "MIN" => "PT" + amount + "M",
            _ => "P" + amount + unit,
        };
    }

    /// <summary>Half a year is six months: a fraction goes down a unit when that makes it whole.</summary>
    private static (double, string) Whole(double v, string unit)
    {
        if (v == Math.Floor(v))
        {
            return (v, unit);
        }
        return unit switch
        {
            "Y" when v * 12 == Math.Floor(v * 12) => (v * 12, "M"),
            "D" when v * 24 == Math.Floor(v * 24) => (v * 24, "H"),
            "H" when v * 60 == Math.Floor(v * 60) => (v * 60, "MIN"),
            "W" when v * 7 == Math.Floor(v * 7) => (v * 7, "D"),
            _ => (v, unit),
        };
    }

    private static (string?, DateOnly?) Clock(ITimeMatch m)
    {
        int hour, minute = 0;
        if (m.Text("c") is { } c)
        {
            int sep = c.IndexOfAny([':', '.']);
            hour = int.Parse(c.AsSpan(0, sep), CultureInfo.InvariantCulture);
            minute = int.Parse(c.AsSpan(sep + 1), CultureInfo.InvariantCulture);
        }
        else if (m.Text("h") is { } h && NumberOf(h) is { } hv && hv == Math.Floor(hv))
        {
            hour = (int)hv;
            if (m.Text("mi") is { } mi && ParseInt(mi) is { } mv)
            {
                minute = mv;
            }
        }
        else
        {
            return (null, null);
        }
        if (hour > 24 || minute > 59)
        {
            return (null, null);
        }
        var day = AnchorDay(m);
        string t = "T" + hour.ToString("D2", CultureInfo.InvariantCulture) + ":" + minute.ToString("D2", CultureInfo.InvariantCulture);
        return day is { } d ? (D(d) + t, d) : ("XXXX-XX-XX" + t, null);
    }

    private static (string?, DateOnly?) Weekend(ITimeMatch m)
    {
        if (RefDay(m) is not { } r)
        {
            return ("XXXX-WXX-WE", null);
        }
        int refWd = ((int)r.DayOfWeek + 6) % 7 + 1;
        DateOnly sat = m.Tense == Tense.Future
            ? r.AddDays((6 - refWd + 7) % 7)
            : refWd == 7 ? r.AddDays(-1) : r.AddDays(-((refWd - 6 + 7) % 7));
        return (IsoWeek(sat) + "-WE", null);
    }

    private static (string?, DateOnly?) Decade(ITimeMatch m)
    {
        // "in den 90er Jahren": the century from the reference (or the 1900s), the decade from the number.
        if (m.Text("n") is not { } n || ParseInt(n.TrimEnd('e', 'r', 'n', '-')) is not { } v || v % 10 != 0)
        {
            return (null, null);
        }
        if (v >= 1000)
        {
            return v <= 2190 ? ((v / 10).ToString("D3", CultureInfo.InvariantCulture), null) : (null, null);
        }
        if (v > 90)
        {
            return (null, null);
        }
        int century = v > (m.Reference?.Year ?? 2000) % 100 ? ((m.Reference?.Year ?? 2000) / 100) - 1 : (m.Reference?.Year ?? 2000) / 100;
        return ((century * 10 + (v / 10)).ToString("D3", CultureInfo.InvariantCulture), null);
    }

    private static int? ParseInt(string s)
        => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;

    public static double? NumberOf(string s)
    {
        if (NumberWords.TryParseDigits(s, out double v))
        {
            return v;
        }
        return NumberWords.Default.TryParseWord(s, out v, out var role) && role is NumberRole.Cardinal or NumberRole.CardinalMultiplier or NumberRole.Fraction or NumberRole.Article
            ? v
            : null;
    }

    /// <summary>24.02.2022, 24.2.22, 3.5. (day and month), 2022-02-24.</summary>
    public static bool TryNumericDate(string s, out int? year, out int? month, out int? day)
    {
        year = month = day = null;
        var span = s.AsSpan();
        if (span.Length == 10 && span[4] == '-' && span[7] == '-')
        {
            if (ParseInt(s[..4]) is { } y && ParseInt(s[5..7]) is { } mo && ParseInt(s[8..]) is { } d)
            {
                (year, month, day) = (y, mo, d);
                return mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo);
            }
            return false;
        }
        var parts = s.TrimEnd('.').Split('.');
        if (parts.Length is < 2 or > 3 || parts[0].Length is < 1 or > 2 || parts[1].Length is < 1 or > 2)
        {
            return false;
        }
        if (ParseInt(parts[0]) is not { } dd || ParseInt(parts[1]) is not { } mm)
        {
            return false;
        }
        if (parts.Length == 3)
        {
            if (ParseInt(parts[2]) is not { } yy || parts[2].Length is not (2 or 4))
            {
                return false;
            }
            year = parts[2].Length == 2 ? (yy < 50 ? 2000 + yy : 1900 + yy) : yy;
        }
        else if (!s.EndsWith('.'))
        {
            return false; // 3.5 without the closing stop is a decimal or a version
        }
        (month, day) = (mm, dd);
        return mm is >= 1 and <= 12 && dd is >= 1 and <= 31 && (year is null || dd <= DateTime.DaysInMonth(year.Value, mm));
    }
}
