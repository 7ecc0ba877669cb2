using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests.Times;

/// <summary>The table tests of <see cref="TimeCases"/> and <see cref="QuantityCases"/>, one case each.</summary>
public class TimesAndQuantitiesTests
{
    public static TheoryData<string> TimeLines() => Lines(TimeCases.Lines);

    public static TheoryData<string> QuantityLines() => Lines(QuantityCases.Lines);

    private static TheoryData<string> Lines(string block)
    {
        var data = new TheoryData<string>();
        foreach (var line in block.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            data.Add(line);
        }
        return data;
    }

    [Fact]
    public void The_tables_are_large_enough()
    {
        Assert.True(TimeLines().Count >= 150, "at least 150 time expressions");
        Assert.True(QuantityLines().Count >= 100, "at least 100 quantity sentences");
    }

    [Theory]
    [MemberData(nameof(TimeLines))]
    public void Time_expression(string line)
    {
        var (input, expected) = Split(line);
        string actual = TimesTestSupport.Times(input);
        if (expected == "-")
        {
            Assert.Equal("-", actual);
            return;
        }
        var found = actual.Split("; ");
        foreach (var e in expected.Split("; "))
        {
            Assert.True(found.Contains(e), $"expected '{e}', found '{actual}'");
        }
    }

    [Theory]
    [MemberData(nameof(QuantityLines))]
    public void Quantity(string line)
    {
        var (input, expected) = Split(line);
        Assert.Equal(expected, TimesTestSupport.Quantities(input));
    }

    [Fact]
    public void The_header_date_is_a_time_expression()
    {
        var doc = TimesTestSupport.Run(" date 2022-02 Brüssel (dpa) - Die Nato tagt am Dienstag.");
        var times = doc.GetOrEmpty(Layers.Times);
        Assert.Equal("2022-02", doc.TextOf(times[0].Range));
        Assert.Equal("2022-02", times[0].Value);
        Assert.Equal("XXXX-WXX-2", times[1].Value); // only the month is known: no day for the weekday
    }

    [Fact]
    public void Without_a_full_reference_date_no_weekday_gets_a_day()
    {
        var doc = TimesTestSupport.Run("Am Montag, am Dienstag und am kommenden Freitag, gestern und heute: nichts geschah.");
        foreach (var t in doc.GetOrEmpty(Layers.Times))
        {
            Assert.StartsWith("XXXX", t.Value);
        }
        Assert.Equal(5, doc.GetOrEmpty(Layers.Times).Length);
    }

    [Fact]
    public void Spans_lie_on_token_boundaries_in_odd_input()
    {
        foreach (var text in new[] { "am", "24.", "am 24.", "in der Nacht zum", "rund", "zwischen 30 und", "30 bis", "- 40 -", "Am Montag, den", "eine halbe", "1.000.000.000.000.000.000 Euro" })
        {
            TimesTestSupport.Run(text, new DateOnly(2022, 2, 25));
            TimesTestSupport.Run(text);
        }
    }

    private static (string Input, string Expected) Split(string line)
    {
        int arrow = line.LastIndexOf(" => ", StringComparison.Ordinal);
        return (line[..arrow], line[(arrow + 4)..]);
    }
}
