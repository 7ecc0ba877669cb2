using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Depesche.German;
using Depesche.Input;
using Depesche.Output;
using Depesche.Store;

namespace Depesche.Cli;

/// <summary>
/// <c>depesche bench PATH --stage ingest</c>: what the store costs on one core. Measures, in one
/// process and on one thread, extract alone (the full pipeline and the JSON that <c>extract</c>
/// writes) against ingest (the full pipeline and storing into a new store file, with full-text index),
/// and reports the store's overhead.
/// </summary>
internal static class IngestBench
{
    public const string StageName = "ingest";

    public static int Execute(CliConsole console, string[] paths, double minSeconds)
    {
        var records = new List<InputRecord>();
        int errors = 0;
        foreach (var item in new InputReader(InputFormat.Auto, console.OpenStdin).Read(paths))
        {
            if (item.Error is { } e)
            {
                errors++;
                console.Error(e.Code, e.ToString());
                continue;
            }
            records.Add(item.Record!);
        }
        if (records.Count == 0)
        {
            console.Error(ErrorCodes.InvalidArgument, "the corpus holds no readable report");
            return errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitUsage;
        }
        long bytes = records.Sum(r => (long)System.Text.Encoding.UTF8.GetByteCount(r.Text));
        var pipeline = GermanPipeline.Default;
        string dir = Path.Combine(Path.GetTempPath(), $"depesche-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        int run = 0;
        long dbBytes = 0;
        try
        {
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < Math.Min(1.0, minSeconds / 2))
            {
                Extract(records, pipeline);
                dbBytes = Ingest(records, pipeline, Path.Combine(dir, $"warm{run++}.db"));
            }
            var (extractSeconds, extractPasses) = Measure(minSeconds, () => Extract(records, pipeline));
            // Store timing includes opening a new file and its schema each pass, as a first ingest does.
            var (ingestSeconds, ingestPasses) = Measure(minSeconds, () => dbBytes = Ingest(records, pipeline, Path.Combine(dir, $"run{run++}.db")));

            double mb = bytes / 1_000_000.0;
            double extractMbps = mb * extractPasses / extractSeconds;
            double ingestMbps = mb * ingestPasses / ingestSeconds;
            double overhead = extractMbps / ingestMbps - 1;
            console.Info(string.Create(CultureInfo.InvariantCulture,
                $"bench: {records.Count} documents, {mb:F2} MB; extract {extractMbps:F2} MB/s ({extractPasses} passes), ingest {ingestMbps:F2} MB/s ({ingestPasses} passes); the store adds {overhead:P1}; store file {dbBytes / 1_000_000.0:F1} MB"));
            using var stdout = console.CreateStdoutWriter();
            var json = new Dictionary<string, object>
            {
                ["stage"] = StageName,
                ["documents"] = records.Count,
                ["extract_mb_per_s"] = Math.Round(extractMbps, 2),
                ["ingest_mb_per_s"] = Math.Round(ingestMbps, 2),
                ["store_overhead"] = Math.Round(overhead, 4),
                ["store_mb"] = Math.Round(dbBytes / 1_000_000.0, 1),
                ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000.0, 1),
            };
            stdout.WriteLine(JsonSerializer.Serialize(json));
            stdout.Flush();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitOk;
    }

    private static void Extract(List<InputRecord> records, Processing.Pipeline pipeline)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var options = new JsonWriteOptions();
        foreach (var r in records)
        {
            var doc = pipeline.Process(r.ToDocument());
            buffer.ResetWrittenCount();
            using var w = new Utf8JsonWriter(buffer, DocumentJsonWriter.WriterOptions(false));
            DocumentJsonWriter.Write(w, doc, options);
        }
    }

    private static long Ingest(List<InputRecord> records, Processing.Pipeline pipeline, string path)
    {
        using (var store = CorpusStore.OpenWrite(path))
        {
            Ingester.Run(store, records.Select(r => new InputItem(r, null)), pipeline, new IngestOptions { Threads = 1 });
        }
        long size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        File.Delete(path);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        return size;
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
}
