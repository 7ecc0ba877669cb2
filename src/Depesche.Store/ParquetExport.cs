using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;
using Parquet;
using Parquet.Serialization;

namespace Depesche.Store;

/// <summary>One report as a Parquet row: metadata, text, and each layer as a list of structs (code-point offsets).</summary>
public sealed class ParquetDocument
{
    public string Id { get; set; } = "";
    public string Source { get; set; } = "";
    public string? Url { get; set; }
    public string? Date { get; set; }
    public string Text { get; set; } = "";
    public List<ParquetSpan> Sentences { get; set; } = [];
    public List<ParquetWord> Words { get; set; } = [];
    public List<ParquetEntity> Entities { get; set; } = [];
    public List<ParquetQuote> Quotes { get; set; } = [];
    public List<ParquetQuantity> Quantities { get; set; } = [];
    public List<ParquetTime> Times { get; set; } = [];
    public List<ParquetEvent> Events { get; set; } = [];
    public List<ParquetRelation> Relations { get; set; } = [];
}

public sealed class ParquetSpan
{
    public int Start { get; set; }
    public int End { get; set; }
}

public sealed class ParquetWord
{
    /// <summary>Index of the token the word belongs to.</summary>
    public int Token { get; set; }
    public string Form { get; set; } = "";
    public string Lemma { get; set; } = "";
    public string Upos { get; set; } = "";
    public string Xpos { get; set; } = "";
    public string Feats { get; set; } = "";
    /// <summary>Word index of the head, -1 for the root; null when not parsed.</summary>
    public int? Head { get; set; }
    public string? Deprel { get; set; }
}

public sealed class ParquetMention
{
    public int Start { get; set; }
    public int End { get; set; }
    public string Text { get; set; } = "";
    public string Kind { get; set; } = "";
}

public sealed class ParquetEntity
{
    public int Id { get; set; }
    public string Canonical { get; set; } = "";
    public string Type { get; set; } = "";
    public string? Kb { get; set; }
    public List<ParquetMention> Mentions { get; set; } = [];
}

public sealed class ParquetQuote
{
    public string Kind { get; set; } = "";
    public int Start { get; set; }
    public int End { get; set; }
    public string Text { get; set; } = "";
    public int? SpeakerEntity { get; set; }
    public string? Speaker { get; set; }
    public int? SpeakerStart { get; set; }
    public int? SpeakerEnd { get; set; }
    public string? Cue { get; set; }
    public int? AddresseeEntity { get; set; }
    public string? Addressee { get; set; }
}

public sealed class ParquetQuantity
{
    public int Start { get; set; }
    public int End { get; set; }
    public string Text { get; set; } = "";
    public double? Value { get; set; }
    public string Approx { get; set; } = "";
    public double? Upper { get; set; }
    public string? Unit { get; set; }
}

