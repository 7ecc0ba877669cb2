using System.Buffers;
using System.Text;
using System.Text.Json;
using Depesche.Input;
using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;
using Depesche.Store;
using Microsoft.Data.Sqlite;

namespace Depesche.Tests;

public sealed class IngestTests
{
    private static string Json(Document doc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DocumentJsonWriter.WriterOptions(false)))
        {
            DocumentJsonWriter.Write(w, doc, new JsonWriteOptions { IncludeTokens = true });
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Every_layer_comes_back_from_the_store_exactly()
    {
        using var dir = new TempDir();
        // Characters outside the Basic Multilingual Plane shift code points against UTF-16 positions.
        string emoji = "Kiew (AFP) - Angela Müller 😀 sagte: „Die Nato 🛡 steht“. Die Nato verlegte 300 Soldaten im Jahr 2023.";
        var items = Samples.Items(Samples.JsonLines(12) + JsonSerializer.Serialize(new { id = "emoji", text = emoji }) + "\n").ToList();
        var summary = Samples.Ingest(dir.File("s.db"), items);
        Assert.Equal(13, summary.Added);

        var pipeline = Samples.Annotating();
        var expected = items.Select(i => Json(pipeline.Process(i.Record!.ToDocument()))).ToList();
        using var store = CorpusStore.OpenRead(dir.File("s.db"));
        var loaded = DocumentLoader.LoadAll(store).ToList();
        Assert.Equal(expected.Count, loaded.Count);
        for (int i = 0; i < loaded.Count; i++)
        {
            Invariants.Check(loaded[i]);
            Assert.Equal(expected[i], Json(loaded[i]));
        }
        // The synthetic layers really were there to compare, with roles of every origin.
        Assert.Contains(loaded, d => d.GetOrEmpty(Layers.Quotes).Length > 0 && d.GetOrEmpty(Layers.Events).Length > 0 && d.GetOrEmpty(Layers.Relations).Length > 0);
        var origins = loaded.SelectMany(d => d.GetOrEmpty(Layers.Events)).Select(e => e.Actor?.Origin).ToHashSet();
        Assert.True(origins.Contains(ArgumentOrigin.Context) && origins.Contains(ArgumentOrigin.Unknown) && origins.Contains(ArgumentOrigin.Stated),
            "origins present: " + string.Join(", ", origins));
    }

    [Fact]
    public void Ingesting_again_adds_nothing()
    {
        using var dir = new TempDir();
        string db = dir.File("s.db");
        string jsonl = Samples.JsonLines(40);
        Assert.Equal(40, Samples.Ingest(db, Samples.Items(jsonl)).Added);
        var again = Samples.Ingest(db, Samples.Items(jsonl));
        Assert.Equal(0, again.Added);
        Assert.Equal(40, again.Skipped);
        // Overlapping input: only the new reports are added.
        var more = Samples.Ingest(db, Samples.Items(Samples.JsonLines(50)));
        Assert.Equal(10, more.Added);
        Assert.Equal(40, more.Skipped);
        using var store = CorpusStore.OpenRead(db);
        Assert.Equal(50L, new StoreQueries(store).Stats().Rows[0][0]);
    }

    [Fact]
    public void Reports_without_id_are_matched_by_content_and_same_text_with_two_ids_is_kept_twice()
    {
        using var dir = new TempDir();
        string db = dir.File("s.db");
        string noIds = Samples.JsonLines(5, ids: false);
        Assert.Equal(5, Samples.Ingest(db, Samples.Items(noIds, "a.jsonl")).Added);
        // The same texts from another file (other derived ids): already stored.
        var other = Samples.Ingest(db, Samples.Items(noIds, "b.jsonl"));
        Assert.Equal(0, other.Added);
        Assert.Equal(5, other.Skipped);
        // A different text at a derived id already taken is kept under a distinct id.
        var changed = Samples.Ingest(db, Samples.Items(Samples.JsonLines(1, from: 99, ids: false), "a.jsonl"));
        Assert.Equal(1, changed.Added);
        // The same text under two explicit ids: two reports.
        string twice = JsonSerializer.Serialize(new { id = "x1", text = Samples.Report(3) }) + "\n" + JsonSerializer.Serialize(new { id = "x2", text = Samples.Report(3) }) + "\n";
        Assert.Equal(2, Samples.Ingest(db, Samples.Items(twice, "c.jsonl")).Added);
        using var store = CorpusStore.OpenRead(db);
        Assert.Equal(8L, new StoreQueries(store).Stats().Rows[0][0]);
    }

    [Theory]
    [InlineData("samples.jsonl", "samples:3", true)]
    [InlineData("samples.jsonl", "r00001", false)]
    [InlineData("report.txt", "report", false)]
    [InlineData("stdin", "stdin", true)]
    public void Derived_ids_are_recognised(string source, string id, bool derived)
    {
        string src = source == "stdin" ? "stdin" : source.EndsWith(".jsonl", StringComparison.Ordinal) ? $"/x/{source}:3" : $"/x/{source}";
        Assert.Equal(derived, Ingester.IsDerivedId(new InputRecord(id, src, "t", null, null)));
    }

    [Fact]
    public void A_bad_record_is_recorded_as_failed_and_the_run_goes_on()
    {
        using var dir = new TempDir();
        string db = dir.File("s.db");
        string jsonl = Samples.JsonLines(3) + "{not json\n" + "{\"id\": 7}\n" + Samples.JsonLines(2, from: 3);
        var summary = Samples.Ingest(db, Samples.Items(jsonl));
        Assert.Equal(5, summary.Added);
        Assert.Equal(2, summary.Failed);
        Assert.Contains(summary.Failures, f => f.Code == ErrorCodes.InvalidJsonLine && f.Line == 4);
        Assert.Contains(summary.Failures, f => f.Code == ErrorCodes.MissingTextField && f.Line == 5);

        // Running again records the same failures once, not twice.
        Samples.Ingest(db, Samples.Items(jsonl));
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT code, line FROM failures ORDER BY line";
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, long)>();
        while (r.Read())
        {
            rows.Add((r.GetString(0), r.GetInt64(1)));
        }
        Assert.Equal([(ErrorCodes.InvalidJsonLine, 4L), (ErrorCodes.MissingTextField, 5L)], rows);
    }

    private sealed class Exploding : IComponent
    {
        public string Name => "exploding";

        public IReadOnlyList<LayerKey> Requires => [];

        public IReadOnlyList<LayerKey> Produces => [];

        public void Process(Document document)
        {
            if (document.Text.Contains("Nummer 2 ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("boom");
            }
        }
    }

    [Fact]
    public void A_report_whose_extraction_fails_is_recorded_with_its_reason()
    {
        using var dir = new TempDir();
        var builder = Pipeline.CreateBuilder().Add(new Exploding());
        foreach (var c in Samples.Annotating().Components)
        {
            builder.Add(c);
        }
        using var store = CorpusStore.OpenWrite(dir.File("s.db"));
        var summary = Ingester.Run(store, Samples.Items(Samples.JsonLines(5)), builder.Build(), new IngestOptions { Threads = 2, BatchSize = 2 });
        Assert.Equal(4, summary.Added);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal("r00002", failure.Id);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ingest_command_reports_a_summary()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.jsonl"), Samples.JsonLines(6) + "{broken\n");
        var run = CliRun.Of("ingest", dir.File("in.jsonl"), "--db", dir.File("s.db"), "--progress", "plain");
        Assert.Equal(1, run.Exit);
        Assert.Contains("6 added, 0 skipped (already stored), 1 failed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.InvalidJsonLine, run.Stderr, StringComparison.Ordinal);
        var again = CliRun.Of("ingest", dir.File("in.jsonl"), "--db", dir.File("s.db"), "--progress", "none");
        Assert.Contains("0 added, 6 skipped", again.Stderr, StringComparison.Ordinal);
        var stats = CliRun.Of("stats", "--db", dir.File("s.db"), "--format", "json");
        Assert.Equal(0, stats.Exit);
        Assert.Equal(6, stats.Json().GetProperty("documents").GetInt32());
        Assert.Equal(1, stats.Json().GetProperty("failed").GetInt32());
    }
}
