using System.Text.Json;

namespace Depesche.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Bench_ends_with_one_json_line_of_figures()
    {
        var r = CliRunner.Run(["bench", CliRunner.Sample("ostsee-manoever.txt"), "--stage", "segment", "--min-seconds", "0.05"]);
        Assert.Equal(0, r.ExitCode);
        string last = r.Stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal("segment", root.GetProperty("stage").GetString());
        Assert.Equal(1, root.GetProperty("documents").GetInt32());
        foreach (string key in new[] { "mb_per_s", "words_per_s", "floor_mb_per_s", "peak_rss_mb" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
        // segment is the first stage: all of its time is its own
        Assert.Equal(1.0, root.GetProperty("own_share").GetDouble(), 3);
    }

    [Fact]
    public void An_unknown_stage_is_a_usage_error()
    {
        var r = CliRunner.Run(["bench", CliRunner.Sample("ostsee-manoever.txt"), "--stage", "everything"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DEP0006", r.Stderr);
    }
}

public class BenchCorpusTests
{
    [Fact]
    public void A_missing_corpus_is_named_once_with_its_code()
    {
        var r = CliRunner.Run(["bench", "/no/such/corpus.jsonl", "--min-seconds", "0.05"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("depesche: DEP0001: /no/such/corpus.jsonl: no such file or folder", r.Stderr);
        Assert.DoesNotContain("DEP0001: DEP0001", r.Stderr);
    }
}
