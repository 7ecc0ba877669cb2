using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Output;

/// <summary>Options for <see cref="DocumentJsonWriter"/>.</summary>
public sealed record JsonWriteOptions
{
    public bool Indented { get; init; }

    /// <summary>Also write the tokens layer (<c>--tokens</c>).</summary>
    public bool IncludeTokens { get; init; }
}

/// <summary>
/// Writes a document as the version-1 JSON contract of OUTPUT.md. Offsets are converted to
/// Unicode code points; every span's <c>text</c> equals <c>text[start:end]</c>.
/// </summary>
public static class DocumentJsonWriter
{
    public const int SchemaVersion = 1;

    public static JsonWriterOptions WriterOptions(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Writes extension fields after the contract's own; other assemblies register them (syntax, for example).</summary>
    public delegate void Extension(Utf8JsonWriter writer, Document document, CodePointMap map, JsonWriteOptions options);

    public static void Write(Utf8JsonWriter w, Document doc, JsonWriteOptions options, IReadOnlyList<Extension>? extensions = null)
    {
        var map = new CodePointMap(doc.Text);
        string text = doc.Text;

        w.WriteStartObject();
        w.WriteNumber("schema", SchemaVersion);
        w.WriteString("id", doc.Id);
        w.WriteString("source", doc.Source);
        if (doc.Url is not null)
        {
            w.WriteString("url", doc.Url);
        }
        w.WriteString("text", text);

        w.WriteStartObject("meta");
        WriteNullableString(w, "date", doc.Date?.ToString());
        WriteNullableString(w, "reference_date", doc.ReferenceDate?.ToString());
        var header = doc.TryGet(Layers.Header, out var h) ? h : HeaderInfo.None;
        if (header.Dateline is { } dl)
        {
            w.WriteStartObject("dateline");
            w.WriteString("place", dl.Place);
            WriteNullableString(w, "agency", dl.Agency);
            WriteOffsets(w, dl.Range, map);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("dateline");
        }
        if (header.HeaderLine is { } hl)
        {
            w.WriteStartObject("header_line");
            WriteSpan(w, hl, text, map);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        w.WriteStartArray("paragraphs");
        foreach (var p in doc.Paragraphs)
        {
            w.WriteStartObject();
            WriteOffsets(w, p.Range, map);
            w.WriteString("kind", p.Kind == ParagraphKind.Heading ? "heading" : "body");
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("sentences");
        foreach (var s in doc.Sentences)
        {
            w.WriteStartObject();
            WriteOffsets(w, s.Range, map);
            w.WriteNumber("paragraph", s.Paragraph);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (options.IncludeTokens)
        {
            w.WriteStartArray("tokens");
            foreach (var t in doc.Tokens)
            {
                w.WriteStartObject();
                WriteSpan(w, t.Range, text, map);
                w.WriteString("kind", Name(t.Kind));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        WriteEntities(w, doc, map);
        WriteQuotes(w, doc, map);
        WriteQuantities(w, doc, map);
        WriteTimes(w, doc, map);
        WriteEvents(w, doc, map);
        WriteRelations(w, doc, map);

        if (extensions is not null)
        {
            foreach (var ext in extensions)
            {
                ext(w, doc, map, options);
            }
        }

        w.WriteEndObject();
    }

    private static void WriteEntities(Utf8JsonWriter w, Document doc, CodePointMap map)
    {
        w.WriteStartArray("entities");
        foreach (var e in doc.GetOrEmpty(Layers.Entities))
        {
            w.WriteStartObject();
            w.WriteNumber("id", e.Id);
            w.WriteString("canonical", e.Canonical);
            w.WriteString("type", e.Type switch
            {
                EntityType.Person => "PER",
                EntityType.Organisation => "ORG",
                EntityType.Location => "LOC",
                _ => "OTH",
            });
            WriteNullableString(w, "kb", e.KnowledgeId);
            w.WriteStartArray("mentions");
            foreach (var m in e.Mentions)
            {
                w.WriteStartObject();
                WriteSpan(w, m.Range, doc.Text, map);
                w.WriteString("kind", m.Kind.ToString().ToLowerInvariant());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteQuotes(Utf8JsonWriter w, Document doc, CodePointMap map)
    {
        w.WriteStartArray("quotes");
        foreach (var q in doc.GetOrEmpty(Layers.Quotes))
        {
            w.WriteStartObject();
            w.WriteString("kind", q.Kind.ToString().ToLowerInvariant());
            WriteSpan(w, q.Content, doc.Text, map);
            WriteArgument(w, "speaker", q.Speaker, doc, map);
            if (q.Cue is { } cue)
            {
                w.WriteStartObject("cue");
                WriteSpan(w, cue.Range, doc.Text, map);
                WriteNullableString(w, "lemma", cue.Lemma);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("cue");
            }
            WriteArgument(w, "addressee", q.Addressee, doc, map);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteQuantities(Utf8JsonWriter w, Document doc, CodePointMap map)
    {
        w.WriteStartArray("quantities");
        foreach (var q in doc.GetOrEmpty(Layers.Quantities))
        {
            w.WriteStartObject();
            WriteSpan(w, q.Range, doc.Text, map);
            WriteNumber(w, "value", q.Value);
            w.WriteString("approx", q.Approx switch
            {
                Approximation.Exact => "exact",
                Approximation.About => "about",
                Approximation.MoreThan => "more_than",
                Approximation.LessThan => "less_than",
                _ => "range",
            });
            if (q.Upper is { } u)
            {
                WriteNumber(w, "upper", u);
            }
            else
            {
                w.WriteNull("upper");
            }
            WriteNullableString(w, "unit", q.Unit);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteTimes(Utf8JsonWriter w, Document doc, CodePointMap map)
    {
        w.WriteStartArray("times");
        foreach (var t in doc.GetOrEmpty(Layers.Times))
        {
            w.WriteStartObject();
            WriteSpan(w, t.Range, doc.Text, map);
            w.WriteString("type", t.Type.ToString().ToUpperInvariant());
            w.WriteString("value", t.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteEvents(Utf8JsonWriter w, Document doc, CodePointMap map)
    {
        w.WriteStartArray("events");
        foreach (var e in doc.GetOrEmpty(Layers.Events))
        {
            w.WriteStartObject();
            w.WriteString("type", e.Type);
            w.WriteString("cameo", e.Cameo);
            w.WriteString("mode", e.Mode.ToString().ToLowerInvariant());
            WriteArgument(w, "actor", e.Actor, doc, map);
            WriteArgument(w, "target", e.Target, doc, map);
            WriteArgument(w, "location", e.Location, doc, map);
            WriteNullableInt(w, "time", e.Time);
            WriteNullableInt(w, "quantity", e.Quantity);
            w.WriteStartObject("trigger");
            WriteSpan(w, e.Trigger, doc.Text, map);
            w.WriteEndObject();
            w.WriteNumber("sentence", e.Sentence);
            WriteNullableInt(w, "source_quote", e.SourceQuote);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteRelations(Utf8JsonWriter w, Document doc, CodePointMap map)
    {
        w.WriteStartArray("relations");
        foreach (var r in doc.GetOrEmpty(Layers.Relations))
        {
            w.WriteStartObject();
            w.WriteNumber("subject", r.Subject);
            w.WriteString("relation", RelationName(r.Type));
            if (r.ObjectEntity is { } oe)
            {
                w.WriteNumber("object", oe);
            }
            else
            {
                WriteNullableString(w, "object", r.ObjectLiteral);
            }
            WriteNullableString(w, "role", r.Role);
            w.WriteString("polarity", r.Negated ? "negated" : "positive");
            WriteNullableInt(w, "quantity", r.Quantity);
            w.WriteStartObject("evidence");
            WriteOffsets(w, r.Evidence, map);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static string RelationName(RelationType type) => type switch
    {
        RelationType.HoldsOffice => "holds_office",
        RelationType.MemberOf => "member_of",
        RelationType.PartOf => "part_of",
        RelationType.LedBy => "led_by",
        RelationType.ContributesTo => "contributes_to",
        RelationType.LocatedIn => "located_in",
        RelationType.Borders => "borders",
        RelationType.Alias => "alias",
        _ => "age",
    };

    public static string Name(TokenKind kind) => kind switch
    {
        TokenKind.OpeningQuote => "quote_open",
        TokenKind.ClosingQuote => "quote_close",
        TokenKind.AmbiguousQuote => "quote",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The text written for an argument that nobody is named for (German, like the reports).</summary>
    public const string UnknownText = "unbekannt";

    private static void WriteArgument(Utf8JsonWriter w, string name, ArgumentRef? arg, Document doc, CodePointMap map)
    {
        if (arg is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        WriteNullableInt(w, "entity", arg.Entity);
        if (arg.Origin == ArgumentOrigin.Unknown)
        {
            // no characters name an unknown perpetrator; the event's trigger is the evidence
            w.WriteString("text", UnknownText);
            w.WriteString("origin", "unknown");
        }
        else
        {
            WriteSpan(w, arg.Range, doc.Text, map);
            if (arg.Origin == ArgumentOrigin.Context)
            {
                w.WriteString("origin", "context");
            }
        }
        w.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter w, TextRange range, string text, CodePointMap map)
    {
        WriteOffsets(w, range, map);
        w.WriteString("text", text.AsSpan(range.Start, range.Length));
    }

    private static void WriteOffsets(Utf8JsonWriter w, TextRange range, CodePointMap map)
    {
        w.WriteNumber("start", map.ToCodePoint(range.Start));
        w.WriteNumber("end", map.ToCodePoint(range.End));
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 9e15)
        {
            w.WriteNumber(name, (long)value);
        }
        else if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A culture-free string form of a number, for TSV writers.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
