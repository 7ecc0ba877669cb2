using System.Text;
using System.Text.Json;

namespace Depesche.Tests;

public sealed class ExtractCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("depesche-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_sample_report_gives_the_json_contract()
    {
        string path = CliRunner.Sample("ostsee-manoever.txt");
        var r = CliRunner.Run(["extract", path]);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal("ostsee-manoever", root.GetProperty("id").GetString());
        Assert.Equal(File.ReadAllText(path), root.GetProperty("text").GetString());
        Assert.Equal("2024-06-14", root.GetProperty("meta").GetProperty("date").GetString());
        Assert.Equal("Kiel", root.GetProperty("meta").GetProperty("dateline").GetProperty("place").GetString());
        Assert.Contains(root.GetProperty("paragraphs").EnumerateArray(), p => p.GetProperty("kind").GetString() == "heading");
        Assert.True(root.GetProperty("sentences").GetArrayLength() >= 8);
    }

    [Fact]
    public void A_missing_file_is_named_with_its_code_and_exit_1()
    {
        var r = CliRunner.Run(["extract", Path.Combine(_dir, "nope.txt")]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("DEP0001", r.Stderr);
        Assert.Contains("nope.txt", r.Stderr);
        Assert.Equal("", r.Stdout);
        CliRunner.AssertNoStackTrace(r);
    }

    [Fact]
    public void Good_inputs_are_processed_and_every_bad_one_is_named()
    {
        string good = Write("good.txt", "Berlin (dpa) - Ein guter Text.");
        string latin1 = WriteBytes("latin1.txt", [0x47, 0x72, 0xFC, 0x6E]);
        string binary = WriteBytes("image.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]);
        var r = CliRunner.Run(["extract", good, latin1, Path.Combine(_dir, "missing.txt"), binary]);
        Assert.Equal(1, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal("good", json.RootElement.GetProperty("id").GetString());
        Assert.Contains("DEP0002", r.Stderr);
        Assert.Contains("latin1.txt", r.Stderr);
        Assert.Contains("DEP0001", r.Stderr);
        Assert.Contains("DEP0003", r.Stderr);
        Assert.Contains("image.png", r.Stderr);
        CliRunner.AssertNoStackTrace(r);
    }

    [Fact]
    public void Json_lines_from_stdin_name_the_bad_line()
    {
        string input = "{\"id\": \"a\", \"text\": \"Erster Text.\", \"date\": \"2022-02-25\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"Dritter Text.\"}\n";
        var r = CliRunner.Run(["extract", "-", "--format", "jsonl"], input);
        Assert.Equal(1, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("a", first.RootElement.GetProperty("id").GetString());
            Assert.Equal("2022-02-25", first.RootElement.GetProperty("meta").GetProperty("reference_date").GetString());
        }
        Assert.Contains("DEP0005", r.Stderr);
        Assert.Contains("stdin:2", r.Stderr);
    }

    [Fact]
    public void Several_reports_in_json_format_make_an_array()
    {
        var r = CliRunner.Run(["extract", Write("a.txt", "Eins."), Write("b.txt", "Zwei.")]);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(["a", "b"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("2022-02-30")]
    [InlineData("25.02.2022")]
    [InlineData("gestern")]
    public void A_malformed_date_is_a_usage_error(string date)
    {
        var r = CliRunner.Run(["extract", CliRunner.Sample("gipfel-kurz.txt"), "--date", date]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DEP0006", r.Stderr);
        Assert.Equal("", r.Stdout);
        CliRunner.AssertNoStackTrace(r);
    }

    [Fact]
    public void The_date_option_sets_the_reference_date()
    {
        var r = CliRunner.Run(["extract", CliRunner.Sample("gipfel-kurz.txt"), "--date", "2024-06-12"]);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal("2024-06-12", json.RootElement.GetProperty("meta").GetProperty("reference_date").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("meta").GetProperty("date").ValueKind);
    }

    [Fact]
    public void Unknown_options_and_formats_are_usage_errors()
    {
        var r = CliRunner.Run(["extract", "x.txt", "--colour"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DEP0006", r.Stderr);
        r = CliRunner.Run(["extract", "x.txt", "--format", "xml"]);
        Assert.Equal(2, r.ExitCode);
        r = CliRunner.Run(["extract"]);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Output_goes_to_a_file_whole_and_leaves_no_temporary_file()
    {
        string outPath = Path.Combine(_dir, "out.json");
        var r = CliRunner.Run(["extract", CliRunner.Sample("gipfel-kurz.txt"), "--pretty", "-o", outPath]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(outPath));
        Assert.Equal("gipfel-kurz", json.RootElement.GetProperty("id").GetString());
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Output_into_a_missing_folder_fails_cleanly()
    {
        var r = CliRunner.Run(["extract", CliRunner.Sample("gipfel-kurz.txt"), "-o", Path.Combine(_dir, "no", "such", "out.json")]);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("DEP0008", r.Stderr);
        CliRunner.AssertNoStackTrace(r);
    }

    [Fact]
    public void Crlf_text_comes_back_unchanged()
    {
        string text = "Berlin (dpa) - Erste Zeile.\r\n\r\nZweite Zeile.\r\n";
        var r = CliRunner.Run(["extract", Write("crlf.txt", text)]);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(text, json.RootElement.GetProperty("text").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("paragraphs").GetArrayLength());
    }

    [Fact]
    public void Tokens_are_written_on_request()
    {
        var r = CliRunner.Run(["extract", "-", "--tokens"], "Rund 13.700 Soldaten.");
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(["Rund", "13.700", "Soldaten", "."], json.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("text").GetString()));
    }

    [Fact]
    public void Help_and_version_work()
    {
        var help = CliRunner.Run(["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("extract", help.Stdout);
        var version = CliRunner.Run(["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout.Trim());
    }
}

public class EventTableTests
{
    [Fact]
    public void Events_come_out_as_a_tab_separated_table_with_codes_and_offsets()
    {
        var r = CliRunner.Run(["extract", "-", "--format", "events", "--date", "2024-06-12"],
            "Berlin (dpa) - Die Polizei nahm am Montag drei Demonstranten fest. Russische Truppen griffen die Ukraine an.");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split('\t');
        Assert.Equal("document", header[0]);
        Assert.True(lines.Length >= 2, r.Stdout);
        int width = header.Length;
        Assert.All(lines, l => Assert.Equal(width, l.Split('\t').Length));
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        var coerce = rows.First(row => row[Array.IndexOf(header, "type")] == "COERCE");
        Assert.Equal("17", coerce[Array.IndexOf(header, "cameo")]);
        int start = int.Parse(coerce[Array.IndexOf(header, "trigger_start")], System.Globalization.CultureInfo.InvariantCulture);
        int end = int.Parse(coerce[Array.IndexOf(header, "trigger_end")], System.Globalization.CultureInfo.InvariantCulture);
        string text = "Berlin (dpa) - Die Polizei nahm am Montag drei Demonstranten fest. Russische Truppen griffen die Ukraine an.";
        Assert.Equal(coerce[Array.IndexOf(header, "trigger")], text[start..end]);
        Assert.Equal("2024-06-12", coerce[Array.IndexOf(header, "date")]);
        Assert.Equal("stated", coerce[Array.IndexOf(header, "actor_origin")]);
    }

    [Fact]
    public void An_unknown_perpetrator_is_written_as_such_in_the_table_and_in_json()
    {
        const string text = "Bei einem Bombenanschlag in Mogadischu wurden neun Menschen getötet.";
        var table = CliRunner.Run(["extract", "-", "--format", "events"], text);
        Assert.Equal(0, table.ExitCode);
        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split('\t');
        var row = Assert.Single(lines.Skip(1)).Split('\t');
        Assert.Equal("unknown", row[Array.IndexOf(header, "actor_origin")]);
        Assert.Equal("unbekannt", row[Array.IndexOf(header, "actor_text")]);
        Assert.Equal("", row[Array.IndexOf(header, "actor_code")]);

        var json = CliRunner.Run(["extract", "-"], text);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var actor = doc.RootElement.GetProperty("events")[0].GetProperty("actor");
        Assert.Equal("unknown", actor.GetProperty("origin").GetString());
        Assert.Equal("unbekannt", actor.GetProperty("text").GetString());
        Assert.False(actor.TryGetProperty("start", out _)); // no characters name an unknown perpetrator
    }
}
