using Depesche.Learning.Clustering;

namespace Depesche.Tests;

public class ClusterCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var r = CliRunner.Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "depesche-cli-clusters", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Train_clusters_reads_speeches_conllu_and_germeval_and_writes_the_same_file_for_the_same_seed()
    {
        string dir = TempDir();
        string speech = Path.Combine(dir, "speech.json");
        File.WriteAllText(speech, """{"Sentences":[{"SentenceId":0,"Tokens":["Der","Hund","läuft","in","Berlin","."]},{"SentenceId":1,"Tokens":["Die","Katze","schläft","in","Wien","."]}]}""");
        string conllu = Path.Combine(dir, "t.conllu");
        File.WriteAllText(conllu, "# text = Der Hund schläft im Bern.\n1\tDer\t_\n2\tHund\t_\n3\tschläft\t_\n4-5\tim\t_\n4\tin\t_\n5\tdem\t_\n6\tBern\t_\n7\t.\t_\n\n");
        string germEval = Path.Combine(dir, "g.tsv");
        File.WriteAllText(germEval, "#\tsrc\n1\tDie\tO\tO\n2\tKatze\tO\tO\n3\tläuft\tO\tO\n4\tin\tO\tO\n5\tWien\tB-LOC\tO\n6\t.\tO\tO\n\n");
        string a = Path.Combine(dir, "a.tsv"), b = Path.Combine(dir, "b.tsv");
        var (code, _, stderr) = Run("train", "clusters", "--data", speech, conllu, germEval, "--classes", "4", "2", "--seed", "3", "--min-count", "1", "--out", a);
        Assert.True(code == 0, stderr);
        Assert.Equal(0, Run("train", "clusters", "--data", germEval, conllu, speech, "--classes", "4", "2", "--seed", "3", "--min-count", "1", "--out", b).Code);
        // The file does not depend on the order of the inputs.
        Assert.Equal(File.ReadAllLines(a).Skip(4), File.ReadAllLines(b).Skip(4));
        var clusters = WordClusters.Parse(a, File.ReadAllText(a));
        Assert.Equal(2, clusters.Levels);
        // "im" (the multi-word token's surface) was read, "dem" (one of its words) was not.
        Assert.Contains("Hund", clusters.Words);
        Assert.Contains("im", clusters.Words);
        Assert.DoesNotContain("dem", clusters.Words);
        Span<int> c = stackalloc int[2];
        Assert.Equal(1, clusters.Lookup("Katze", c));
    }

    [Fact]
    public void Bad_arguments_and_inputs_are_coded_errors_without_output()
    {
        string dir = TempDir();
        string output = Path.Combine(dir, "out.tsv");
        var (code, _, stderr) = Run("train", "clusters", "--data", Path.Combine(dir, "missing.json"), "--out", output);
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0001", stderr, StringComparison.Ordinal);
        string bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, "{\"Sentences\": 3}");
        (code, _, stderr) = Run("train", "clusters", "--data", bad, "--out", output);
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0104", stderr, StringComparison.Ordinal);
        (code, _, stderr) = Run("train", "clusters", "--data", bad, "--classes", "1", "--out", output);
        Assert.NotEqual(0, code);
        Assert.Contains("DEP0006", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
