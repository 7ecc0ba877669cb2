using System.Collections.Immutable;
using System.Text.Json;
using Depesche.Model;
using Depesche.Processing;
using Microsoft.Data.Sqlite;

namespace Depesche.Store;

/// <summary>
/// Rebuilds <see cref="Document"/>s from the store, with every layer it holds, so that the writers
/// of Core (the JSON contract) and the exports see exactly what extraction produced. Reads each
/// table once, in primary-key order, merging by document.
/// </summary>
public static class DocumentLoader
{
    public static IEnumerable<Document> LoadAll(CorpusStore store)
    {
        var c = store.Connection;
        using var docs = new Cursor(c, """
            SELECT doc, id, source, url, record_date, text,
                   header_line_start, header_line_end, header_date, header_date_start, header_date_end, body_start,
                   dateline_place, dateline_place_start, dateline_place_end, dateline_agency, dateline_agency_start, dateline_agency_end,
                   dateline_start, dateline_end, paragraphs, sentences, tokens, words
            FROM documents ORDER BY doc
            """);
        using var entities = new Cursor(c, "SELECT doc, idx, id, canonical, type, kb FROM entities ORDER BY doc, idx");
        using var mentions = new Cursor(c, "SELECT doc, entity, idx, start, \"end\", kind FROM mentions ORDER BY doc, entity, idx");
        using var quotes = new Cursor(c, """
            SELECT doc, idx, kind, start, "end", speaker_entity, speaker_start, speaker_end, cue_start, cue_end, cue_lemma,
                   addressee_entity, addressee_start, addressee_end
            FROM quotes ORDER BY doc, idx
            """);
        using var quantities = new Cursor(c, "SELECT doc, idx, start, \"end\", value, approx, upper, unit FROM quantities ORDER BY doc, idx");
        using var times = new Cursor(c, "SELECT doc, idx, start, \"end\", type, value FROM times ORDER BY doc, idx");
        using var events = new Cursor(c, """
            SELECT doc, idx, type, cameo, mode, actor_entity, actor_start, actor_end, target_entity, target_start, target_end,
                   location_entity, location_start, location_end, time, quantity, trigger_start, trigger_end, sentence, source_quote,
                   actor_origin, target_origin, location_origin
            FROM events ORDER BY doc, idx
            """);
        using var relations = new Cursor(c, """
            SELECT doc, idx, subject, relation, object_entity, object_literal, role, polarity, evidence_start, evidence_end, quantity
            FROM relations ORDER BY doc, idx
            """);

        while (docs.HasRow)
        {
            var r = docs.Reader;
            long docNo = r.GetInt64(0);
            string text = r.GetString(5);
            var u = new Utf16Map(text);
            PartialDate.TryParse(Str(r, 4), out var recordDate);
            var doc = new Document(text, r.GetString(1), r.GetString(2), string.IsNullOrEmpty(Str(r, 4)) ? null : recordDate, Str(r, 3));

            Dateline? dateline = null;
            if (Str(r, 12) is { } place)
            {
                dateline = new Dateline(place, u.Range(r, 13, 14)!.Value, Str(r, 15), u.Range(r, 16, 17), u.Range(r, 18, 19)!.Value);
            }
            PartialDate.TryParse(Str(r, 8), out var headerDate);
            doc.Set(Layers.Header, new HeaderInfo(u.Range(r, 6, 7), string.IsNullOrEmpty(Str(r, 8)) ? null : headerDate, u.Range(r, 9, 10), dateline, u.At(r.GetInt32(11))));
            doc.Set(Layers.Paragraphs, ReadParagraphs(r.GetString(20), u));
            if (!r.IsDBNull(22))
            {
                doc.Set(Layers.Tokens, ReadTokens((byte[])r.GetValue(22), u));
            }
            doc.Set(Layers.Sentences, ReadSentences(r.GetString(21), u));
            if (!r.IsDBNull(23))
            {
                var (words, deps) = ReadWords(r.GetString(23), doc);
                doc.Set(Layers.Words, words);
                if (deps is { } d)
                {
                    doc.Set(Layers.Dependencies, d);
                }
            }

            var entityRows = entities.TakeFor(docNo, e => (Idx: e.GetInt32(1), Id: e.GetInt32(2), Canonical: e.GetString(3), Type: e.GetString(4), Kb: Str(e, 5)));
            var mentionRows = mentions.TakeFor(docNo, m => (Entity: m.GetInt32(1), Mention: new Mention(u.Range(m, 3, 4)!.Value, Enum.Parse<MentionKind>(m.GetString(5), ignoreCase: true))));
            if (entityRows.Count > 0)
            {
                var built = ImmutableArray.CreateBuilder<Entity>(entityRows.Count);
                foreach (var e in entityRows)
                {
                    var ms = mentionRows.Where(m => m.Entity == e.Idx).Select(m => m.Mention).ToArray();
                    built.Add(new Entity(e.Id, e.Canonical, ParseEntityType(e.Type), e.Kb, ms));
                }
                doc.Set(Layers.Entities, built.MoveToImmutable());
            }

            SetIfAny(doc, Layers.Quotes, quotes.TakeFor(docNo, q => new Quote(
                Enum.Parse<QuoteKind>(q.GetString(2), ignoreCase: true),
                u.Range(q, 3, 4)!.Value,
                Arg(q, 5, 6, 7, u),
                u.Range(q, 8, 9) is { } cue ? new Cue(cue, Str(q, 10)) : null,
                Arg(q, 11, 12, 13, u))));
            SetIfAny(doc, Layers.Quantities, quantities.TakeFor(docNo, q => new Quantity(
                u.Range(q, 2, 3)!.Value, q.IsDBNull(4) ? double.NaN : q.GetDouble(4), ParseApprox(q.GetString(5)), q.IsDBNull(6) ? null : q.GetDouble(6), Str(q, 7))));
            SetIfAny(doc, Layers.Times, times.TakeFor(docNo, t => new TimeExpression(
                u.Range(t, 2, 3)!.Value, Enum.Parse<TimeType>(t.GetString(4), ignoreCase: true), t.GetString(5))));
            SetIfAny(doc, Layers.Events, events.TakeFor(docNo, v => new Event(
                v.GetString(2), v.GetString(3), Enum.Parse<EventMode>(v.GetString(4), ignoreCase: true),
                Arg(v, 5, 6, 7, u, 20), Arg(v, 8, 9, 10, u, 21), Arg(v, 11, 12, 13, u, 22),
                Int(v, 14), Int(v, 15), u.Range(v, 16, 17)!.Value, v.GetInt32(18), Int(v, 19))));
            SetIfAny(doc, Layers.Relations, relations.TakeFor(docNo, x => new Relation(
                x.GetInt32(2), ParseRelation(x.GetString(3)), Int(x, 4), Str(x, 5), Str(x, 6), x.GetString(7) == "negated", u.Range(x, 8, 9)!.Value, Int(x, 10))));

            yield return doc;
            docs.Advance();
        }
    }

