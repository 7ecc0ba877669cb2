namespace Depesche.Store;

/// <summary>
/// The store's tables, in plain SQL so that any SQLite tool can read them (docs/STORE.md describes
/// every column). Offsets are Unicode code points of <c>documents.text</c>, half-open, exactly as in
/// the JSON contract, so <c>substr(text, start + 1, end - start)</c> gives a span's text in SQL.
/// </summary>
public static class StoreSchema
{
    /// <summary>
    /// The schema version this Depesche writes and reads. Version 1 (the first merged store, without the
    /// names table, the words column and entities.first_sentence) is refused: re-ingest into a new store.
    /// Version 3 adds where an event's actor, target and place come from (<c>*_origin</c>: NULL when the
    /// clause names them, <c>context</c> or <c>unknown</c>); a version-2 store is migrated in place.
    /// Version 4 adds how much a relation's contribution is (<c>relations.quantity</c>, an index into the
    /// document's quantities); a version-2 or -3 store is migrated in place.
    /// </summary>
    public const int Version = 4;

    /// <summary>
    /// Steps from an older schema version to the next one (the key is the version a step starts from);
    /// a store at a version without a path to <see cref="Version"/> is refused, never misread.
    /// </summary>
    internal static readonly IReadOnlyDictionary<int, string> Migrations = new Dictionary<int, string>
    {
        [2] = """
            ALTER TABLE events ADD COLUMN actor_origin TEXT;
            ALTER TABLE events ADD COLUMN target_origin TEXT;
            ALTER TABLE events ADD COLUMN location_origin TEXT;
            """,
        [3] = """
            ALTER TABLE relations ADD COLUMN quantity INTEGER;
            """,
    };

