using System.Globalization;
using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;
using Microsoft.Data.Sqlite;

namespace Depesche.Store;

/// <summary>
/// The store's one writer: prepared INSERT statements bound per document, inside transactions the
/// caller opens and commits per batch. Not thread-safe; one writer per store at a time.
/// </summary>
public sealed class StoreWriter : IDisposable
{
    private readonly CorpusStore _store;
    private readonly SqliteConnection _c;
    private readonly SqliteCommand _doc;
    private readonly SqliteCommand _fts;
    private readonly SqliteCommand _entity;
    private readonly SqliteCommand _mention;
    private readonly SqliteCommand _quote;
    private readonly SqliteCommand _quantity;
    private readonly SqliteCommand _time;
    private readonly SqliteCommand _event;
    private readonly SqliteCommand _relation;
    private readonly SqliteCommand _failure;
    private readonly SqliteCommand _clearFailure;
    private readonly SqliteCommand[] _all;
    private readonly SqliteCommand _stats;
    private readonly SqliteCommand _name;
    private readonly Dictionary<string, long> _names = new(StringComparer.Ordinal);
    private readonly List<string> _namesInBatch = [];
    private SqliteTransaction? _tx;
    private long? _batchFirstDoc;
    private readonly string _now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public StoreWriter(CorpusStore store)
    {
        _store = store;
        _c = store.Connection;
        _doc = Insert("documents",
            "id", "source", "url", "date", "record_date", "day_first", "day_last", "content_hash", "length",
            "header_line_start", "header_line_end", "header_date", "header_date_start", "header_date_end", "body_start",
            "dateline_place", "dateline_place_start", "dateline_place_end", "dateline_agency", "dateline_agency_start", "dateline_agency_end",
            "dateline_start", "dateline_end",
            "n_paragraphs", "n_sentences", "n_tokens", "n_words", "n_entities", "n_mentions", "n_quotes", "n_quantities", "n_times", "n_events", "n_relations",
            "ingested_at", "paragraphs", "sentences", "tokens", "words", "text");
        _doc.CommandText += " RETURNING doc";
        _fts = Insert("documents_fts", "rowid", "text");
        _entity = Insert("entities", "doc", "idx", "id", "canonical", "canonical_key", "type", "kb", "mentions", "first_start", "first_end", "first_sentence");
        _mention = Insert("mentions", "doc", "entity", "idx", "start", "end", "text", "kind");
        _quote = Insert("quotes", "doc", "idx", "kind", "start", "end", "text", "text_key",
            "speaker_entity", "speaker_start", "speaker_end", "speaker_text", "speaker_name",
            "cue_start", "cue_end", "cue_text", "cue_lemma",
            "addressee_entity", "addressee_start", "addressee_end", "addressee_text");
        _quantity = Insert("quantities", "doc", "idx", "start", "end", "text", "value", "approx", "upper", "unit");
        _time = Insert("times", "doc", "idx", "start", "end", "text", "type", "value");
        _event = Insert("events", "doc", "idx", "type", "cameo", "mode",
            "actor_entity", "actor_start", "actor_end", "actor_text", "actor_name",
            "target_entity", "target_start", "target_end", "target_text", "target_name",
            "location_entity", "location_start", "location_end", "location_text",
            "time", "quantity", "trigger_start", "trigger_end", "trigger_text", "sentence", "source_quote",
            "actor_origin", "target_origin", "location_origin");
        _relation = Insert("relations", "doc", "idx", "subject", "relation", "object_entity", "object_literal", "role", "polarity", "evidence_start", "evidence_end", "quantity");
        _failure = Insert("failures", "source", "line", "id", "code", "message", "failed_at");
        _failure.CommandText = _failure.CommandText.Replace("INSERT INTO", "INSERT OR REPLACE INTO", StringComparison.Ordinal);
        _clearFailure = _c.CreateCommand();
        _clearFailure.CommandText = "DELETE FROM failures WHERE source = $p0";
        _clearFailure.Parameters.Add(new SqliteParameter("$p0", null));
        _stats = _c.CreateCommand();
        // Keeps entity_stats (names by how many reports name them) in step with the batch, inside its transaction.
        _stats.CommandText = """
            INSERT INTO entity_stats(canonical, type, canonical_key, documents, mentions, first_doc)
            SELECT canonical, type, min(canonical_key), count(DISTINCT doc), sum(mentions), min(doc)
            FROM entities WHERE doc >= $p0 GROUP BY canonical, type
            ON CONFLICT(canonical, type) DO UPDATE SET
                documents = documents + excluded.documents,
                mentions = mentions + excluded.mentions,
                first_doc = min(first_doc, excluded.first_doc)
            """;
        _stats.Parameters.Add(new SqliteParameter("$p0", null));
        _name = _c.CreateCommand();
        _name.CommandText = "INSERT INTO names(key) VALUES ($p0) RETURNING id";
        _name.Parameters.Add(new SqliteParameter("$p0", null));
        store.Run(() =>
        {
            using var load = _c.CreateCommand();
            load.CommandText = "SELECT id, key FROM names";
            using var r = load.ExecuteReader();
            while (r.Read())
            {
                _names[r.GetString(1)] = r.GetInt64(0);
            }
        });
        _all = [_stats, _name, _doc, _fts, _entity, _mention, _quote, _quantity, _time, _event, _relation, _failure, _clearFailure];
    }

