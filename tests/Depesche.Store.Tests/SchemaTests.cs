using Depesche.Store;
using Microsoft.Data.Sqlite;

namespace Depesche.Tests;

public sealed class SchemaTests
{
    private static void Exec(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string StoreWithOneReport(TempDir dir)
    {
        string db = dir.File("s.db");
        Samples.Ingest(db, Samples.Items(Samples.JsonLines(1)));
        return db;
    }

    private static void AssertRefused(string db, string code)
    {
        foreach (var args in new[] { new[] { "stats", "--db", db }, ["query", "quotes", "--db", db], ["ingest", "-", "--db", db] })
        {
            var run = CliRun.Of(args);
            Assert.NotEqual(0, run.Exit);
            Assert.Contains($"depesche: {code}: ", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Stdout);
        }
    }

    [Fact]
    public void A_new_store_records_its_schema_version()
    {
        using var dir = new TempDir();
        using var store = CorpusStore.OpenRead(StoreWithOneReport(dir));
        Assert.Equal(StoreSchema.Version, store.SchemaVersion);
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused_and_left_untouched()
    {
        using var dir = new TempDir();
        string db = StoreWithOneReport(dir);
        Exec(db, $"INSERT INTO schema_version VALUES ({StoreSchema.Version + 1}, '2030-01-01T00:00:00Z', 'depesche 9')");
        long before = new FileInfo(db).Length;
        AssertRefused(db, ErrorCodes.StoreTooNew);
        var ex = Assert.Throws<DepescheException>(() => CorpusStore.OpenWrite(db));
        Assert.Contains($"schema version {StoreSchema.Version + 1}", ex.Message, StringComparison.Ordinal);
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM documents";
        Assert.Equal(1L, cmd.ExecuteScalar());
        Assert.True(new FileInfo(db).Length >= before);
    }

    [Fact]
    public void A_store_from_an_older_schema_without_migration_is_refused()
    {
        using var dir = new TempDir();
        string db = StoreWithOneReport(dir);
        Exec(db, "UPDATE schema_version SET version = 1"); // version 1 has no migration
        AssertRefused(db, ErrorCodes.StoreTooOld);
    }

    [Fact]
    public void A_version_2_store_is_migrated_and_its_events_read_as_stated()
    {
        using var dir = new TempDir();
        string db = StoreWithOneReport(dir);
        long events;
        using (var before = CorpusStore.OpenRead(db))
        {
            events = CorpusStore.Scalar<long>(before.Connection, "SELECT count(*) FROM events");
        }
        Exec(db, """
            ALTER TABLE events DROP COLUMN actor_origin;
            ALTER TABLE events DROP COLUMN target_origin;
            ALTER TABLE events DROP COLUMN location_origin;
            ALTER TABLE relations DROP COLUMN quantity;
            DELETE FROM schema_version; INSERT INTO schema_version(version, applied_at, writer) VALUES (2, '2026-11-01T00:00:00Z', 'depesche 0.1.0');
            """);
        using var store = CorpusStore.OpenRead(db);
        Assert.Equal(StoreSchema.Version, store.SchemaVersion);
        Assert.Equal(events, CorpusStore.Scalar<long>(store.Connection, "SELECT count(*) FROM events"));
        Assert.Equal(0, CorpusStore.Scalar<long>(store.Connection, "SELECT count(*) FROM events WHERE actor_origin IS NOT NULL"));
        var docs = DocumentLoader.LoadAll(store).ToList();
        Assert.Single(docs);
        Assert.All(docs[0].GetOrEmpty(Depesche.Processing.Layers.Events), e => Assert.True(e.Actor is null || e.Actor.Origin == Depesche.Model.ArgumentOrigin.Stated));
    }

    [Fact]
    public void A_version_3_store_is_migrated_and_its_relations_read_without_quantities()
    {
        using var dir = new TempDir();
        string db = StoreWithOneReport(dir);
        long relations;
        using (var before = CorpusStore.OpenRead(db))
        {
            relations = CorpusStore.Scalar<long>(before.Connection, "SELECT count(*) FROM relations");
        }
        Assert.True(relations > 0);
        Exec(db, """
            ALTER TABLE relations DROP COLUMN quantity;
            DELETE FROM schema_version; INSERT INTO schema_version(version, applied_at, writer) VALUES (3, '2026-11-20T00:00:00Z', 'depesche 0.2.0');
            """);
        using var store = CorpusStore.OpenRead(db);
        Assert.Equal(StoreSchema.Version, store.SchemaVersion);
        Assert.Equal(relations, CorpusStore.Scalar<long>(store.Connection, "SELECT count(*) FROM relations WHERE quantity IS NULL"));
        var docs = DocumentLoader.LoadAll(store).ToList();
        Assert.Equal(relations, docs[0].GetOrEmpty(Depesche.Processing.Layers.Relations).Length);
        Assert.All(docs[0].GetOrEmpty(Depesche.Processing.Layers.Relations), r => Assert.Null(r.Quantity));
    }

    [Fact]
    public void Another_sqlite_database_is_not_taken_for_a_store()
    {
        using var dir = new TempDir();
        string db = dir.File("other.db");
        Exec(db, "CREATE TABLE documents(id TEXT, text TEXT)");
        AssertRefused(db, ErrorCodes.NotAStore);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused()
    {
        using var dir = new TempDir();
        string db = dir.File("garbage.db");
        File.WriteAllBytes(db, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 + 3))]);
        AssertRefused(db, ErrorCodes.StoreCorrupt);
        Assert.Equal(8192, new FileInfo(db).Length);
    }

    [Fact]
    public void Reading_a_store_that_does_not_exist_says_so()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("stats", "--db", dir.File("none.db"));
        Assert.NotEqual(0, run.Exit);
        Assert.Contains(ErrorCodes.StoreMissing, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("none.db")));
    }

    [Fact]
    public void A_locked_store_gives_a_clear_error()
    {
        using var dir = new TempDir();
        string db = StoreWithOneReport(dir);
        File.WriteAllText(dir.File("in.jsonl"), Samples.JsonLines(2, from: 10));
        int saved = CorpusStore.BusyTimeoutMs;
        CorpusStore.BusyTimeoutMs = 300;
        try
        {
            using var holder = new SqliteConnection($"Data Source={db};Pooling=False");
            holder.Open();
            using var tx = holder.BeginTransaction(deferred: false);
            var run = CliRun.Of("ingest", dir.File("in.jsonl"), "--db", db, "--progress", "none");
            Assert.NotEqual(0, run.Exit);
            Assert.Contains(ErrorCodes.StoreLocked, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            CorpusStore.BusyTimeoutMs = saved;
        }
    }
}