    internal const string Create = """
        CREATE TABLE schema_version(
            version    INTEGER NOT NULL,
            applied_at TEXT NOT NULL,
            writer     TEXT NOT NULL
        );

        CREATE TABLE documents(
            doc            INTEGER PRIMARY KEY,
            id             TEXT NOT NULL UNIQUE,
            source         TEXT NOT NULL,
            url            TEXT,
            date           TEXT,
            record_date    TEXT,
            day_first      TEXT,
            day_last       TEXT,
            content_hash   TEXT NOT NULL,
            length         INTEGER NOT NULL,
            header_line_start INTEGER, header_line_end INTEGER,
            header_date    TEXT, header_date_start INTEGER, header_date_end INTEGER,
            body_start     INTEGER NOT NULL DEFAULT 0,
            dateline_place TEXT, dateline_place_start INTEGER, dateline_place_end INTEGER,
            dateline_agency TEXT, dateline_agency_start INTEGER, dateline_agency_end INTEGER,
            dateline_start INTEGER, dateline_end INTEGER,
            n_paragraphs   INTEGER NOT NULL,
            n_sentences    INTEGER NOT NULL,
            n_tokens       INTEGER NOT NULL,
            n_words        INTEGER NOT NULL,
            n_entities     INTEGER NOT NULL,
            n_mentions     INTEGER NOT NULL,
            n_quotes       INTEGER NOT NULL,
            n_quantities   INTEGER NOT NULL,
            n_times        INTEGER NOT NULL,
            n_events       INTEGER NOT NULL,
            n_relations    INTEGER NOT NULL,
            ingested_at    TEXT NOT NULL,
            paragraphs     TEXT NOT NULL,
            sentences      TEXT NOT NULL,
            tokens         BLOB,
            words          TEXT,
            text           TEXT NOT NULL
        );
        CREATE INDEX documents_hash ON documents(content_hash);
        CREATE INDEX documents_day ON documents(day_first);

        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='doc',
            tokenize='unicode61 remove_diacritics 2'
        );

        CREATE VIEW paragraphs AS
            SELECT d.doc AS doc, CAST(p.key AS INTEGER) AS idx,
                   json_extract(p.value, '$[0]') AS start, json_extract(p.value, '$[1]') AS "end",
                   json_extract(p.value, '$[2]') AS kind
            FROM documents d, json_each(d.paragraphs) p;

        CREATE VIEW sentences AS
            SELECT d.doc AS doc, CAST(s.key AS INTEGER) AS idx,
                   json_extract(s.value, '$[0]') AS start, json_extract(s.value, '$[1]') AS "end",
                   json_extract(s.value, '$[2]') AS paragraph,
                   json_extract(s.value, '$[3]') AS first_token, json_extract(s.value, '$[4]') AS token_count
            FROM documents d, json_each(d.sentences) s;

        CREATE VIEW words AS
            SELECT d.doc AS doc, CAST(w.key AS INTEGER) AS idx,
                   json_extract(w.value, '$[0]') AS token, json_extract(w.value, '$[1]') AS form,
                   json_extract(d.words, '$.labels[' || json_extract(w.value, '$[2]') || '][0]') AS upos,
                   json_extract(d.words, '$.labels[' || json_extract(w.value, '$[2]') || '][1]') AS xpos,
                   json_extract(d.words, '$.labels[' || json_extract(w.value, '$[2]') || '][2]') AS feats,
                   json_extract(w.value, '$[3]') AS lemma,
                   json_extract(w.value, '$[4]') AS head, json_extract(w.value, '$[5]') AS deprel
            FROM documents d, json_each(d.words, '$.words') w;

        CREATE TABLE entities(
            doc           INTEGER NOT NULL REFERENCES documents(doc),
            idx           INTEGER NOT NULL,
            id            INTEGER NOT NULL,
            canonical     TEXT NOT NULL,
            canonical_key TEXT NOT NULL,
            type          TEXT NOT NULL,
            kb            TEXT,
            mentions      INTEGER NOT NULL,
            first_start   INTEGER,
            first_end     INTEGER,
            first_sentence INTEGER,
            PRIMARY KEY(doc, idx)
        ) WITHOUT ROWID;
        CREATE INDEX entities_name ON entities(canonical, type);

        CREATE TABLE entity_stats(
            canonical     TEXT NOT NULL,
            type          TEXT NOT NULL,
            canonical_key TEXT NOT NULL,
            documents     INTEGER NOT NULL,
            mentions      INTEGER NOT NULL,
            first_doc     INTEGER NOT NULL,
            PRIMARY KEY(canonical, type)
        ) WITHOUT ROWID;
        CREATE INDEX entity_stats_rank ON entity_stats(documents DESC, mentions DESC, canonical);
        CREATE INDEX entity_stats_type ON entity_stats(type, documents DESC, mentions DESC, canonical);

        CREATE TABLE mentions(
            doc    INTEGER NOT NULL REFERENCES documents(doc),
            entity INTEGER NOT NULL,
            idx    INTEGER NOT NULL,
            start  INTEGER NOT NULL,
            "end"  INTEGER NOT NULL,
            text   TEXT NOT NULL,
            kind   TEXT NOT NULL,
            PRIMARY KEY(doc, entity, idx)
        ) WITHOUT ROWID;

        CREATE TABLE names(
            id  INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE
        );

        CREATE TABLE quotes(
            doc INTEGER NOT NULL REFERENCES documents(doc),
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, text_key TEXT NOT NULL,
            speaker_entity INTEGER, speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT, speaker_name INTEGER,
            cue_start INTEGER, cue_end INTEGER, cue_text TEXT, cue_lemma TEXT,
            addressee_entity INTEGER, addressee_start INTEGER, addressee_end INTEGER, addressee_text TEXT,
            PRIMARY KEY(doc, idx)
        ) WITHOUT ROWID;
        CREATE INDEX quotes_speaker ON quotes(speaker_name);

        CREATE TABLE quantities(
            doc INTEGER NOT NULL REFERENCES documents(doc),
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            value REAL, approx TEXT NOT NULL, upper REAL, unit TEXT,
            PRIMARY KEY(doc, idx)
        ) WITHOUT ROWID;

        CREATE TABLE times(
            doc INTEGER NOT NULL REFERENCES documents(doc),
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY(doc, idx)
        ) WITHOUT ROWID;

        CREATE TABLE events(
            doc INTEGER NOT NULL REFERENCES documents(doc),
            idx INTEGER NOT NULL,
            type TEXT NOT NULL, cameo TEXT NOT NULL, mode TEXT NOT NULL,
            actor_entity INTEGER, actor_start INTEGER, actor_end INTEGER, actor_text TEXT, actor_name INTEGER,
            target_entity INTEGER, target_start INTEGER, target_end INTEGER, target_text TEXT, target_name INTEGER,
            location_entity INTEGER, location_start INTEGER, location_end INTEGER, location_text TEXT,
            time INTEGER, quantity INTEGER,
            trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
            actor_origin TEXT, target_origin TEXT, location_origin TEXT,
            sentence INTEGER NOT NULL,
            source_quote INTEGER,
            PRIMARY KEY(doc, idx)
        ) WITHOUT ROWID;
        CREATE INDEX events_actor ON events(actor_name);
        CREATE INDEX events_target ON events(target_name);

        CREATE TABLE relations(
            doc INTEGER NOT NULL REFERENCES documents(doc),
            idx INTEGER NOT NULL,
            subject INTEGER NOT NULL, relation TEXT NOT NULL,
            object_entity INTEGER, object_literal TEXT, role TEXT, polarity TEXT NOT NULL,
            evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
            quantity INTEGER,
            PRIMARY KEY(doc, idx)
        ) WITHOUT ROWID;

        CREATE TABLE failures(
            source    TEXT NOT NULL,
            line      INTEGER NOT NULL DEFAULT 0,
            id        TEXT,
            code      TEXT NOT NULL,
            message   TEXT NOT NULL,
            failed_at TEXT NOT NULL,
            PRIMARY KEY(source, line)
        ) WITHOUT ROWID;
        """;
}
