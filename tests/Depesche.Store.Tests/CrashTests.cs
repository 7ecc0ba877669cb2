using System.Diagnostics;
using Depesche.Store;
using Microsoft.Data.Sqlite;

namespace Depesche.Tests;

/// <summary>
/// The store under a real <c>depesche ingest</c> child process: killed with SIGKILL mid-run and
/// resumed, and read by queries while it writes.
/// </summary>
public sealed class CrashTests
{
    private const int Reports = 1200;

    private static string DepescheDll()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "depesche.dll");
        Assert.True(File.Exists(dll), $"the depesche command is not built next to the tests ({dll})");
        return dll;
    }

    private static Process Start(string input, string db, int batch)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { DepescheDll(), "ingest", input, "--db", db, "--threads", "1", "--batch-size", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), "--progress", "none" })
        {
            psi.ArgumentList.Add(a);
        }
        var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        return p;
    }

    private static void RunToEnd(string input, string db, int batch = 500)
    {
        using var p = Start(input, db, batch);
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "ingest did not finish");
        Assert.Equal(0, p.ExitCode);
    }

    private static long Count(string db, string sql = "SELECT count(*) FROM documents")
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Everything that identifies what the store holds, in id order (row numbers and times excluded).</summary>
    private static List<string> Content(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT d.id || '|' || d.content_hash || '|' || d.n_sentences || '|' || d.n_tokens || '|' || d.paragraphs || '|' || d.sentences
                   || '|' || hex(d.tokens) || '|' || coalesce(d.date, '') || '|' || d.source
                   || '|' || (SELECT count(*) FROM documents_fts f WHERE f.rowid = d.doc AND documents_fts MATCH 'Bericht')
            FROM documents d ORDER BY d.id
            """;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(r.GetString(0));
        }
        return rows;
    }

    [Fact]
    public void Killed_mid_run_and_resumed_gives_exactly_one_clean_run()
    {
        using var dir = new TempDir();
        string input = dir.File("corpus.jsonl");
        File.WriteAllText(input, Samples.JsonLines(Reports));
        string clean = dir.File("clean.db");
        RunToEnd(input, clean);

        string crashed = dir.File("crashed.db");
        long atKill;
        using (var p = Start(input, crashed, batch: 25))
        {
            var wait = Stopwatch.StartNew();
            atKill = 0;
            while (atKill == 0 && !p.HasExited && wait.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(15);
                if (File.Exists(crashed))
                {
                    try
                    {
                        atKill = Count(crashed);
                    }
                    catch (SqliteException)
                    {
                        // The schema may not be committed yet.
                    }
                }
            }
            Assert.False(p.HasExited, "the ingest finished before it could be killed; make the corpus larger");
            p.Kill(); // SIGKILL on Unix: no chance to clean up
            p.WaitForExit();
        }
        long afterKill = Count(crashed);
        Assert.InRange(afterKill, 1, Reports - 1);
        using (var store = CorpusStore.OpenRead(crashed))
        {
            Assert.Equal(StoreSchema.Version, store.SchemaVersion);
        }
        // Whatever was committed is complete: every stored report has its sentences and its full-text entry.
        Assert.Equal(afterKill, Count(crashed, "SELECT count(*) FROM documents WHERE n_sentences > 0 AND length(tokens) >= n_tokens * 4"));
        Assert.Equal(afterKill, Count(crashed, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Bericht'"));

        RunToEnd(input, crashed);
        Assert.Equal(Content(clean), Content(crashed));
        Assert.Equal(Reports, Count(crashed));
        Assert.Equal(0, Count(crashed, "SELECT count(*) FROM failures"));
    }

    [Fact]
    public void Readers_see_consistent_snapshots_while_ingest_runs()
    {
        using var dir = new TempDir();
        string input = dir.File("corpus.jsonl");
        File.WriteAllText(input, Samples.JsonLines(Reports));
        string db = dir.File("s.db");
        using var p = Start(input, db, batch: 40);
        long last = 0;
        int reads = 0, growing = 0;
        var wait = Stopwatch.StartNew();
        while (!p.HasExited && wait.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (!File.Exists(db))
            {
                Thread.Sleep(10);
                continue;
            }
            try
            {
                using var store = CorpusStore.OpenRead(db);
                using var tx = store.Connection.BeginTransaction(deferred: true);
                var q = new StoreQueries(store);
                long docs = (long)q.Stats().Rows[0][0]!;
                // One snapshot: the documents, their full-text entries and a query all agree.
                long fts = CorpusStore.Scalar<long>(store.Connection, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Bericht'");
                int hits = q.Search("Bericht", limit: 0).Rows.Count;
                tx.Commit();
                Assert.Equal(docs, fts);
                Assert.Equal(docs, hits);
                Assert.True(docs >= last, $"the store shrank from {last} to {docs}");
                if (docs > last)
                {
                    growing++;
                }
                last = docs;
                reads++;
            }
            catch (DepescheException ex) when (ex.Code == ErrorCodes.NotAStore || ex.Code == ErrorCodes.StoreCorrupt)
            {
                // The file exists but its schema is not committed yet: the first instant of a new store.
                Assert.Equal(0, last);
            }
        }
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, p.ExitCode);
        Assert.True(reads > 3, $"only {reads} reads happened during the ingest");
        Assert.True(growing >= 2, "the readers never saw the store grow; the ingest was too quick to test");
        Assert.Equal(Reports, Count(db));
    }
}