public sealed class ParquetTime
{
    public int Start { get; set; }
    public int End { get; set; }
    public string Text { get; set; } = "";
    public string Type { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class ParquetEvent
{
    public string Type { get; set; } = "";
    public string Cameo { get; set; } = "";
    public string Mode { get; set; } = "";
    public string? Actor { get; set; }
    public int? ActorEntity { get; set; }
    public string? Target { get; set; }
    public int? TargetEntity { get; set; }
    public string? Location { get; set; }
    public int? LocationEntity { get; set; }
    /// <summary>Where a role comes from when the clause does not name it: <c>context</c>, <c>unknown</c>; null when stated.</summary>
    public string? ActorOrigin { get; set; }
    public string? TargetOrigin { get; set; }
    public string? LocationOrigin { get; set; }
    /// <summary>Indexes into the report's times and quantities, and the quotation the event is told in.</summary>
    public int? Time { get; set; }
    public int? Quantity { get; set; }
    public int? SourceQuote { get; set; }
    public string Trigger { get; set; } = "";
    public int TriggerStart { get; set; }
    public int TriggerEnd { get; set; }
    public int Sentence { get; set; }
}

public sealed class ParquetRelation
{
    public int Subject { get; set; }
    public string Relation { get; set; } = "";
    public int? ObjectEntity { get; set; }
    public string? ObjectLiteral { get; set; }
    public string? Role { get; set; }
    public string Polarity { get; set; } = "";
    public int? Quantity { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
}

/// <summary>Writes the store as one Parquet file (one row per report, layers as nested lists), for pandas, polars and DuckDB.</summary>
public static class ParquetExport
{
    public const int RowGroupSize = 1000;

    /// <summary>Writes to <paramref name="output"/>, which must be readable, writable and seekable (row groups are appended).</summary>
    public static int Write(CorpusStore store, Stream output)
    {
        int n = 0;
        var batch = new List<ParquetDocument>(RowGroupSize);
        bool first = true;
        void Flush()
        {
            if (batch.Count == 0 && !first)
            {
                return;
            }
            var options = new ParquetOptions { Append = !first };
            ParquetSerializer.SerializeAsync(batch, output, options).GetAwaiter().GetResult();
            first = false;
            batch.Clear();
        }
        store.Run(() =>
        {
            foreach (var doc in DocumentLoader.LoadAll(store))
            {
                batch.Add(ToRow(doc));
                n++;
                if (batch.Count == RowGroupSize)
                {
                    Flush();
                }
            }
        });
        Flush();
        return n;
    }

    /// <summary>A role's words; an unknown perpetrator is written as in the JSON ("unbekannt").</summary>
    private static string? RoleText(Document doc, ArgumentRef? role) =>
        role is null ? null : role.Origin == ArgumentOrigin.Unknown ? DocumentJsonWriter.UnknownText : doc.TextOf(role.Range);

    public static ParquetDocument ToRow(Document doc)
    {
        var map = new CodePointMap(doc.Text);
        int Cp(int i) => map.ToCodePoint(i);
        int? CpN(int? i) => i is { } v ? map.ToCodePoint(v) : null;
        var entities = doc.GetOrEmpty(Layers.Entities);
        doc.TryGet(Layers.Words, out var words);
        doc.TryGet(Layers.Dependencies, out var deps);
        bool parsed = !words.IsDefault && !deps.IsDefault && deps.Length == words.Length;
        return new ParquetDocument
        {
            Id = doc.Id,
            Source = doc.Source,
            Url = doc.Url,
            Date = doc.Date?.ToString(),
            Text = doc.Text,
            Sentences = [.. doc.Sentences.Select(s => new ParquetSpan { Start = Cp(s.Start), End = Cp(s.End) })],
            Words = words.IsDefault ? [] : [.. words.Select((w, i) => new ParquetWord
            {
                Token = w.Token,
                Form = w.FormIn(doc),
                Lemma = w.LemmaIn(doc),
                Upos = w.Upos,
                Xpos = w.Xpos,
                Feats = w.Feats,
                Head = parsed ? deps[i].Head : null,
                Deprel = parsed ? deps[i].Deprel : null,
            })],
            Entities = [.. entities.Select(e => new ParquetEntity
            {
                Id = e.Id,
                Canonical = e.Canonical,
                Type = StoreWriter.EntityTypeName(e.Type),
                Kb = e.KnowledgeId,
                Mentions = [.. e.Mentions.Select(m => new ParquetMention { Start = Cp(m.Range.Start), End = Cp(m.Range.End), Text = doc.TextOf(m.Range), Kind = m.Kind.ToString().ToLowerInvariant() })],
            })],
            Quotes = [.. doc.GetOrEmpty(Layers.Quotes).Select(q => new ParquetQuote
            {
                Kind = q.Kind.ToString().ToLowerInvariant(),
                Start = Cp(q.Content.Start),
                End = Cp(q.Content.End),
                Text = doc.TextOf(q.Content),
                SpeakerEntity = q.Speaker?.Entity,
                Speaker = q.Speaker is { } sp ? doc.TextOf(sp.Range) : null,
                SpeakerStart = CpN(q.Speaker?.Range.Start),
                SpeakerEnd = CpN(q.Speaker?.Range.End),
                Cue = q.Cue is { } cue ? cue.Lemma ?? doc.TextOf(cue.Range) : null,
                AddresseeEntity = q.Addressee?.Entity,
                Addressee = q.Addressee is { } ad ? doc.TextOf(ad.Range) : null,
            })],
            Quantities = [.. doc.GetOrEmpty(Layers.Quantities).Select(q => new ParquetQuantity
            {
                Start = Cp(q.Range.Start),
                End = Cp(q.Range.End),
                Text = doc.TextOf(q.Range),
                Value = double.IsFinite(q.Value) ? q.Value : null,
                Approx = StoreWriter.ApproxName(q.Approx),
                Upper = q.Upper,
                Unit = q.Unit,
            })],
            Times = [.. doc.GetOrEmpty(Layers.Times).Select(t => new ParquetTime
            {
                Start = Cp(t.Range.Start),
                End = Cp(t.Range.End),
                Text = doc.TextOf(t.Range),
                Type = t.Type.ToString().ToUpperInvariant(),
                Value = t.Value,
            })],
            Events = [.. doc.GetOrEmpty(Layers.Events).Select(e => new ParquetEvent
            {
                Type = e.Type,
                Cameo = e.Cameo,
                Mode = e.Mode.ToString().ToLowerInvariant(),
                Actor = RoleText(doc, e.Actor),
                ActorEntity = e.Actor?.Entity,
                Target = RoleText(doc, e.Target),
                TargetEntity = e.Target?.Entity,
                Location = RoleText(doc, e.Location),
                LocationEntity = e.Location?.Entity,
                ActorOrigin = StoreWriter.OriginName(e.Actor),
                TargetOrigin = StoreWriter.OriginName(e.Target),
                LocationOrigin = StoreWriter.OriginName(e.Location),
                Time = e.Time,
                Quantity = e.Quantity,
                SourceQuote = e.SourceQuote,
                Trigger = doc.TextOf(e.Trigger),
                TriggerStart = Cp(e.Trigger.Start),
                TriggerEnd = Cp(e.Trigger.End),
                Sentence = e.Sentence,
            })],
            Relations = [.. doc.GetOrEmpty(Layers.Relations).Select(r => new ParquetRelation
            {
                Subject = r.Subject,
                Relation = DocumentJsonWriter.RelationName(r.Type),
                ObjectEntity = r.ObjectEntity,
                ObjectLiteral = r.ObjectLiteral,
                Role = r.Role,
                Polarity = r.Negated ? "negated" : "positive",
                Quantity = r.Quantity,
                Start = Cp(r.Evidence.Start),
                End = Cp(r.Evidence.End),
            })],
        };
    }
}
