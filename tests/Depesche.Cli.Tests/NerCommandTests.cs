using System.Text;

namespace Depesche.Tests;

public class NerCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    private static string TempFile(string name, string content)
    {
        string dir = Path.Combine(Path.GetTempPath(), "depesche-cli-ner", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    // GermEval-style input: '#' source lines, numbered tokens, a '#' token, two blank lines at one place.
    private const string GermEvalInput =
        "#\thttp://example.org\t[2022-02-24]\n1\tNato-Generalsekretär\tO\tO\n2\tJens\tB-PER\tO\n3\tStoltenberg\tI-PER\tO\n4\twarnte\tO\tO\n5\t#\tO\tO\n6\tRussland\tB-LOC\tO\n7\t.\tO\tO\n\n\n" +
        "#\thttp://example.org\t[2022-02-24]\n1\tDie\tO\tO\n2\tukrainische\tB-LOCderiv\tO\n3\tArmee\tO\tO\n\n";

    [Fact]
    public void Ner_conll_keeps_every_token_and_blank_line_and_labels_in_germeval_form()
    {
        string input = TempFile("in.tsv", GermEvalInput);
        var (code, stdout, stderr) = Run("ner", "--conll", input);
        Assert.Equal(0, code);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        var expectedTokens = GermEvalInput.Split('\n').Where(l => !l.StartsWith('#'))
            .Select(l => l.Length == 0 ? "" : l.Split('\t')[1]).ToList();
        var lines = stdout.Split('\n').ToList();
        Assert.Equal(expectedTokens, lines.Select(l => l.Length == 0 ? "" : l.Split('\t')[0]).ToList());
        foreach (string l in lines.Where(l => l.Length > 0))
        {
            Assert.Matches(@"^[^\t]+\t(O|[BI]-(PER|ORG|LOC|OTH)(deriv|part)?)$", l);
        }
        // Labels come from the model; what this test pins is the structure (the seed-report test checks names).
        Assert.Contains(lines, l => l.EndsWith("\tO", StringComparison.Ordinal));
    }

    [Fact]
    public void Ner_conll_reads_plain_token_per_line_input()
    {
        string input = TempFile("plain.txt", "Angela\nMerkel\nbesuchte\nParis\n.\n");
        var (code, stdout, _) = Run("ner", "--conll", input);
        Assert.Equal(0, code);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal(new[] { "Angela", "Merkel", "besuchte", "Paris", "." }, lines.Select(l => l.Split('\t')[0]));
    }


    [Fact]
    public void Ner_conll_keeps_numbers_of_conll_input_as_tokens()
    {
        // CoNLL layout (token first, label last): a number in column 1 is a token, not a GermEval index, and a
        // hashtag is a token, not a comment.
        string input = TempFile("numbers.conll", "Seit\t_\tO\n2019\t_\tB-DATE\nwuchs\t_\tO\n1\t_\tB-NUMBER\nFirma\t_\tO\n#Wachstum\t_\tO\n.\t_\tO\n");
        var (code, stdout, _) = Run("ner", "--conll", input);
        Assert.Equal(0, code);
        var tokens = stdout.TrimEnd('\n').Split('\n').Select(l => l.Split('\t')[0]);
        Assert.Equal(new[] { "Seit", "2019", "wuchs", "1", "Firma", "#Wachstum", "." }, tokens);
    }
    [Fact]
    public void Train_ner_is_reproducible_and_a_bad_model_is_a_coded_error()
    {
        string data = TempFile("train.tsv", GermEvalInput);
        string a = Path.Combine(Path.GetDirectoryName(data)!, "a.dpm");
        string b = Path.Combine(Path.GetDirectoryName(data)!, "b.dpm");
        Assert.Equal(0, Run("train", "ner", "--data", data, "--dev", data, "--seed", "4", "--epochs", "2", "--out", a).Code);
        Assert.Equal(0, Run("train", "ner", "--data", data, "--dev", data, "--seed", "4", "--epochs", "2", "--out", b).Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

        string bad = TempFile("bad.dpm", "DPSM surely not a model");
        string output = Path.Combine(Path.GetDirectoryName(data)!, "out.tsv");
        File.Delete(output);
        var (code, stdout, stderr) = Run("ner", "--conll", data, "--model", bad, "-o", output);
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0100", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Jackknifed_stacking_trains_reproducibly_and_needs_aux_data()
    {
        string data = TempFile("jk-train.tsv", GermEvalInput + GermEvalInput);
        string aux = TempFile("jk-aux.conll", "-DOCSTART-\t_\tO\n\nSiemens\t_\tB-ORGANIZATION_COMPANY\nbaut\t_\tO\nin\t_\tO\nBerlin\t_\tB-LOCATION_CITY\n\n");
        string a = Path.Combine(Path.GetDirectoryName(data)!, "jk-a.dpm");
        string b = Path.Combine(Path.GetDirectoryName(data)!, "jk-b.dpm");
        Assert.Equal(0, Run("train", "ner", "--data", data, "--aux-data", aux, "--jackknife", "2", "--epochs", "2", "--out", a).Code);
        Assert.Equal(0, Run("train", "ner", "--data", data, "--aux-data", aux, "--jackknife", "2", "--epochs", "2", "--out", b).Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        var (code, stdout, _) = Run("ner", "--conll", data, "--model", a);
        Assert.Equal(0, code);
        Assert.NotEmpty(stdout);

        var bad = Run("train", "ner", "--data", data, "--jackknife", "2", "--out", a);
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("DEP0006", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_input_is_DEP0001_and_bad_training_labels_are_DEP0150()
    {
        var (code, _, stderr) = Run("ner", "--conll", "/no/such/file.tsv");
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0001", stderr, StringComparison.Ordinal);

        string data = TempFile("badlabels.tsv", "#\tx\n1\tBerlin\tB-CITY\tO\n\n");
        var r = Run("train", "ner", "--data", data, "--out", Path.Combine(Path.GetTempPath(), "never-ner.dpm"));
        Assert.NotEqual(0, r.Code);
        Assert.Contains("DEP0150", r.Stderr, StringComparison.Ordinal);
    }
}
