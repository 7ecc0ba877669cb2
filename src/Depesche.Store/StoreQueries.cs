using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Depesche.Store;

/// <summary>The rows a query returns: named columns and values (string, long, double or null).</summary>
public sealed class QueryResult
{
    public QueryResult(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<object?[]> Rows { get; }
}

/// <summary>Filters of <c>depesche query quotes</c>.</summary>
public sealed record QuoteFilter(string? Speaker = null, string? About = null, DateOnly? From = null, DateOnly? To = null, int Limit = 1000);

/// <summary>Filters of <c>depesche query events</c>.</summary>
public sealed record EventFilter(string? Type = null, string? Actor = null, string? Target = null, int Limit = 1000);

/// <summary>
/// The questions the command line asks of a store. Every row that states something about a report
/// carries the document id and the code-point offsets of its evidence. Names match folded
/// (case and diacritics ignored) anywhere in the canonical name or the text that names them.
/// </summary>
public sealed class StoreQueries
{
    private readonly CorpusStore _store;

    public StoreQueries(CorpusStore store)
    {
        _store = store;
    }

    public QueryResult Stats()
    {
        const string sql = """
            SELECT count(*) AS documents,
                   coalesce(sum(n_paragraphs), 0) AS paragraphs,
                   coalesce(sum(n_sentences), 0) AS sentences,
                   coalesce(sum(n_tokens), 0) AS tokens,
                   coalesce(sum(n_entities), 0) AS entities,
                   coalesce(sum(n_mentions), 0) AS mentions,
                   coalesce(sum(n_quotes), 0) AS quotes,
                   coalesce(sum(n_quantities), 0) AS quantities,
                   coalesce(sum(n_times), 0) AS times,
                   coalesce(sum(n_events), 0) AS events,
                   coalesce(sum(n_relations), 0) AS relations,
                   (SELECT count(*) FROM failures) AS failed,
                   min(day_first) AS first_date,
                   max(day_last) AS last_date,
                   (SELECT max(version) FROM schema_version) AS schema_version
            FROM documents
            """;
        return Query(sql, []);
    }

    public QueryResult Quotes(QuoteFilter f)
    {
        const string sql = """
            SELECT d.id AS document, d.date AS date, q.kind AS kind,
                   coalesce(e.canonical, q.speaker_text) AS speaker, q.text AS quote,
                   q.start AS start, q."end" AS "end", q.speaker_start AS speaker_start, q.speaker_end AS speaker_end,
                   q.cue_text AS cue
            FROM quotes q
            JOIN documents d ON d.doc = q.doc
            LEFT JOIN entities e ON e.doc = q.doc AND e.id = q.speaker_entity
            WHERE ($speaker IS NULL OR q.speaker_key LIKE $speaker ESCAPE '\')
              AND ($about IS NULL OR q.text_key LIKE $about ESCAPE '\')
              AND ($from IS NULL OR d.day_last >= $from)
              AND ($to IS NULL OR d.day_first <= $to)
            ORDER BY d.day_first IS NULL, d.day_first, d.doc, q.idx
            LIMIT $limit
            """;
        return Query(sql,
        [
            ("$speaker", Pattern(f.Speaker)),
            ("$about", Pattern(f.About)),
            ("$from", f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$to", f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$limit", Limit(f.Limit)),
        ]);
    }

    public QueryResult Entities(string? type, int top)
    {
        const string sql = """
            SELECT canonical, type, count(DISTINCT doc) AS documents, sum(mentions) AS mentions, min(doc) AS first_doc
            FROM entities
            WHERE ($type IS NULL OR type = $type)
            GROUP BY canonical, type
            ORDER BY documents DESC, mentions DESC, canonical
            LIMIT $limit
            """;
        var grouped = Query(sql, [("$type", NormaliseType(type)), ("$limit", Limit(top))]);
        var rows = new List<object?[]>(grouped.Rows.Count);
        _store.Run(() =>
        {
            using var cmd = _store.Connection.CreateCommand();
            cmd.CommandText = """
                SELECT d.id, e.first_start, e.first_end FROM entities e JOIN documents d ON d.doc = e.doc
                WHERE e.doc = $doc AND e.canonical = $canonical AND e.type = $type LIMIT 1
                """;
            var pDoc = cmd.Parameters.Add("$doc", SqliteType.Integer);
            var pCanonical = cmd.Parameters.Add("$canonical", SqliteType.Text);
            var pType = cmd.Parameters.Add("$type", SqliteType.Text);
            foreach (var g in grouped.Rows)
            {
                pDoc.Value = g[4];
                pCanonical.Value = g[0];
                pType.Value = g[1];
                using var r = cmd.ExecuteReader();
                object? id = null, start = null, end = null;
                if (r.Read())
                {
                    id = r.GetValue(0);
                    start = r.IsDBNull(1) ? null : r.GetValue(1);
                    end = r.IsDBNull(2) ? null : r.GetValue(2);
                }
                rows.Add([g[0], g[1], g[2], g[3], id, start, end]);
            }
        });
        return new QueryResult(["canonical", "type", "documents", "mentions", "document", "start", "end"], rows);
    }

