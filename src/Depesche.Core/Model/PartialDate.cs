using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Depesche.Model;

/// <summary>
/// A calendar date known to the year, the month or the day (<c>2022</c>, <c>2022-02</c>, <c>2022-02-25</c>).
/// Reports often carry only a month; nothing here invents the missing parts.
/// </summary>
public readonly record struct PartialDate
{
    public PartialDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year));
        }
        if (month is { } m && (m < 1 || m > 12))
        {
            throw new ArgumentOutOfRangeException(nameof(month));
        }
        if (day is { } d)
        {
            if (month is null || d < 1 || d > DateTime.DaysInMonth(year, month.Value))
            {
                throw new ArgumentOutOfRangeException(nameof(day));
            }
        }
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }

    public int? Month { get; }

    public int? Day { get; }

    public bool IsFullDate => Day is not null;

    /// <summary>The full date, when the day is known.</summary>
    public DateOnly? AsDate => Day is { } d ? new DateOnly(Year, Month!.Value, d) : null;

    public static PartialDate FromDate(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>; anything else (or an impossible date) fails.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out PartialDate? date)
    {
        date = null;
        s = s.Trim();
        if (s.Length is not (4 or 7 or 10) || !AllDigits(s[..4]))
        {
            return false;
        }
        int year = int.Parse(s[..4], CultureInfo.InvariantCulture);
        if (year < 1)
        {
            return false;
        }
        if (s.Length == 4)
        {
            date = new PartialDate(year);
            return true;
        }
        if (s[4] != '-' || !AllDigits(s.Slice(5, 2)))
        {
            return false;
        }
        int month = int.Parse(s.Slice(5, 2), CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return false;
        }
        if (s.Length == 7)
        {
            date = new PartialDate(year, month);
            return true;
        }
        if (s[7] != '-' || !AllDigits(s.Slice(8, 2)))
        {
            return false;
        }
        int day = int.Parse(s.Slice(8, 2), CultureInfo.InvariantCulture);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>True when this date is at least as precise as <paramref name="other"/>.</summary>
    public bool IsAtLeastAsPreciseAs(PartialDate other) => Precision >= other.Precision;

    private int Precision => Day is not null ? 3 : Month is not null ? 2 : 1;

    public override string ToString() => Day is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{d:D2}")
        : Month is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}")
            : Year.ToString("D4", CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
