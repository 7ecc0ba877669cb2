using System.Globalization;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests.Times;

/// <summary>The seed report against its gold times and quantities (read from ../shared at run time).</summary>
public class SeedTimesTests
{
    private static Document RunSeed(DateOnly? date)
    {
        string text = File.ReadAllText(SharedData.Path("seed", "nato-2022-02.txt"));
        return TimesTestSupport.Run(text, date);
    }

    [SharedDataFact]
    public void The_seed_quantities_match_the_gold()
    {
        var doc = RunSeed(new DateOnly(2022, 2, 25));
        using var gold = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedData.Path("seed", "nato-2022-02.gold.json")));
        var found = doc.GetOrEmpty(Layers.Quantities);
        foreach (var g in gold.RootElement.GetProperty("quantities").EnumerateArray())
        {
            double value = g.GetProperty("value").GetDouble();
            string approx = g.GetProperty("approx").GetString()!;
            string text = g.GetProperty("text").GetString()!;
            Assert.Contains(found, q => q.Value == value && TimesTestSupport.Approx(q.Approx) == approx && doc.TextOf(q.Range) == text);
        }
        Assert.Equal(gold.RootElement.GetProperty("quantities").GetArrayLength(), found.Length);
    }

    [SharedDataFact]
    public void The_seed_times_are_found_and_normalised()
    {
        var doc = RunSeed(new DateOnly(2022, 2, 25));
        using var gold = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedData.Path("seed", "nato-2022-02.gold.json")));
        var times = doc.GetOrEmpty(Layers.Times);
        int expected = 0, right = 0;
        foreach (var g in gold.RootElement.GetProperty("times").EnumerateArray())
        {
            int count = g.TryGetProperty("count", out var c) ? c.GetInt32() : 1;
            var accept = new HashSet<string> { g.GetProperty("value").GetString()! };
            if (g.TryGetProperty("accept", out var acc))
            {
                accept.UnionWith(acc.EnumerateArray().Select(a => a.GetString()!));
            }
            string text = g.GetProperty("text").GetString()!;
            expected += count;
            right += Math.Min(count, times.Count(t => doc.TextOf(t.Range).Contains(text, StringComparison.OrdinalIgnoreCase) && accept.Contains(t.Value)));
        }
        Assert.True(right >= 10, string.Create(CultureInfo.InvariantCulture, $"{right} of {expected} seed times normalised right"));
    }

    [SharedDataFact]
    public void Without_a_date_the_seed_weekdays_stay_underspecified()
    {
        var doc = RunSeed(null);
        var times = doc.GetOrEmpty(Layers.Times);
        var dienstag = times.Single(t => doc.TextOf(t.Range) == "am Dienstag");
        Assert.Equal("XXXX-WXX-2", dienstag.Value);
        Assert.DoesNotContain(times, t => t.Value.StartsWith("2022-02-2", StringComparison.Ordinal));
    }
}
