using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Depesche.German.Entities;
using Depesche.Learning.Clustering;

namespace Depesche.Cli;

/// <summary><c>depesche train clusters --data FILES… --out FILE</c>: distributional word classes from unlabelled token text.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string[]>("--data") { Description = "Token text: SpkAtt JSON (.json), CoNLL-U (.conllu), or any corpus `train ner` reads (only the tokens are used; labels are ignored).", Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var classes = new Option<int[]>("--classes") { Description = "Class counts per level, finest first; each level clusters the classes of the one before.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [600, 150, 40, 10] };
        var minCount = new Option<int>("--min-count") { Description = "Words seen fewer times are clustered as their shape.", DefaultValueFactory = _ => 2 };
        var iterations = new Option<int>("--iterations") { Description = "Passes of the exchange algorithm per level (it stops early when nothing moves).", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Seed for the initial classes.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The word-clusters file to write.", Required = true };
        var cmd = new Command("clusters", "Learn word classes (exchange algorithm, nested levels) from unlabelled text.") { data, classes, minCount, iterations, seed, output };
        cmd.SetAction(parse => Run(console, parse.GetValue(data)!, parse.GetValue(classes)!, parse.GetValue(minCount), parse.GetValue(iterations), parse.GetValue(seed), parse.GetValue(output)!));
        return cmd;
    }

    private static int Run(CliConsole console, string[] data, int[] classes, int minCount, int iterations, int seed, string output)
    {
        if (classes.Length is < 1 or > 8 || classes.Any(c => c is < 2 or > 4000))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--classes takes 1 to 8 class counts between 2 and 4000");
        }
        if (minCount is < 1 or > 1000 || iterations is < 1 or > 100)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--min-count must be 1–1000 and --iterations 1–100");
        }
        var sw = Stopwatch.StartNew();
        var sentences = new List<string[]>();
        foreach (string path in data)
        {
            if (!File.Exists(path))
            {
                throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
            }
            int before = sentences.Count;
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                sentences.AddRange(ReadSpeech(path));
            }
            else if (path.EndsWith(".conllu", StringComparison.OrdinalIgnoreCase))
            {
                sentences.AddRange(ReadConllu(path));
            }
            else
            {
                sentences.AddRange(NerCorpus.Read(path).Select(s => s.Tokens));
            }
            console.Info($"train clusters: {path}: {sentences.Count - before} sentences");
        }
        var clusters = WordClusters.Train(sentences, minCount, classes, iterations, seed, console.Info);
        string tmp = output + ".tmp";
        try
        {
            using (var writer = new StreamWriter(tmp, false, new UTF8Encoding(false)))
            {
                clusters.Write(writer,
                [
                    $"Word classes learned by `depesche train clusters` (exchange algorithm) from {sentences.Count} sentences, {sentences.Sum(s => s.Length)} tokens",
                    $"of {data.Length} files; classes {string.Join(' ', classes)}, min count {minCount}, {iterations} iterations, seed {seed}.",
                ]);
            }
            File.Move(tmp, output, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(tmp);
            throw new DepescheException(ErrorCodes.WriteFailed, $"{output}: {ex.Message}");
        }
        console.Info($"train clusters: wrote {output} ({new FileInfo(output).Length:N0} bytes, {clusters.Words.Count} words) in {sw.Elapsed.TotalSeconds:F1} s");
        return DepescheCli.ExitOk;
    }

    /// <summary>SpkAtt-2023 speeches: <c>{"Sentences":[{"Tokens":[…]}]}</c>.</summary>
    private static IEnumerable<string[]> ReadSpeech(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new DepescheException(ErrorCodes.TrainingDataInvalid, $"{path}: not JSON ({ex.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Sentences", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new DepescheException(ErrorCodes.TrainingDataInvalid, $"{path}: expected an object with a \"Sentences\" array");
            }
            var result = new List<string[]>();
            foreach (var s in list.EnumerateArray())
            {
                if (s.ValueKind == JsonValueKind.Object && s.TryGetProperty("Tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Array)
                {
                    result.Add(tokens.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray());
                }
            }
            return result;
        }
    }

    /// <summary>CoNLL-U: the FORM column of word lines (a multi-word token's surface form instead of its words; empty nodes skipped).</summary>
    private static IEnumerable<string[]> ReadConllu(string path)
    {
        var result = new List<string[]>();
        var current = new List<string>();
        int skipUntil = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                skipUntil = 0;
                if (current.Count > 0)
                {
                    result.Add([.. current]);
                    current.Clear();
                }
                continue;
            }
            if (line[0] == '#')
            {
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length < 2 || cols[0].Contains('.'))
            {
                continue;
            }
            int dash = cols[0].IndexOf('-');
            if (dash > 0)
            {
                // A multi-word token ("zum" = "zu dem"): its surface form stands for its words.
                current.Add(cols[1]);
                skipUntil = int.TryParse(cols[0].AsSpan(dash + 1), out int end) ? end : 0;
                continue;
            }
            if (int.TryParse(cols[0], out int id) && id <= skipUntil)
            {
                continue;
            }
            current.Add(cols[1]);
        }
        if (current.Count > 0)
        {
            result.Add([.. current]);
        }
        return result;
    }
}
