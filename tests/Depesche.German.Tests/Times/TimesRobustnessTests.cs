using Depesche.German.Times;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests.Times;

/// <summary>The times stage on pathological inputs, and the calendar arithmetic behind some values.</summary>
public class TimesRobustnessTests
{
    [Theory]
    [MemberData(nameof(NaughtyInputTests.Inputs), MemberType = typeof(NaughtyInputTests))]
    public void Survives_naughty_input(string name, string text)
    {
        _ = name;
        TimesTestSupport.Run(text, new DateOnly(2022, 2, 25));
        TimesTestSupport.Run(text);
    }

    [Fact]
    public void Survives_number_and_date_soup()
    {
        var rng = new Random(42);
        string[] pieces = ["am", "24.", "Februar", "2022", "rund", "13.700", "zwischen", "und", "bis", "-", "Millionen", "eine", "halbe",
            "Montag", "Nacht", "zum", "vor", "zwei", "Wochen", "seit", "Jahren", "um", "14:30", "Uhr", "(", ")", "„", "“", "minus", "1,5",
            "74-Jährige", "Jahre", "alt", ",", ".", "Tage", "später", "vom", "27.", "Dezember", "jeden", "heute", "Morgen", "90er", "zweiwöchigen"];
        for (int n = 0; n < 200; n++)
        {
            var words = Enumerable.Range(0, rng.Next(1, 30)).Select(_ => pieces[rng.Next(pieces.Length)]);
            string text = string.Join(' ', words);
            var doc = TimesTestSupport.Run(text, rng.Next(2) == 0 ? new DateOnly(2022, 2, 25) : null);
            foreach (var t in doc.GetOrEmpty(Layers.Times))
            {
                Assert.False(string.IsNullOrEmpty(t.Value), $"empty value in '{text}'");
            }
        }
    }

    [Theory]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2022, 4, 17)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    public void Easter_sunday(int year, int month, int day)
        => Assert.Equal(new DateOnly(year, month, day), TimeNormalizer.EasterSunday(year));

    [Theory]
    [InlineData(2022, 2, 25, "2022-W08")]
    [InlineData(2021, 1, 3, "2020-W53")]
    [InlineData(2008, 3, 17, "2008-W12")]
    public void Iso_weeks(int y, int m, int d, string expected)
        => Assert.Equal(expected, TimeNormalizer.IsoWeek(new DateOnly(y, m, d)));
}
