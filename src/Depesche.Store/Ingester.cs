using System.Diagnostics;
using Depesche.Input;
using Depesche.Processing;
using Microsoft.Data.Sqlite;

namespace Depesche.Store;

/// <summary>How an ingest run works.</summary>
public sealed record IngestOptions
{
    /// <summary>Reports processed at once. With 1, reading, extraction and storing run on the calling thread alone.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Documents per transaction: each commit makes a batch durable as a whole.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>A batch is committed after this long even when it is not full, so that slow runs still make progress visible.</summary>
    public TimeSpan MaxBatchAge { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Also store every token (needed for the CoNLL-U export).</summary>
    public bool StoreTokens { get; init; } = true;
}

/// <summary>An input that could not be stored, with the reason.</summary>
public sealed record IngestFailure(string Source, int? Line, string? Id, string Code, string Message)
{
    public override string ToString() => Line is { } l ? $"{Code}: {Source}:{l}: {Message}" : $"{Code}: {Source}: {Message}";
}

/// <summary>Counts so far; passed to the progress callback after every input.</summary>
public readonly record struct IngestCounts(int Seen, int Added, int Skipped, int Failed, TimeSpan Elapsed);

/// <summary>What a run did.</summary>
public sealed record IngestSummary(int Added, int Skipped, int Failed, IReadOnlyList<IngestFailure> Failures, TimeSpan Elapsed);

/// <summary>
/// Reads, extracts and stores reports: extraction runs in parallel, one writer stores the results in
/// input order in batched transactions. Reports already in the store are skipped before extraction
/// (by id, or by content hash when the input gave no id), so a re-run adds nothing and a run after a
/// crash completes what is missing. A report that fails is recorded in <c>failures</c> and the run goes on.
/// </summary>
public static class Ingester
{
    private enum Outcome
    {
        Prepared,
        Skipped,
        Failed,
    }

    private sealed record Work(Outcome Outcome, PreparedDocument? Document, IngestFailure? Failure);