    private static void SetIfAny<T>(Document doc, LayerKey<ImmutableArray<T>> key, List<T> items)
    {
        if (items.Count > 0)
        {
            doc.Set(key, [.. items]);
        }
    }

    private static ArgumentRef? Arg(SqliteDataReader r, int entity, int start, int end, Utf16Map u, int origin = -1)
        => u.Range(r, start, end) is { } range ? new ArgumentRef(Int(r, entity), range, origin >= 0 ? OriginOf(Str(r, origin)) : ArgumentOrigin.Stated) : null;

    private static ArgumentOrigin OriginOf(string? origin) => origin switch
    {
        "context" => ArgumentOrigin.Context,
        "unknown" => ArgumentOrigin.Unknown,
        _ => ArgumentOrigin.Stated,
    };

    private static ImmutableArray<Paragraph> ReadParagraphs(string json, Utf16Map u)
    {
        using var d = JsonDocument.Parse(json);
        var b = ImmutableArray.CreateBuilder<Paragraph>(d.RootElement.GetArrayLength());
        foreach (var p in d.RootElement.EnumerateArray())
        {
            b.Add(new Paragraph(u.At(p[0].GetInt32()), u.At(p[1].GetInt32()), p[2].GetString() == "heading" ? ParagraphKind.Heading : ParagraphKind.Body));
        }
        return b.MoveToImmutable();
    }

    private static ImmutableArray<Sentence> ReadSentences(string json, Utf16Map u)
    {
        using var d = JsonDocument.Parse(json);
        var b = ImmutableArray.CreateBuilder<Sentence>(d.RootElement.GetArrayLength());
        foreach (var s in d.RootElement.EnumerateArray())
        {
            b.Add(new Sentence(u.At(s[0].GetInt32()), u.At(s[1].GetInt32()), s[3].GetInt32(), s[4].GetInt32(), s[2].GetInt32()));
        }
        return b.MoveToImmutable();
    }

