using System.Text.Json;

namespace Depesche.Tests;

public class KbCommandTests
{
    [Fact]
    public void Kb_query_answers_on_stdout()
    {
        var r = CliRunner.Run(["kb", "query", "role Regierungschef IT 2022-02-25"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Mario Draghi", r.Stdout.Trim());
    }

    [Theory]
    [InlineData("role Kremlchef yesterday")]
    [InlineData("weather Berlin")]
    [InlineData("member XX org:nato 2022")]
    public void A_malformed_query_is_a_usage_error_with_a_code(string query)
    {
        var r = CliRunner.Run(["kb", "query", query]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DEP0401", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Kb_stats_reports_counts_and_load_time()
    {
        var r = CliRunner.Run(["kb", "stats", "--repeat", "1"]);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        var root = json.RootElement;
        Assert.Equal(193, root.GetProperty("un_members").GetInt32());
        Assert.True(root.GetProperty("persons").GetInt32() > 300);
        Assert.True(root.GetProperty("first_load_ms").GetDouble() > 0);
    }

    [Fact]
    public void Kb_bench_ends_with_one_json_line_of_figures()
    {
        var r = CliRunner.Run(["kb", "bench", CliRunner.Sample("ostsee-manoever.txt"), "--min-seconds", "0.05"]);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout.TrimEnd().Split('\n')[^1]);
        Assert.True(json.RootElement.GetProperty("tokens_per_s").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("candidates").GetInt32() > 0);
    }

    [Fact]
    public void Kb_link_writes_one_json_object_per_report_with_linked_entities()
    {
        var r = CliRunner.Run(["kb", "link", CliRunner.Sample("ostsee-manoever.txt"), "--date", "2022-02-25"]);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.TrimEnd().Split('\n');
        Assert.Single(lines);
        using var json = JsonDocument.Parse(lines[0]);
        var entities = json.RootElement.GetProperty("entities");
        Assert.True(entities.GetArrayLength() > 0);
        Assert.Contains(entities.EnumerateArray(), e => e.GetProperty("kb").ValueKind == JsonValueKind.String);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("entity_facts").ValueKind);
    }

    [Fact]
    public void Kb_link_rejects_a_malformed_date()
    {
        var r = CliRunner.Run(["kb", "link", CliRunner.Sample("ostsee-manoever.txt"), "--date", "25.02.2022"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DEP0006", r.Stderr);
        Assert.Equal("", r.Stdout);
    }
}
