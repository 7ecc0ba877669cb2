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
            FROM documents d
            JOIN quotes q ON q.doc = d.doc
            LEFT JOIN entities e ON e.doc = q.doc AND e.id = q.speaker_entity
            WHERE ($speaker IS NULL OR q.speaker_key LIKE $speaker ESCAPE '\')
              AND ($about IS NULL OR q.text_key LIKE $about ESCAPE '\')
              AND ($from IS NULL OR d.day_last >= $from)
              AND ($to IS NULL OR d.day_first <= $to)
            ORDER BY d.day_first, d.doc, q.idx
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
        // entity_stats is kept in step with every stored batch, so the ranking reads an index, not all mentions.
        const string select = """
            SELECT s.canonical AS canonical, s.type AS type, s.documents AS documents, s.mentions AS mentions,
                   d.id AS document,
                   (SELECT e.first_start FROM entities e WHERE e.doc = s.first_doc AND e.canonical = s.canonical AND e.type = s.type LIMIT 1) AS start,
                   (SELECT e.first_end FROM entities e WHERE e.doc = s.first_doc AND e.canonical = s.canonical AND e.type = s.type LIMIT 1) AS "end"
            FROM entity_stats s JOIN documents d ON d.doc = s.first_doc
            """;
        string? t = NormaliseType(type);
        string sql = select + (t is null ? "" : " WHERE s.type = $type") + " ORDER BY s.documents DESC, s.mentions DESC, s.canonical LIMIT $limit";
        return Query(sql, [("$type", t), ("$limit", Limit(top))]);
    }

    public QueryResult Events(EventFilter f)
    {
        const string sql = """
            SELECT d.id AS document, d.date AS date, v.type AS type, v.cameo AS cameo, v.mode AS mode,
                   v.actor_text AS actor, v.target_text AS target, v.location_text AS location,
                   v.trigger_text AS trigger, v.trigger_start AS start, v.trigger_end AS "end", v.sentence AS sentence
            FROM documents d
            JOIN events v ON v.doc = d.doc
            WHERE ($type IS NULL OR v.type = $type)
              AND ($actor IS NULL OR v.actor_key LIKE $actor ESCAPE '\')
              AND ($target IS NULL OR v.target_key LIKE $target ESCAPE '\')
            ORDER BY d.day_first, d.doc, v.idx
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
        // The reports that name the entity come from entity_stats (distinct names) and the entities index;
        // events and quotes are then looked for in those reports only — or in all reports when no entity
        // has the name (a store without an entities layer still has speakers and actors). The sentence
        // around a mention is cut from the text for the rows shown, after the limit.
        const string template = """
            WITH names AS MATERIALIZED (
                SELECT canonical, type FROM entity_stats WHERE canonical_key LIKE $name ESCAPE '\'
            ),
            docs AS MATERIALIZED (
                SELECT e.doc AS doc, min(e.first_start) AS first_start, min(e.first_end) AS first_end
                FROM names n CROSS JOIN entities e ON e.canonical = n.canonical AND e.type = n.type
                GROUP BY e.doc
            ),
            rows AS (
                SELECT v.doc AS doc, 'event' AS kind,
                       v.type || ': ' || v.trigger_text || coalesce(' (actor: ' || v.actor_text || ')', '') || coalesce(' (target: ' || v.target_text || ')', '') AS what,
                       v.trigger_start AS start, v.trigger_end AS "end"
                FROM {EVENTS}
                WHERE v.actor_key LIKE $name ESCAPE '\' OR v.target_key LIKE $name ESCAPE '\'
                UNION ALL
                SELECT q.doc, 'quote', q.text, q.start, q."end"
                FROM {QUOTES}
                WHERE q.speaker_key LIKE $name ESCAPE '\'
                UNION ALL
                SELECT h.doc, 'mention', NULL, h.first_start, h.first_end FROM docs h
            ),
            page AS MATERIALIZED (
                SELECT r.doc AS doc, d.day_first AS day, d.date AS date, d.id AS document, r.kind AS kind, r.what AS what, r.start AS start, r."end" AS "end"
                FROM rows r CROSS JOIN documents d ON d.doc = r.doc
                ORDER BY d.day_first IS NULL, d.day_first, r.doc, r.start, r.kind
                LIMIT $limit
            )
            SELECT p.date AS date, p.document AS document, p.kind AS kind,
                   coalesce(p.what,
                       (SELECT substr(d2.text, json_extract(s.value, '$[0]') + 1, json_extract(s.value, '$[1]') - json_extract(s.value, '$[0]'))
                        FROM documents d2, json_each(d2.sentences) s
                        WHERE d2.doc = p.doc AND json_extract(s.value, '$[0]') <= p.start AND json_extract(s.value, '$[1]') > p.start)) AS what,
                   p.start AS start, p."end" AS "end"
            FROM page p
            ORDER BY p.day IS NULL, p.day, p.doc, p.start, p.kind
            """;
        if (string.IsNullOrWhiteSpace(entity))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--entity needs a name");
        }
        string? pattern = Pattern(entity);
        bool named = Query("SELECT 1 FROM entity_stats WHERE canonical_key LIKE $name ESCAPE '\\' LIMIT 1", [("$name", pattern)]).Rows.Count > 0;
        string sql = template
            .Replace("{EVENTS}", named ? "docs h CROSS JOIN events v ON v.doc = h.doc" : "events v", StringComparison.Ordinal)
            .Replace("{QUOTES}", named ? "docs h CROSS JOIN quotes q ON q.doc = h.doc" : "quotes q", StringComparison.Ordinal);
        return Query(sql, [("$name", pattern), ("$limit", Limit(limit))]);
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
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) == 1)
            {
                throw new DepescheException(ErrorCodes.InvalidSearch, $"not a valid search: {query} ({ex.Message.Split('\n')[0].Replace("SQLite Error 1: ", "", StringComparison.Ordinal)})", ex);
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
