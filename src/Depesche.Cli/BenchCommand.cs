using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Depesche.German;
using Depesche.Input;
using Depesche.Model;

namespace Depesche.Cli;

/// <summary>
/// <c>depesche bench PATH [--stage segment|all]</c>: throughput of a stage on one core, next to a
/// floor measured in the same run (decoding the same UTF-8 and splitting it on whitespace).
/// Ends with one JSON line on standard output.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var path = CommonOptions.Paths("A corpus: report files, folders or JSON Lines (e.g. ../shared/data/10kgnad/articles.jsonl).");
        var stage = new Option<string>("--stage")
        {
            Description = "The stage to measure, with every stage before it: " + string.Join(", ", GermanPipeline.StageNames) + "; or ingest (extract alone against extract and store).",
            DefaultValueFactory = _ => "segment",
        };
        stage.AcceptOnlyFromAmong([.. GermanPipeline.StageNames, IngestBench.StageName]);
        var seconds = new Option<double>("--min-seconds")
        {
            Description = "Repeat the corpus until each measurement has run at least this long.",
            DefaultValueFactory = _ => 3.0,
        };
        var command = new Command("bench", "Measure throughput of a stage on one core.") { path, stage, seconds };
        command.SetAction(parse => Execute(console, parse.GetValue(path)!, parse.GetValue(stage)!, parse.GetValue(seconds)));
        return command;
    }

    internal static int Execute(CliConsole console, string[] paths, string stageName, double minSeconds)
    {
        if (minSeconds is <= 0 or > 3600 || double.IsNaN(minSeconds))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--min-seconds must be between 0 and 3600");
        }
        if (stageName == IngestBench.StageName)
        {
            return IngestBench.Execute(console, paths, minSeconds);
        }
        if (!GermanPipeline.TryParseStage(stageName, out var stage))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, $"unknown stage '{stageName}'");
        }
        var (records, errors, exit) = BenchCorpus.Read(console, paths);
        if (exit is { } code)
        {
            return code;
        }
        var corpus = records.Select(r => Encoding.UTF8.GetBytes(r.Text)).ToList();
        long bytes = corpus.Sum(b => (long)b.Length);
        var pipeline = GermanPipeline.Create(stage);
        // The components this stage adds to the one before it: their share of the time is timed per component.
        int own = stage == German.Stage.Segment ? 0 : GermanPipeline.Create(stage - 1).Components.Length;
        var ticks = new long[pipeline.Components.Length];

        // Warm up both loops so that the JIT's tiers settle before anything is timed.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(1.0, minSeconds / 2))
        {
            Floor(corpus);
            RunStage(corpus, pipeline, ticks);
        }
        Array.Clear(ticks);

        long words = 0;
        var (floorSeconds, floorPasses) = Measure(minSeconds, () => words = Floor(corpus));
        var (stageSeconds, stagePasses) = Measure(minSeconds, () => RunStage(corpus, pipeline, ticks));

        double mb = bytes / 1_000_000.0;
        double stageMbps = mb * stagePasses / stageSeconds;
        double floorMbps = mb * floorPasses / floorSeconds;
        double wordsPerSecond = words * stagePasses / stageSeconds;
        double peakRss = Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000.0;
        long allTicks = Math.Max(1, ticks.Sum());
        double ownShare = ticks.Skip(own).Sum() / (double)allTicks;
        var perComponent = pipeline.Components.Select((c, i) => (c.Name, Share: ticks[i] / (double)allTicks)).ToList();

        console.Info(string.Create(CultureInfo.InvariantCulture,
            $"bench: {corpus.Count} documents, {mb:F2} MB, {words:N0} words; stage '{stageName}' {stageMbps:F1} MB/s ({stagePasses} passes), floor {floorMbps:F1} MB/s ({floorPasses} passes), {stageMbps / floorMbps:P0} of floor; this stage's own components {ownShare:P1} of its time ({string.Join(", ", perComponent.Select(c => $"{c.Name} {c.Share:P1}"))})"));

        using var stdout = console.CreateStdoutWriter();
        var json = new Dictionary<string, object>
        {
            ["stage"] = stageName,
            ["documents"] = corpus.Count,
            ["mb_per_s"] = Math.Round(stageMbps, 2),
            ["words_per_s"] = Math.Round(wordsPerSecond),
            ["floor_mb_per_s"] = Math.Round(floorMbps, 2),
            ["peak_rss_mb"] = Math.Round(peakRss, 1),
            ["own_share"] = Math.Round(ownShare, 4),
        };
        stdout.WriteLine(JsonSerializer.Serialize(json));
        stdout.Flush();
        return errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitOk;
    }

    private static (double Seconds, int Passes) Measure(double minSeconds, Action pass)
    {
        int passes = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            pass();
            passes++;
        }
        while (sw.Elapsed.TotalSeconds < minSeconds);
        return (sw.Elapsed.TotalSeconds, passes);
    }

    /// <summary>The floor: decode the UTF-8 and count whitespace-separated words.</summary>
    private static long Floor(List<byte[]> corpus)
    {
        long words = 0;
        foreach (var b in corpus)
        {
            string text = Encoding.UTF8.GetString(b);
            bool inWord = false;
            foreach (char c in text)
            {
                bool space = char.IsWhiteSpace(c);
                if (!space && !inWord)
                {
                    words++;
                }
                inWord = !space;
            }
        }
        return words;
    }

    /// <summary>Runs the pipeline over the corpus, adding each component's time to <paramref name="ticks"/>.</summary>
    private static void RunStage(List<byte[]> corpus, Processing.Pipeline pipeline, long[] ticks)
    {
        var components = pipeline.Components;
        foreach (var b in corpus)
        {
            string text = Encoding.UTF8.GetString(b);
            var doc = new Document(text, "bench", "bench");
            for (int i = 0; i < components.Length; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                components[i].Process(doc);
                ticks[i] += Stopwatch.GetTimestamp() - t0;
            }
        }
    }
}