    public static IngestSummary Run(CorpusStore store, IEnumerable<InputItem> items, Pipeline pipeline, IngestOptions options, Action<IngestCounts>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pipeline);
        if (options.Threads < 1 || options.BatchSize < 1)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "threads and batch size must be at least 1");
        }

        var (knownIds, knownHashes) = store.Run(() => LoadKeys(store.Connection));
        // The workers filter against this snapshot; the writer keeps its own sets, which also catch duplicates within the run.
        var snapshotIds = knownIds.ToHashSet(StringComparer.Ordinal);
        var snapshotHashes = knownHashes.ToHashSet(StringComparer.Ordinal);

        IEnumerable<Work> works = options.Threads == 1
            ? items.Select(item => Prepare(item, pipeline, options, snapshotIds, snapshotHashes))
            // Windows of inputs keep memory bounded when the writer is slower than the extractors:
            // at most one window of prepared documents waits for the writer.
            : items.Chunk(Math.Max(256, options.Threads * 128)).SelectMany(window => window.AsParallel()
                .AsOrdered()
                .WithDegreeOfParallelism(options.Threads)
                .WithMergeOptions(ParallelMergeOptions.NotBuffered)
                .Select(item => Prepare(item, pipeline, options, snapshotIds, snapshotHashes)));

        var failures = new List<IngestFailure>();
        int seen = 0, added = 0, skipped = 0, failed = 0, inBatch = 0;
        var clock = Stopwatch.StartNew();
        var batchClock = Stopwatch.StartNew();
        using var writer = new StoreWriter(store);
        writer.Begin();
        foreach (var work in works)
        {
            seen++;
            switch (work.Outcome)
            {
                case Outcome.Skipped:
                    skipped++;
                    break;
                case Outcome.Failed:
                    failed++;
                    var f = work.Failure!;
                    failures.Add(f);
                    writer.RecordFailure(f.Source, f.Line, f.Id, f.Code, f.Message);
                    inBatch++;
                    break;
                default:
                    var doc = work.Document!;
                    if (knownIds.Contains(doc.Id) ? !doc.DerivedId || knownHashes.Contains(doc.Hash) : doc.DerivedId && knownHashes.Contains(doc.Hash))
                    {
                        skipped++;
                        break;
                    }
                    if (knownIds.Contains(doc.Id))
                    {
                        // A derived id (file stem and line) already names another text: keep both, told apart by the hash.
                        doc.Id = doc.Id + "#" + doc.Hash[..12];
                        if (knownIds.Contains(doc.Id))
                        {
                            skipped++;
                            break;
                        }
                    }
                    writer.Add(doc);
                    knownIds.Add(doc.Id);
                    knownHashes.Add(doc.Hash);
                    added++;
                    inBatch++;
                    break;
            }
            if (inBatch >= options.BatchSize || (inBatch > 0 && batchClock.Elapsed >= options.MaxBatchAge))
            {
                writer.Commit();
                writer.Begin();
                inBatch = 0;
                batchClock.Restart();
            }
            progress?.Invoke(new IngestCounts(seen, added, skipped, failed, clock.Elapsed));
        }
        writer.Commit();
        if (added > 0)
        {
            // Lets the query planner know the tables' sizes; cheap, and limited so that big stores stay quick.
            store.Run(() => CorpusStore.Execute(store.Connection, "PRAGMA analysis_limit = 1000; PRAGMA optimize;"));
            try
            {
                store.Checkpoint();
            }
            catch (DepescheException ex) when (ex.Code == ErrorCodes.StoreLocked)
            {
                // A reader holds an old snapshot: the log is folded in by a later checkpoint.
            }
        }
        progress?.Invoke(new IngestCounts(seen, added, skipped, failed, clock.Elapsed));
        return new IngestSummary(added, skipped, failed, failures, clock.Elapsed);
    }

    private static Work Prepare(InputItem item, Pipeline pipeline, IngestOptions options, HashSet<string> ids, HashSet<string> hashes)
    {
        if (item.Error is { } error)
        {
            return new Work(Outcome.Failed, null, new IngestFailure(error.Source, error.Line, null, error.Code, error.Message));
        }
        var record = item.Record!;
        bool derived = IsDerivedId(record);
        string hash = PreparedDocument.HashOf(record.Text);
        if (derived ? hashes.Contains(hash) : ids.Contains(record.Id))
        {
            return new Work(Outcome.Skipped, null, null);
        }
        try
        {
            var doc = pipeline.Process(record.ToDocument());
            return new Work(Outcome.Prepared, PreparedDocument.Create(doc, derived, options.StoreTokens, hash), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string code = ex is DepescheException de ? de.Code : ErrorCodes.Internal;
            return new Work(Outcome.Failed, null, new IngestFailure(record.Source, null, record.Id, code,
                $"extraction failed: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>
    /// True when the reader made the id up: standard input, or a JSON Lines record without <c>id</c>
    /// (whose id is the file stem and line number, as its source is the path and line number).
    /// </summary>
    public static bool IsDerivedId(InputRecord record)
    {
        if (record.Source == "stdin")
        {
            return true;
        }
        int colon = record.Source.LastIndexOf(':');
        if (colon < 0 || colon == record.Source.Length - 1)
        {
            return false;
        }
        var line = record.Source.AsSpan(colon + 1);
        foreach (char ch in line)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
        }
        return record.Id.EndsWith(string.Concat(":", line), StringComparison.Ordinal)
            && (record.Id.StartsWith("stdin:", StringComparison.Ordinal)
                || record.Id == Path.GetFileNameWithoutExtension(record.Source[..colon]) + ":" + line.ToString());
    }

    private static (HashSet<string> Ids, HashSet<string> Hashes) LoadKeys(SqliteConnection c)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, content_hash FROM documents";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            ids.Add(r.GetString(0));
            hashes.Add(r.GetString(1));
        }
        return (ids, hashes);
    }
}