    private SqliteCommand Insert(string table, params string[] columns)
    {
        var cmd = _c.CreateCommand();
        cmd.CommandText = $"INSERT INTO {table}({string.Join(", ", columns.Select(c => c == "end" ? "\"end\"" : c))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (int i = 0; i < columns.Length; i++)
        {
            cmd.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        }
        return cmd;
    }

    public bool InTransaction => _tx is not null;

    public void Begin()
    {
        _store.Run(() =>
        {
            _tx = _c.BeginTransaction(deferred: false);
            foreach (var cmd in _all)
            {
                cmd.Transaction = _tx;
            }
        });
    }

    public void Commit()
    {
        if (_tx is null)
        {
            return;
        }
        _store.Run(() =>
        {
            if (_batchFirstDoc is { } first)
            {
                Exec(_stats, first);
                _batchFirstDoc = null;
            }
            _tx.Commit();
            _tx.Dispose();
            _tx = null;
            _namesInBatch.Clear();
        });
    }

    public void Rollback()
    {
        if (_tx is null)
        {
            return;
        }
        _tx.Rollback();
        _tx.Dispose();
        _tx = null;
        _batchFirstDoc = null;
        ForgetBatchNames();
    }

    private void ForgetBatchNames()
    {
        foreach (string key in _namesInBatch)
        {
            _names.Remove(key);
        }
        _namesInBatch.Clear();
    }

    /// <summary>The id of a folded name in <c>names</c>, added when new (in the current transaction).</summary>
    private long? NameId(string? key)
    {
        if (key is null)
        {
            return null;
        }
        if (_names.TryGetValue(key, out long id))
        {
            return id;
        }
        _name.Parameters[0].Value = key;
        id = (long)_name.ExecuteScalar()!;
        _names[key] = id;
        _namesInBatch.Add(key);
        return id;
    }

    /// <summary>The index of the sentence that holds a position, or null outside every sentence.</summary>
    private static int? SentenceAt(Document d, int position)
    {
        var sentences = d.Sentences;
        int lo = 0, hi = sentences.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sentences[mid].End <= position)
            {
                lo = mid + 1;
            }
            else if (sentences[mid].Start > position)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return null;
    }

    /// <summary>Records that an input failed (reading or extraction); the latest failure per source and line is kept.</summary>
    public void RecordFailure(string source, int? line, string? id, string code, string message)
    {
        _store.Run(() => Exec(_failure, source, line ?? 0, id, code, message, _now));
    }

    /// <summary>Stores one document with all its layers; returns its row number (<c>documents.doc</c>).</summary>
    public long Add(PreparedDocument p)
    {
        return _store.Run(() => AddCore(p));
    }

    private long AddCore(PreparedDocument p)
    {
        var d = p.Document;
        var map = p.Map;
        string text = d.Text;
        var header = d.TryGet(Layers.Header, out var h) ? h : HeaderInfo.None;
        var bounds = PreparedDocument.DayBounds(d.Date);
        var entities = d.GetOrEmpty(Layers.Entities);
        var quotes = d.GetOrEmpty(Layers.Quotes);
        var quantities = d.GetOrEmpty(Layers.Quantities);
        var times = d.GetOrEmpty(Layers.Times);
        var events = d.GetOrEmpty(Layers.Events);
        var relations = d.GetOrEmpty(Layers.Relations);
        int mentionCount = 0;
        foreach (var e in entities)
        {
            mentionCount += e.Mentions.Count;
        }
        var dl = header.Dateline;

        var ps = _doc.Parameters;
        int k = 0;
        Set(ps, ref k, p.Id);
        Set(ps, ref k, d.Source);
        Set(ps, ref k, d.Url);
        Set(ps, ref k, d.Date?.ToString());
        Set(ps, ref k, d.RecordDate?.ToString());
        Set(ps, ref k, bounds?.First);
        Set(ps, ref k, bounds?.Last);
        Set(ps, ref k, p.Hash);
        Set(ps, ref k, p.Length);
        Set(ps, ref k, Cp(map, header.HeaderLine?.Start));
        Set(ps, ref k, Cp(map, header.HeaderLine?.End));
        Set(ps, ref k, header.Date?.ToString());
        Set(ps, ref k, Cp(map, header.DateRange?.Start));
        Set(ps, ref k, Cp(map, header.DateRange?.End));
        Set(ps, ref k, map.ToCodePoint(header.BodyStart));
        Set(ps, ref k, dl?.Place);
        Set(ps, ref k, Cp(map, dl?.PlaceRange.Start));
        Set(ps, ref k, Cp(map, dl?.PlaceRange.End));
        Set(ps, ref k, dl?.Agency);
        Set(ps, ref k, Cp(map, dl?.AgencyRange?.Start));
        Set(ps, ref k, Cp(map, dl?.AgencyRange?.End));
        Set(ps, ref k, Cp(map, dl?.Range.Start));
        Set(ps, ref k, Cp(map, dl?.Range.End));
        Set(ps, ref k, d.Paragraphs.Length);
        Set(ps, ref k, d.Sentences.Length);
        Set(ps, ref k, d.Tokens.Length);
        Set(ps, ref k, d.TryGet(Layers.Words, out var words) && !words.IsDefault ? words.Length : 0);
        Set(ps, ref k, entities.Length);
        Set(ps, ref k, mentionCount);
        Set(ps, ref k, quotes.Length);
        Set(ps, ref k, quantities.Length);
        Set(ps, ref k, times.Length);
        Set(ps, ref k, events.Length);
        Set(ps, ref k, relations.Length);
        Set(ps, ref k, _now);
        Set(ps, ref k, p.ParagraphsJson);
        Set(ps, ref k, p.SentencesJson);
        Set(ps, ref k, p.Tokens);
        Set(ps, ref k, p.WordsJson);
        Set(ps, ref k, text);
        long doc = (long)_doc.ExecuteScalar()!;
        _batchFirstDoc ??= doc;

        Exec(_fts, doc, text);
        Exec(_clearFailure, d.Source);

        for (int i = 0; i < entities.Length; i++)
        {
            var e = entities[i];
            var firstMention = e.Mentions.Count > 0 ? e.Mentions[0].Range : (TextRange?)null;
            Exec(_entity, doc, i, e.Id, e.Canonical, TextFold.Fold(e.Canonical), EntityTypeName(e.Type), e.KnowledgeId, e.Mentions.Count,
                Cp(map, firstMention?.Start), Cp(map, firstMention?.End), firstMention is { } fm ? SentenceAt(d, fm.Start) : null);
            for (int m = 0; m < e.Mentions.Count; m++)
            {
                var mention = e.Mentions[m];
                Exec(_mention, doc, i, m, map.ToCodePoint(mention.Range.Start), map.ToCodePoint(mention.Range.End), d.TextOf(mention.Range), mention.Kind.ToString().ToLowerInvariant());
            }
        }

        for (int i = 0; i < quotes.Length; i++)
        {
            var q = quotes[i];
            Exec(_quote, doc, i, q.Kind.ToString().ToLowerInvariant(),
                map.ToCodePoint(q.Content.Start), map.ToCodePoint(q.Content.End), d.TextOf(q.Content), TextFold.Fold(d.TextOf(q.Content)),
                q.Speaker?.Entity, Cp(map, q.Speaker?.Range.Start), Cp(map, q.Speaker?.Range.End), Text(d, q.Speaker?.Range), NameId(ArgumentKey(d, entities, q.Speaker)),
                Cp(map, q.Cue?.Range.Start), Cp(map, q.Cue?.Range.End), Text(d, q.Cue?.Range), q.Cue?.Lemma,
                q.Addressee?.Entity, Cp(map, q.Addressee?.Range.Start), Cp(map, q.Addressee?.Range.End), Text(d, q.Addressee?.Range));
        }

        for (int i = 0; i < quantities.Length; i++)
        {
            var q = quantities[i];
            Exec(_quantity, doc, i, map.ToCodePoint(q.Range.Start), map.ToCodePoint(q.Range.End), d.TextOf(q.Range),
                double.IsFinite(q.Value) ? q.Value : null, ApproxName(q.Approx), q.Upper is { } u && double.IsFinite(u) ? u : null, q.Unit);
        }

        for (int i = 0; i < times.Length; i++)
        {
            var t = times[i];
            Exec(_time, doc, i, map.ToCodePoint(t.Range.Start), map.ToCodePoint(t.Range.End), d.TextOf(t.Range), t.Type.ToString().ToUpperInvariant(), t.Value);
        }

        for (int i = 0; i < events.Length; i++)
        {
            var e = events[i];
            Exec(_event, doc, i, e.Type, e.Cameo, e.Mode.ToString().ToLowerInvariant(),
                e.Actor?.Entity, Cp(map, e.Actor?.Range.Start), Cp(map, e.Actor?.Range.End), ArgText(d, e.Actor), NameId(ArgumentKey(d, entities, e.Actor)),
                e.Target?.Entity, Cp(map, e.Target?.Range.Start), Cp(map, e.Target?.Range.End), ArgText(d, e.Target), NameId(ArgumentKey(d, entities, e.Target)),
                e.Location?.Entity, Cp(map, e.Location?.Range.Start), Cp(map, e.Location?.Range.End), ArgText(d, e.Location),
                e.Time, e.Quantity, map.ToCodePoint(e.Trigger.Start), map.ToCodePoint(e.Trigger.End), d.TextOf(e.Trigger), e.Sentence, e.SourceQuote,
                OriginName(e.Actor), OriginName(e.Target), OriginName(e.Location));
        }

        for (int i = 0; i < relations.Length; i++)
        {
            var r = relations[i];
            Exec(_relation, doc, i, r.Subject, DocumentJsonWriter.RelationName(r.Type), r.ObjectEntity, r.ObjectLiteral, r.Role,
                r.Negated ? "negated" : "positive", map.ToCodePoint(r.Evidence.Start), map.ToCodePoint(r.Evidence.End), r.Quantity);
        }
        return doc;
    }

    public static string EntityTypeName(EntityType type) => type switch
    {
        EntityType.Person => "PER",
        EntityType.Organisation => "ORG",
        EntityType.Location => "LOC",
        _ => "OTH",
    };

    public static string ApproxName(Approximation a) => a switch
    {
        Approximation.Exact => "exact",
        Approximation.About => "about",
        Approximation.MoreThan => "more_than",
        Approximation.LessThan => "less_than",
        _ => "range",
    };

    /// <summary>The folded name a role is matched by: its entity's canonical name when linked, else its text.</summary>
    private static string? ArgumentKey(Document d, System.Collections.Immutable.ImmutableArray<Entity> entities, ArgumentRef? arg)
    {
        if (arg is null)
        {
            return null;
        }
        string text = d.TextOf(arg.Range);
        if (arg.Entity is { } id)
        {
            foreach (var e in entities)
            {
                if (e.Id == id)
                {
                    // Both, so that a search for the surname or the phrase used in the text finds it.
                    return TextFold.Fold(e.Canonical) + "\u001f" + TextFold.Fold(text);
                }
            }
        }
        return TextFold.Fold(text);
    }

    private static string? Text(Document d, TextRange? range) => range is { } r ? d.TextOf(r) : null;

    private static string? ArgText(Document d, ArgumentRef? arg)
        => arg is { Origin: ArgumentOrigin.Unknown } ? DocumentJsonWriter.UnknownText : Text(d, arg?.Range);

    internal static string? OriginName(ArgumentRef? arg) => arg?.Origin switch
    {
        ArgumentOrigin.Context => "context",
        ArgumentOrigin.Unknown => "unknown",
        _ => null,
    };

    private static int? Cp(CodePointMap map, int? utf16) => utf16 is { } v ? map.ToCodePoint(v) : null;

    private static void Set(SqliteParameterCollection ps, ref int k, object? value)
    {
        ps[k++].Value = value ?? DBNull.Value;
    }

    private static void Exec(SqliteCommand cmd, params object?[] values)
    {
        var ps = cmd.Parameters;
        for (int i = 0; i < values.Length; i++)
        {
            ps[i].Value = values[i] ?? DBNull.Value;
        }
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_tx is not null)
        {
            try
            {
                _tx.Rollback();
            }
            catch (SqliteException)
            {
                // The connection may already be broken; the database rolls back an unfinished transaction on its own.
            }
            _tx.Dispose();
            _tx = null;
            ForgetBatchNames();
        }
        foreach (var cmd in _all)
        {
            cmd.Dispose();
        }
    }
}
