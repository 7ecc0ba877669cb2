using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Depesche.Store;

/// <summary>
/// An open corpus store: one SQLite file in WAL mode. Writers commit whole batches in one
/// transaction, so a killed process leaves the store as it was after the last commit; readers see
/// a consistent snapshot while a writer works. Opening checks the schema version before anything
/// is read: a store from a newer Depesche, an unknown database or a damaged file is refused with a
/// stable code.
/// </summary>
public sealed class CorpusStore : IDisposable
{
    /// <summary>How long to wait for another process's lock before giving up (milliseconds; tests shorten it).</summary>
    public static int BusyTimeoutMs { get; internal set; } = 10_000;

    private CorpusStore(SqliteConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    public string Path { get; }

    internal SqliteConnection Connection { get; }

    /// <summary>Opens a store for reading; it must exist.</summary>
    public static CorpusStore OpenRead(string path) => Open(path, create: false);

    /// <summary>Opens a store for writing, creating it (with the current schema) when the file does not exist or is empty.</summary>
    public static CorpusStore OpenWrite(string path) => Open(path, create: true);

    private static CorpusStore Open(string path, bool create)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new DepescheException(ErrorCodes.StoreIo, $"'{path}' is a folder, not a store file");
        }
        if (!create && !File.Exists(full))
        {
            throw new DepescheException(ErrorCodes.StoreMissing, $"no store at '{path}'; create one with 'depesche ingest PATH… --db {path}'");
        }
        if (create)
        {
            string? dir = System.IO.Path.GetDirectoryName(full);
            if (dir is not null && !Directory.Exists(dir))
            {
                throw new DepescheException(ErrorCodes.StoreIo, $"cannot create the store '{path}': the folder '{dir}' does not exist");
            }
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = Math.Max(1, BusyTimeoutMs / 1000),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            Guard(path, () =>
            {
                connection.Open();
                Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs.ToString(CultureInfo.InvariantCulture)};");
                CheckOrCreateSchema(connection, path, create);
                // A larger page cache keeps a whole batch (documents, layers, full-text segments) in memory until
                // commit; a larger WAL checkpoints less often during a long ingest.
                Execute(connection, create
                    ? "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000;"
                    : "PRAGMA cache_size = -32768;");
            });
            return new CorpusStore(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CheckOrCreateSchema(SqliteConnection connection, string path, bool create)
    {
        // Reading sqlite_master is the first read of the file: a non-database fails here with SQLITE_NOTADB.
        long tables = Scalar<long>(connection, "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view')");
        if (tables == 0)
        {
            if (!create)
            {
                throw new DepescheException(ErrorCodes.NotAStore, $"'{path}' is an empty database, not a Depesche store; create one with 'depesche ingest'");
            }
            CreateSchema(connection);
            return;
        }
        long hasVersion = Scalar<long>(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
        if (hasVersion == 0)
        {
            throw new DepescheException(ErrorCodes.NotAStore, $"'{path}' is an SQLite database but not a Depesche store (it has no schema_version table)");
        }
        long? version = ScalarOrNull(connection, "SELECT max(version) FROM schema_version");
        if (version is null)
        {
            throw new DepescheException(ErrorCodes.StoreCorrupt, $"'{path}' has an empty schema_version table; the store is damaged");
        }
        if (version > StoreSchema.Version)
        {
            throw new DepescheException(ErrorCodes.StoreTooNew,
                $"'{path}' was written with store schema version {version}, newer than this Depesche reads ({StoreSchema.Version}); use a newer Depesche");
        }
        if (version < StoreSchema.Version)
        {
            Migrate(connection, path, (int)version.Value);
        }
        if (create)
        {
            EnableWal(connection);
        }
    }

    private static void Migrate(SqliteConnection connection, string path, int from)
    {
        for (int v = from; v < StoreSchema.Version; v++)
        {
            if (!StoreSchema.Migrations.ContainsKey(v))
            {
                throw new DepescheException(ErrorCodes.StoreTooOld,
                    $"'{path}' was written with store schema version {from}, which this Depesche (schema {StoreSchema.Version}) cannot migrate; re-ingest the reports into a new store");
            }
        }
        using var tx = connection.BeginTransaction();
        for (int v = from; v < StoreSchema.Version; v++)
        {
            Execute(connection, StoreSchema.Migrations[v], tx);
            InsertVersion(connection, v + 1, tx);
        }
        tx.Commit();
    }

    private static void CreateSchema(SqliteConnection connection)
    {
        EnableWal(connection);
        using var tx = connection.BeginTransaction();
        Execute(connection, StoreSchema.Create, tx);
        InsertVersion(connection, StoreSchema.Version, tx);
        tx.Commit();
    }

    private static void EnableWal(SqliteConnection connection)
    {
        // WAL: readers never block the writer and see the last committed batch; NORMAL sync is
        // durable across a killed process (only an OS crash can lose the last commits, never consistency).
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    }

    private static void InsertVersion(SqliteConnection connection, int version, SqliteTransaction tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO schema_version(version, applied_at, writer) VALUES ($v, $at, $w)";
        cmd.Parameters.AddWithValue("$v", version);
        cmd.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$w", "depesche " + (typeof(CorpusStore).Assembly.GetName().Version?.ToString(3) ?? "0"));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Folds the write-ahead log back into the database file and empties it (after an ingest).</summary>
    public void Checkpoint() => Run(() => Execute(Connection, "PRAGMA wal_checkpoint(TRUNCATE);"));

    /// <summary>The schema version the store records.</summary>
    public int SchemaVersion => (int)Scalar<long>(Connection, "SELECT max(version) FROM schema_version");

    /// <summary>Runs <paramref name="action"/>, turning SQLite failures into errors with stable codes.</summary>
    public T Run<T>(Func<T> action)
    {
        T result = default!;
        Guard(Path, () => result = action());
        return result;
    }

    /// <summary>Runs <paramref name="action"/>, turning SQLite failures into errors with stable codes.</summary>
    public void Run(Action action) => Guard(Path, action);

    internal static void Guard(string path, Action action)
    {
        try
        {
            action();
        }
        catch (SqliteException ex)
        {
            throw Translate(path, ex);
        }
        catch (IOException ex)
        {
            throw new DepescheException(ErrorCodes.StoreIo, $"cannot use the store '{path}': {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DepescheException(ErrorCodes.StoreIo, $"cannot use the store '{path}': {ex.Message}", ex);
        }
    }

    internal static DepescheException Translate(string path, SqliteException ex)
    {
        // Primary result codes: https://sqlite.org/rescode.html (the low byte of the extended code).
        int primary = ex.SqliteErrorCode & 0xFF;
        return primary switch
        {
            5 or 6 => new DepescheException(ErrorCodes.StoreLocked,
                $"the store '{path}' is locked by another process (waited {BusyTimeoutMs / 1000} s); try again when it has finished", ex),
            11 or 26 => new DepescheException(ErrorCodes.StoreCorrupt,
                $"'{path}' is not a Depesche store or is damaged ({FirstLine(ex.Message)})", ex),
            8 or 14 or 10 or 13 or 23 => new DepescheException(ErrorCodes.StoreIo,
                $"cannot use the store '{path}': {FirstLine(ex.Message)}", ex),
            _ => new DepescheException(ErrorCodes.StoreIo, $"the store '{path}' failed: {FirstLine(ex.Message)}", ex),
        };
    }

    private static string FirstLine(string message)
    {
        string m = message.StartsWith("SQLite Error ", StringComparison.Ordinal) && message.IndexOf(": ", StringComparison.Ordinal) is int i and > 0
            ? message[(i + 2)..]
            : message;
        int nl = m.IndexOf('\n');
        return (nl < 0 ? m : m[..nl]).Trim().TrimEnd('.');
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        object? value = cmd.ExecuteScalar();
        return (T)Convert.ChangeType(value is DBNull or null ? default(T)! : value, typeof(T), CultureInfo.InvariantCulture);
    }

    private static long? ScalarOrNull(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        object? value = cmd.ExecuteScalar();
        return value is DBNull or null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public void Dispose() => Connection.Dispose();
}
