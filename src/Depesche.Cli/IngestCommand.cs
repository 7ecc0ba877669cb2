using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Depesche.German;
using Depesche.Input;
using Depesche.Store;
using Spectre.Console;

namespace Depesche.Cli;

/// <summary>
/// <c>depesche ingest PATH… [--db FILE]</c>: extracts reports in parallel and stores them, skipping
/// those already stored. Safe to kill at any moment; the next run completes what is missing.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Report files, folders of .txt files, JSON Lines files, or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = StoreOptions.Db();
        var inputFormat = CommonOptions.InputFormatOption();
        var threads = new Option<int>("--threads")
        {
            Description = "Reports extracted at once (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var batch = new Option<int>("--batch-size")
        {
            Description = "Documents per transaction (default 500).",
            DefaultValueFactory = _ => 500,
        };
        var noTokens = new Option<bool>("--no-tokens") { Description = "Do not store tokens (smaller store; the CoNLL-U export then has no tokens)." };
        var progress = new Option<string>("--progress")
        {
            Description = "auto: a progress bar on a terminal, plain lines otherwise; bar; plain; none.",
            DefaultValueFactory = _ => "auto",
        };
        progress.AcceptOnlyFromAmong("auto", "bar", "plain", "none");

        var command = new Command("ingest", "Extract reports and add them to a corpus store (skips reports already stored).")
        {
            paths, db, inputFormat, threads, batch, noTokens, progress,
        };
        command.SetAction(parse => Execute(
            console,
            parse.GetValue(paths)!,
            parse.GetValue(db)!,
            CommonOptions.ParseInputFormat(parse.GetValue(inputFormat)!),
            new IngestOptions
            {
                Threads = parse.GetValue(threads),
                BatchSize = parse.GetValue(batch),
                StoreTokens = !parse.GetValue(noTokens),
            },
            parse.GetValue(progress)!));
        return command;
    }

    internal static int Execute(CliConsole console, string[] paths, string dbPath, InputFormat inputFormat, IngestOptions options, string progressMode)
    {
        if (options.Threads < 1)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--threads must be at least 1");
        }
        if (options.BatchSize < 1)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--batch-size must be at least 1");
        }
        using var store = CorpusStore.OpenWrite(dbPath);
        var pipeline = GermanPipeline.Default;
        var items = new InputReader(inputFormat, console.OpenStdin).Read(paths);

        bool bar = progressMode == "bar" || (progressMode == "auto" && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive);
        IngestSummary summary;
        if (bar)
        {
            int? total = CountInputs(paths);
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            summary = ansi.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("ingest", maxValue: total ?? 1);
                    task.IsIndeterminate = total is null;
                    var result = Ingester.Run(store, items, pipeline, options, c =>
                    {
                        task.Value = total is null ? 0 : Math.Min(c.Seen, total.Value);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"ingest: {c.Added} added, {c.Skipped} skipped, {c.Failed} failed");
                    });
                    task.Value = task.MaxValue;
                    task.StopTask();
                    return result;
                });
        }
        else
        {
            var last = Stopwatch.StartNew();
            Action<IngestCounts>? report = progressMode == "none" ? null : c =>
            {
                if (last.Elapsed.TotalSeconds >= 2)
                {
                    last.Restart();
                    double rate = c.Seen / Math.Max(0.001, c.Elapsed.TotalSeconds);
                    console.Info(string.Create(CultureInfo.InvariantCulture,
                        $"ingest: {c.Seen} read, {c.Added} added, {c.Skipped} skipped, {c.Failed} failed ({rate:F0} reports/s)"));
                }
            };
            summary = Ingester.Run(store, items, pipeline, options, report);
        }

        console.Info(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {summary.Added} added, {summary.Skipped} skipped (already stored), {summary.Failed} failed, in {summary.Elapsed.TotalSeconds:F1} s; store: {dbPath}"));
        const int shown = 20;
        foreach (var f in summary.Failures.Take(shown))
        {
            console.Error(f.Code, f.Line is { } l ? $"{f.Source}:{l}: {f.Message}" : $"{f.Source}: {f.Message}");
        }
        if (summary.Failures.Count > shown)
        {
            console.Info($"… and {summary.Failures.Count - shown} more failures (all are in the store's failures table)");
        }
        return summary.Failed > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitOk;
    }

    /// <summary>How many reports the inputs hold, for the progress bar; null when unknown (standard input).</summary>
    private static int? CountInputs(string[] paths)
    {
        int total = 0;
        foreach (string path in paths)
        {
            if (path == InputReader.StdinName)
            {
                return null;
            }
            try
            {
                if (Directory.Exists(path))
                {
                    total += Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Count();
                }
                else if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
                {
                    total += File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l));
                }
                else
                {
                    total++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                total++;
            }
        }
        return total;
    }
}
