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
/// writes) against ingest (the full pipeline and storing into one growing store, with full-text index),
/// and reports the store's overhead.
/// </summary>
internal static class IngestBench
{
    public const string StageName = "ingest";

    public static int Execute(CliConsole console, string[] paths, double minSeconds)
    {
        var (records, errors, exit) = BenchCorpus.Read(console, paths);
        if (exit is { } code)
        {
            return code;
        }
        long bytes = records.Sum(r => (long)System.Text.Encoding.UTF8.GetByteCount(r.Text));
        var pipeline = GermanPipeline.Default;
        string dir = Path.Combine(Path.GetTempPath(), $"depesche-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        int pass = 0;
        string db = Path.Combine(dir, "bench.db");
        try
        {
            // One store for the whole measurement, as in a long ingest: each pass adds the corpus again
            // under new ids, so every report is extracted and stored (none skipped) and the store grows.
            using var store = CorpusStore.OpenWrite(db);
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < Math.Min(1.0, minSeconds / 2))
            {
                Extract(records, pipeline);
                Ingest(store, records, pipeline, pass++);
            }
            // One ingest run fed the corpus again and again (new ids each time) until the time is up, so the
            // figure is the steady state of a long ingest. Before each pass over the corpus, an extract-alone
            // pass runs and is timed on its own: the two alternate, so a change in the machine's load hits
            // both alike; the ingest time is the run's time without the extract passes.
            int ingestPasses = 0, extractPasses = 0;
            var extractTime = TimeSpan.Zero;
            var clock = Stopwatch.StartNew();
            IEnumerable<InputItem> Feed()
            {
                do
                {
                    var t = Stopwatch.StartNew();
                    Extract(records, pipeline);
                    extractTime += t.Elapsed;
                    extractPasses++;
                    string suffix = "#" + (pass++).ToString(CultureInfo.InvariantCulture);
                    foreach (var r in records)
                    {
                        yield return new InputItem(r with { Id = r.Id + suffix }, null);
                    }
                    ingestPasses++;
                }
                while ((clock.Elapsed - extractTime).TotalSeconds < minSeconds);
            }
            Ingester.Run(store, Feed(), pipeline, new IngestOptions { Threads = 1 });
            double ingestSeconds = (clock.Elapsed - extractTime).TotalSeconds;
            double extractSeconds = extractTime.TotalSeconds;
            long dbBytes = new FileInfo(db).Length + (File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0);
            double perPassMb = dbBytes / 1_000_000.0 / pass;

            double mb = bytes / 1_000_000.0;
            double extractMbps = mb * extractPasses / extractSeconds;
            double ingestMbps = mb * ingestPasses / ingestSeconds;
            double overhead = extractMbps / ingestMbps - 1;
            console.Info(string.Create(CultureInfo.InvariantCulture,
                $"bench: {records.Count} documents, {mb:F2} MB; extract {extractMbps:F2} MB/s ({extractPasses} passes), ingest {ingestMbps:F2} MB/s ({ingestPasses} passes); the store adds {overhead:P1}; {perPassMb:F1} MB of store per pass over the corpus"));
            using var stdout = console.CreateStdoutWriter();
            var json = new Dictionary<string, object>
            {
                ["stage"] = StageName,
                ["documents"] = records.Count,
                ["extract_mb_per_s"] = Math.Round(extractMbps, 2),
                ["ingest_mb_per_s"] = Math.Round(ingestMbps, 2),
                ["store_overhead"] = Math.Round(overhead, 4),
                ["store_mb_per_corpus"] = Math.Round(perPassMb, 1),
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

    private static void Ingest(CorpusStore store, List<InputRecord> records, Processing.Pipeline pipeline, int pass)
    {
        string suffix = "#" + pass.ToString(CultureInfo.InvariantCulture);
        var items = records.Select(r => new InputItem(r with { Id = r.Id + suffix }, null));
        Ingester.Run(store, items, pipeline, new IngestOptions { Threads = 1 });
    }
}
