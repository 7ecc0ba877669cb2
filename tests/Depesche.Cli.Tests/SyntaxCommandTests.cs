using System.Text;
using Depesche.Cli;

namespace Depesche.Tests;

/// <summary>The syntax commands end to end: <c>parse --conllu</c>, and bad models or inputs as coded errors without partial output.</summary>
public class SyntaxCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    private static string TempFile(string name, byte[] content)
    {
        string dir = Path.Combine(Path.GetTempPath(), "depesche-cli-syntax", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private const string Sample = "# text = Zum Glück regnet es.\n" +
        "1-2\tZum\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "1\tZu\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "2\tdem\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "3\tGlück\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "4\tregnet\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "5\tes\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n" +
        "6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";

    [Fact]
    public void Parse_conllu_keeps_ids_and_forms_and_fills_the_predicted_columns()
    {
        string input = TempFile("sample.conllu", Encoding.UTF8.GetBytes(Sample));
        var (code, stdout, stderr) = Run("parse", "--conllu", input);
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# text = Zum Glück regnet es.", lines[0]);
        var inLines = Sample.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inLines.Length, lines.Length);
        Assert.Equal(inLines[1], lines[1]); // the range line passes through
        for (int i = 2; i < lines.Length; i++)
        {
            var a = inLines[i].Split('\t');
            var b = lines[i].Split('\t');
            Assert.Equal(10, b.Length);
            Assert.Equal(a[0], b[0]);
            Assert.Equal(a[1], b[1]);
            Assert.Equal(a[9], b[9]);
            Assert.NotEqual("_", b[3]);
            Assert.Matches("^[0-6]$", b[6]);
        }
        Assert.Single(lines, l => l.Split('\t') is { Length: 10 } c && c[6] == "0" && c[7] == "root");
    }

    [Fact]
    public void A_bad_tagger_model_is_a_coded_error_and_writes_nothing()
    {
        string input = TempFile("ok.conllu", Encoding.UTF8.GetBytes(Sample));
        string model = TempFile("bad.dpm", "DPSM this is not really a model"u8.ToArray());
        string output = Path.Combine(Path.GetDirectoryName(model)!, "out.conllu");
        File.Delete(output);
        var (code, stdout, stderr) = Run("parse", "--conllu", input, "--tagger", model, "-o", output);
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0100", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_parser_file_given_as_tagger_is_DEP0102()
    {
        string input = TempFile("ok2.conllu", Encoding.UTF8.GetBytes(Sample));
        string repo = SharedData.RepositoryRoot ?? throw new InvalidOperationException("repository root not found");
        var (code, _, stderr) = Run("parse", "--conllu", input, "--tagger", Path.Combine(repo, "models", "de-parser.dpm"));
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0102", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_conllu_is_DEP0103()
    {
        string input = TempFile("bad.conllu", "1\tonly three\tcolumns\n\n"u8.ToArray());
        var (code, stdout, stderr) = Run("parse", "--conllu", input);
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0103", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Training_reads_its_data_and_a_missing_file_is_DEP0001()
    {
        var (code, _, stderr) = Run("train", "tagger", "--data", "/no/such/file.conllu", "--out", Path.Combine(Path.GetTempPath(), "never.dpm"));
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0001", stderr, StringComparison.Ordinal);
    }
}

public class ExtractWordsTests
{
    [Fact]
    public void Extract_with_tokens_carries_lemma_pos_and_head_for_every_word()
    {
        string dir = Path.Combine(Path.GetTempPath(), "depesche-cli-words", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "report.txt");
        File.WriteAllText(path, "Berlin (dpa) - Die Regierung hat am Montag neue Hilfen beschlossen. Sie gelten ab sofort.");
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int code = DepescheCli.Run(["extract", "--tokens", path], new CliConsole(() => new MemoryStream(), stdout, stderr));
        Assert.True(code == 0, stderr.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToArray());
        var tokens = json.RootElement.GetProperty("tokens");
        var words = json.RootElement.GetProperty("words").EnumerateArray().ToList();
        Assert.True(words.Count >= 14);
        int roots = 0;
        foreach (var w in words)
        {
            int token = w.GetProperty("token").GetInt32();
            Assert.InRange(token, 0, tokens.GetArrayLength() - 1);
            Assert.False(string.IsNullOrEmpty(w.GetProperty("lemma").GetString()));
            Assert.False(string.IsNullOrEmpty(w.GetProperty("upos").GetString()));
            Assert.False(string.IsNullOrEmpty(w.GetProperty("xpos").GetString()));
            var head = w.GetProperty("head");
            if (head.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                roots++;
                Assert.Equal("root", w.GetProperty("deprel").GetString());
            }
            else
            {
                Assert.InRange(head.GetInt32(), 0, words.Count - 1);
            }
        }
        Assert.Equal(2, roots); // two sentences
        // "am" is split into "an" + "dem", both on the token "am".
        var am = words.Where(w => tokens[w.GetProperty("token").GetInt32()].GetProperty("text").GetString() == "am").Select(w => w.GetProperty("form").GetString()).ToList();
        Assert.Equal(["an", "dem"], am);
        var regierung = words.Single(w => w.GetProperty("form").GetString() == "Regierung");
        Assert.Equal("NOUN", regierung.GetProperty("upos").GetString());
    }

    [Fact]
    public void Extract_without_tokens_writes_no_words()
    {
        var stdout = new MemoryStream();
        var stdin = new MemoryStream("Die Regierung tagt."u8.ToArray());
        int code = DepescheCli.Run(["extract", "-"], new CliConsole(() => stdin, stdout, new StringWriter()));
        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToArray());
        Assert.False(json.RootElement.TryGetProperty("words", out _));
    }
}