    private static (ImmutableArray<WordAnnotation> Words, ImmutableArray<Dependency>? Deps) ReadWords(string json, Document doc)
    {
        var tokens = doc.Tokens;
        using var d = JsonDocument.Parse(json);
        var labels = d.RootElement.GetProperty("labels").EnumerateArray()
            .Select(l => (Upos: l[0].GetString()!, Xpos: l[1].GetString()!, Feats: l[2].GetString()!)).ToArray();
        var list = d.RootElement.GetProperty("words");
        int n = list.GetArrayLength();
        var words = ImmutableArray.CreateBuilder<WordAnnotation>(n);
        var deps = ImmutableArray.CreateBuilder<Dependency>(n);
        bool parsed = n > 0;
        foreach (var w in list.EnumerateArray())
        {
            int token = w[0].GetInt32();
            string? form = NullableString(w[1]);
            // The layer keeps a form only where it differs from the token's text (parts of contractions).
            if (form is not null && token < tokens.Length && doc.Slice(tokens[token].Range).SequenceEqual(form))
            {
                form = null;
            }
            var label = labels[w[2].GetInt32()];
            words.Add(new WordAnnotation(token, form, label.Upos, label.Xpos, label.Feats, NullableString(w[3])));
            if (w.GetArrayLength() > 4 && w[4].ValueKind == JsonValueKind.Number)
            {
                deps.Add(new Dependency(w[4].GetInt32(), w[5].GetString()!));
            }
            else
            {
                parsed = false;
            }
        }
        return (words.MoveToImmutable(), parsed ? deps.MoveToImmutable() : null);

        static string? NullableString(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();
    }

    private static ImmutableArray<TokenInfo> ReadTokens(byte[] blob, Utf16Map u)
    {
        var decoded = PreparedDocument.DecodeTokens(blob);
        var b = ImmutableArray.CreateBuilder<TokenInfo>(decoded.Count);
        foreach (var (start, end, kind, flags) in decoded)
        {
            b.Add(new TokenInfo(u.At(start), u.At(end), kind, flags));
        }
        return b.MoveToImmutable();
    }

    private static EntityType ParseEntityType(string s) => s switch
    {
        "PER" => EntityType.Person,
        "ORG" => EntityType.Organisation,
        "LOC" => EntityType.Location,
        _ => EntityType.Other,
    };

    private static Approximation ParseApprox(string s) => s switch
    {
        "exact" => Approximation.Exact,
        "about" => Approximation.About,
        "more_than" => Approximation.MoreThan,
        "less_than" => Approximation.LessThan,
        _ => Approximation.Range,
    };

    private static RelationType ParseRelation(string s)
    {
        foreach (var t in Enum.GetValues<RelationType>())
        {
            if (Output.DocumentJsonWriter.RelationName(t) == s)
            {
                return t;
            }
        }
        throw new DepescheException(ErrorCodes.StoreCorrupt, $"unknown relation '{s}' in the store");
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    /// <summary>A reader over one table in document order.</summary>
    private sealed class Cursor : IDisposable
    {
        private readonly SqliteCommand _cmd;

        public Cursor(SqliteConnection c, string sql)
        {
            _cmd = c.CreateCommand();
            _cmd.CommandText = sql;
            Reader = _cmd.ExecuteReader();
            HasRow = Reader.Read();
        }

        public SqliteDataReader Reader { get; }

        public bool HasRow { get; private set; }

        public void Advance() => HasRow = Reader.Read();

        /// <summary>The rows of document <paramref name="doc"/>; rows of earlier documents (none, in a consistent store) are passed over.</summary>
        public List<T> TakeFor<T>(long doc, Func<SqliteDataReader, T> read)
        {
            var list = new List<T>();
            while (HasRow && Reader.GetInt64(0) < doc)
            {
                Advance();
            }
            while (HasRow && Reader.GetInt64(0) == doc)
            {
                list.Add(read(Reader));
                Advance();
            }
            return list;
        }

        public void Dispose()
        {
            Reader.Dispose();
            _cmd.Dispose();
        }
    }
}

/// <summary>Converts code-point offsets of a text back to UTF-16 positions (identity for texts without surrogate pairs).</summary>
internal sealed class Utf16Map
{
    private readonly int[]? _utf16;

    public Utf16Map(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return;
        }
        var list = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i++)
        {
            list.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }
        list.Add(text.Length);
        _utf16 = [.. list];
    }

    public int At(int codePoint) => _utf16 is null ? codePoint : _utf16[Math.Clamp(codePoint, 0, _utf16.Length - 1)];

    public TextRange? Range(SqliteDataReader r, int start, int end)
        => r.IsDBNull(start) || r.IsDBNull(end) ? null : new TextRange(At(r.GetInt32(start)), At(r.GetInt32(end)));
}
