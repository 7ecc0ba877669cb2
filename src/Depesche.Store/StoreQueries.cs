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
                   coalesce(sum(n_words), 0) AS words,
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
        // Only the filters given become conditions, so that the planner can use the speaker index.
        var where = new List<string>();
        var ps = new List<(string, object?)> { ("$limit", Limit(f.Limit)) };
        if (Pattern(f.Speaker) is { } speaker)
        {
            where.Add("q.speaker_name IN (SELECT id FROM names WHERE key LIKE $speaker ESCAPE '\\')");
            ps.Add(("$speaker", speaker));
        }
        if (Pattern(f.About) is { } about)
        {
            where.Add("q.text_key LIKE $about ESCAPE '\\'");
            ps.Add(("$about", about));
        }
        if (f.From is { } from)
        {
            where.Add("d.day_last >= $from");
            ps.Add(("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (f.To is { } to)
        {
            where.Add("d.day_first <= $to");
            ps.Add(("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        string sql = $"""
            SELECT d.id AS document, d.date AS date, q.kind AS kind,
                   coalesce(e.canonical, q.speaker_text) AS speaker, q.text AS quote,
                   q.start AS start, q."end" AS "end", q.speaker_start AS speaker_start, q.speaker_end AS speaker_end,
                   q.cue_text AS cue
            FROM quotes q
            JOIN documents d ON d.doc = q.doc
            LEFT JOIN entities e ON e.doc = q.doc AND e.id = q.speaker_entity
            {Where(where)}
            ORDER BY d.day_first, d.doc, q.idx
            LIMIT $limit
            """;
        return Query(sql, [.. ps]);
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

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
        var where = new List<string>();
        var ps = new List<(string, object?)> { ("$limit", Limit(f.Limit)) };
        if (!string.IsNullOrWhiteSpace(f.Type))
        {
            // Unary + keeps the planner from the type index: walking reports in date order and stopping at the
            // limit beats sorting every event of a frequent type.
            where.Add("+v.type = $type");
            ps.Add(("$type", f.Type.Trim().ToUpperInvariant()));
        }
        if (Pattern(f.Actor) is { } actor)
        {
            where.Add("v.actor_name IN (SELECT id FROM names WHERE key LIKE $actor ESCAPE '\\')");
            ps.Add(("$actor", actor));
        }
        if (Pattern(f.Target) is { } target)
        {
            where.Add("v.target_name IN (SELECT id FROM names WHERE key LIKE $target ESCAPE '\\')");
            ps.Add(("$target", target));
        }
        string sql = $"""
            SELECT d.id AS document, d.date AS date, v.type AS type, v.cameo AS cameo, v.mode AS mode,
                   v.actor_text AS actor, v.target_text AS target, v.location_text AS location,
                   v.trigger_text AS trigger, v.trigger_start AS start, v.trigger_end AS "end", v.sentence AS sentence
            FROM events v
            JOIN documents d ON d.doc = v.doc
            {Where(where)}
            ORDER BY d.day_first, d.doc, v.idx
            LIMIT $limit
            """;
        return Query(sql, [.. ps]);
    }

    /// <summary>What the store knows about an entity, in date order: events it takes part in, its quotes, and the first mention in each report that names it.</summary>
    public QueryResult Timeline(string entity, int limit = 1000)
    {
        // Names are matched once, in the small tables of distinct names (entity_stats, names); events,
        // quotes and mentions are then found through indexes. The sentence around a mention is cut
        // from the text only for the rows shown, after the limit.
        const string sql = """
            WITH entity_names AS MATERIALIZED (
                SELECT canonical, type FROM entity_stats WHERE canonical_key LIKE $name ESCAPE '\'
            ),
            role_names AS MATERIALIZED (
                SELECT id FROM names WHERE key LIKE $name ESCAPE '\'
            ),
            docs AS MATERIALIZED (
                SELECT e.doc AS doc, min(e.first_start) AS first_start, min(e.first_end) AS first_end, min(e.first_sentence) AS sentence
                FROM entity_names n CROSS JOIN entities e ON e.canonical = n.canonical AND e.type = n.type
                GROUP BY e.doc
            ),
            event_rows AS (
                SELECT v.doc AS doc, v.idx AS idx FROM role_names n CROSS JOIN events v ON v.actor_name = n.id
                UNION
                SELECT v.doc, v.idx FROM role_names n CROSS JOIN events v ON v.target_name = n.id
            ),
            rows AS (
                SELECT v.doc AS doc, 'event' AS kind,
                       v.type || ': ' || v.trigger_text || coalesce(' (actor: ' || v.actor_text || ')', '') || coalesce(' (target: ' || v.target_text || ')', '') AS what,
                       v.trigger_start AS start, v.trigger_end AS "end", NULL AS sentence
                FROM event_rows r CROSS JOIN events v ON v.doc = r.doc AND v.idx = r.idx
                UNION ALL
                SELECT q.doc, 'quote', q.text, q.start, q."end", NULL
                FROM role_names n CROSS JOIN quotes q ON q.speaker_name = n.id
                UNION ALL
                SELECT h.doc, 'mention', NULL, h.first_start, h.first_end, h.sentence FROM docs h
            ),
            page AS MATERIALIZED (
                SELECT r.doc AS doc, d.day_first AS day, d.date AS date, d.id AS document, r.kind AS kind, r.what AS what,
                       r.start AS start, r."end" AS "end", r.sentence AS sentence
                FROM rows r CROSS JOIN documents d ON d.doc = r.doc
                ORDER BY d.day_first IS NULL, d.day_first, r.doc, r.start, r.kind
                LIMIT $limit
            )
            SELECT p.date AS date, p.document AS document, p.kind AS kind,
                   coalesce(p.what,
                       (SELECT substr(d2.text, json_extract(d2.sentences, '$[' || p.sentence || '][0]') + 1,
                                       json_extract(d2.sentences, '$[' || p.sentence || '][1]') - json_extract(d2.sentences, '$[' || p.sentence || '][0]'))
                        FROM documents d2 WHERE d2.doc = p.doc AND p.sentence IS NOT NULL),
                       (SELECT e2.canonical FROM entities e2 WHERE e2.doc = p.doc AND e2.first_start = p.start LIMIT 1)) AS what,
                   p.start AS start, p."end" AS "end"
            FROM page p
            ORDER BY p.day IS NULL, p.day, p.doc, p.start, p.kind
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
                   round(bm25(documents_fts), 3) AS rank,
                   highlight(documents_fts, 0, char(57344), char(57345)) AS marked
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
                return WithFirstHit(QueryRaw(sql, [("$q", query), ("$limit", Limit(limit))]));
            }
            catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xFF) == 1)
            {
                throw new DepescheException(ErrorCodes.InvalidSearch, $"not a valid search: {query} ({ex.Message.Split('\n')[0].Replace("SQLite Error 1: ", "", StringComparison.Ordinal)})", ex);
            }
        });
    }

    /// <summary>
    /// Replaces the marked-up text (hits between U+E000 and U+E001, private-use characters news text
    /// does not use) with the code-point offsets of the first hit: the evidence a JSON user can cut out.
    /// </summary>
    private static QueryResult WithFirstHit(QueryResult r)
    {
        int marked = r.Columns.Count - 1;
        var rows = new List<object?[]>(r.Rows.Count);
        foreach (var row in r.Rows)
        {
            string text = row[marked] as string ?? "";
            int? start = null, end = null;
            int pos = 0; // code points of the text itself, markers not counted
            foreach (var rune in text.EnumerateRunes())
            {
                if (rune.Value == 0xE000)
                {
                    start ??= pos;
                }
                else if (rune.Value == 0xE001)
                {
                    end = pos;
                    break;
                }
                else
                {
                    pos++;
                }
            }
            rows.Add([.. row[..marked], start, end]);
        }
        return new QueryResult([.. r.Columns.Take(marked), "start", "end"], rows);
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