    public QueryResult Events(EventFilter f)
    {
        const string sql = """
            SELECT d.id AS document, d.date AS date, v.type AS type, v.cameo AS cameo, v.mode AS mode,
                   v.actor_text AS actor, v.target_text AS target, v.location_text AS location,
                   v.trigger_text AS trigger, v.trigger_start AS start, v.trigger_end AS "end", v.sentence AS sentence
            FROM events v
            JOIN documents d ON d.doc = v.doc
            WHERE ($type IS NULL OR v.type = $type)
              AND ($actor IS NULL OR v.actor_key LIKE $actor ESCAPE '\')
              AND ($target IS NULL OR v.target_key LIKE $target ESCAPE '\')
            ORDER BY d.day_first IS NULL, d.day_first, d.doc, v.idx
            LIMIT $limit
            """;
        return Query(sql,
        [
            ("$type", string.IsNullOrWhiteSpace(f.Type) ? null : f.Type.Trim().ToUpperInvariant()),
            ("$actor", Pattern(f.Actor)),
            ("$target", Pattern(f.Target)),
            ("$limit", Limit(f.Limit)),
        ]);
    }

    /// <summary>What the store knows about an entity, in date order: events it takes part in, its quotes, and the first mention in each other report.</summary>
    public QueryResult Timeline(string entity, int limit = 1000)
    {
        const string sql = """
            WITH hit AS (
                SELECT doc, min(first_start) AS first_start, min(first_end) AS first_end
                FROM entities WHERE canonical_key LIKE $name ESCAPE '\' GROUP BY doc
            ),
            rows AS (
                SELECT v.doc AS doc, 'event' AS kind, v.type || ': ' || v.trigger_text
                         || coalesce(' (actor: ' || v.actor_text || ')', '') || coalesce(' (target: ' || v.target_text || ')', '') AS what,
                       v.trigger_start AS start, v.trigger_end AS "end"
                FROM events v WHERE v.actor_key LIKE $name ESCAPE '\' OR v.target_key LIKE $name ESCAPE '\'
                UNION ALL
                SELECT q.doc, 'quote', q.text, q.start, q."end"
                FROM quotes q WHERE q.speaker_key LIKE $name ESCAPE '\'
                UNION ALL
                SELECT h.doc, 'mention',
                       (SELECT substr(d2.text, json_extract(s.value, '$[0]') + 1, json_extract(s.value, '$[1]') - json_extract(s.value, '$[0]'))
                        FROM documents d2, json_each(d2.sentences) s
                        WHERE d2.doc = h.doc AND json_extract(s.value, '$[0]') <= h.first_start AND json_extract(s.value, '$[1]') > h.first_start),
                       h.first_start, h.first_end
                FROM hit h
            )
            SELECT d.date AS date, d.id AS document, r.kind AS kind, r.what AS what, r.start AS start, r."end" AS "end"
            FROM rows r JOIN documents d ON d.doc = r.doc
            ORDER BY d.day_first IS NULL, d.day_first, d.doc, r.start, r.kind
            LIMIT $limit
            """;
        if (string.IsNullOrWhiteSpace(entity))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--entity needs a name");
        }
        return Query(sql, [("$name", Pattern(entity)), ("$limit", Limit(limit))]);
    }

    /// <summary>Full-text search (FTS5, case and diacritics folded) with highlighted snippets; the text's words must all occur.</summary>
    public QueryResult Search(string text, bool raw = false, int limit = 100)
    {
        string query = raw ? text : ToFtsQuery(text);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new DepescheException(ErrorCodes.InvalidSearch, "the search text is empty");
        }
        const string sql = """
            SELECT d.id AS document, d.date AS date,
                   snippet(documents_fts, 0, '<b>', '</b>', '…', 16) AS snippet,
                   round(bm25(documents_fts), 3) AS rank
            FROM documents_fts
            JOIN documents d ON d.doc = documents_fts.rowid
            WHERE documents_fts MATCH $q
            ORDER BY rank
            LIMIT $limit
            """;
        return _store.Run(() =>
        {
            try
            {
                return QueryRaw(sql, [("$q", query), ("$limit", Limit(limit))]);
            }
            catch (SqliteException ex) when (ex.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("syntax", StringComparison.OrdinalIgnoreCase))
            {
                throw new DepescheException(ErrorCodes.InvalidSearch, $"not a valid search: {query} ({ex.Message.Split('\n')[0]})", ex);
            }
        });
    }

    /// <summary>Each word of the text becomes a quoted FTS5 phrase, so punctuation (<c>Nato-Staaten</c>) never breaks the query syntax.</summary>
    public static string ToFtsQuery(string text)
    {
        var sb = new StringBuilder();
        foreach (var word in text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append('"').Append(word.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return sb.ToString();
    }

    private static string? NormaliseType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }
        return type.Trim().ToUpperInvariant() switch
        {
            "PER" or "PERSON" => "PER",
            "ORG" or "ORGANISATION" or "ORGANIZATION" => "ORG",
            "LOC" or "LOCATION" => "LOC",
            "OTH" or "OTHER" => "OTH",
            _ => throw new DepescheException(ErrorCodes.InvalidArgument, $"--type must be PER, ORG, LOC or OTH, not '{type}'"),
        };
    }

    private static string? Pattern(string? value) => string.IsNullOrWhiteSpace(value) ? null : TextFold.ContainsPattern(value.Trim());

    private static long Limit(int limit) => limit <= 0 ? -1 : limit;

    private QueryResult Query(string sql, (string Name, object? Value)[] parameters)
        => _store.Run(() => QueryRaw(sql, parameters));

    private QueryResult QueryRaw(string sql, (string Name, object? Value)[] parameters)
    {
        using var cmd = _store.Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        using var r = cmd.ExecuteReader();
        var columns = new string[r.FieldCount];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = r.GetName(i);
        }
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[columns.Length];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    }
}
