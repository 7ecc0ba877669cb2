using System.Globalization;
using System.Text;
using Depesche.Knowledge.Linking;
using Depesche.Model;
using Depesche.Output;
using Depesche.Processing;

namespace Depesche.Cli;

/// <summary>
/// Events as tab-separated lines in the spirit of GDELT's event table: one event per line, actors and
/// targets coded to knowledge-base actors (a person to the country or organisation they act for at the
/// report's date), with the document and the code-point offsets of the trigger as evidence.
/// </summary>
internal static class EventTsv
{
    public static readonly string Header = string.Join('\t',
        "document", "date", "sentence", "type", "cameo", "mode",
        "actor_code", "actor_name", "actor_text", "target_code", "target_name", "target_text",
        "location", "time", "quantity", "quantity_unit", "source_speaker",
        "trigger_start", "trigger_end", "trigger", "actor_origin") + "\n";

    public static byte[] Write(Document doc)
    {
        var events = doc.GetOrEmpty(Layers.Events);
        if (events.IsEmpty)
        {
            return [];
        }
        var entities = doc.GetOrEmpty(Layers.Entities);
        var times = doc.GetOrEmpty(Layers.Times);
        var quantities = doc.GetOrEmpty(Layers.Quantities);
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        var represents = new Dictionary<int, string>();
        if (doc.TryGet(KnowledgeLayers.EntityFacts, out var facts))
        {
            foreach (var f in facts)
            {
                if (f.Kind == EntityFactKind.Represents && f.OfActor is { } actor)
                {
                    represents.TryAdd(f.Entity, actor);
                }
            }
        }
        var map = new CodePointMap(doc.Text);
        string date = doc.ReferenceDate?.ToString() ?? doc.Date?.ToString() ?? "";
        var sb = new StringBuilder();
        foreach (var e in events)
        {
            var (actorCode, actorName) = Code(e.Actor, entities, represents);
            var (targetCode, targetName) = Code(e.Target, entities, represents);
            string? speaker = e.SourceQuote is { } q && quotes[q].Speaker is { } sp
                ? (sp.Entity is { } se ? entities[se].Canonical : doc.TextOf(sp.Range))
                : null;
            string[] fields =
            [
                doc.Id,
                date,
                e.Sentence.ToString(CultureInfo.InvariantCulture),
                e.Type,
                e.Cameo,
                e.Mode.ToString().ToLowerInvariant(),
                actorCode,
                actorName,
                e.Actor is { Origin: ArgumentOrigin.Unknown } ? DocumentJsonWriter.UnknownText : e.Actor is { } a ? doc.TextOf(a.Range) : "",
                targetCode,
                targetName,
                e.Target is { } t ? doc.TextOf(t.Range) : "",
                e.Location is { } l ? (l.Entity is { } le ? entities[le].Canonical : doc.TextOf(l.Range)) : "",
                e.Time is { } ti ? times[ti].Value : "",
                e.Quantity is { } qi ? DocumentJsonWriter.FormatNumber(quantities[qi].Value) : "",
                e.Quantity is { } qu ? quantities[qu].Unit ?? "" : "",
                speaker ?? "",
                map.ToCodePoint(e.Trigger.Start).ToString(CultureInfo.InvariantCulture),
                map.ToCodePoint(e.Trigger.End).ToString(CultureInfo.InvariantCulture),
                doc.TextOf(e.Trigger),
                e.Actor?.Origin switch { ArgumentOrigin.Context => "context", ArgumentOrigin.Unknown => "unknown", null => "", _ => "stated" },
            ];
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append('\t');
                }
                sb.Append(Clean(fields[i]));
            }
            sb.Append('\n');
        }
        return new UTF8Encoding(false).GetBytes(sb.ToString());
    }

    private static (string Code, string Name) Code(ArgumentRef? arg, System.Collections.Immutable.ImmutableArray<Entity> entities, Dictionary<int, string> represents)
    {
        if (arg?.Entity is not { } id || id < 0 || id >= entities.Length)
        {
            return ("", "");
        }
        var entity = entities[id];
        string code = represents.TryGetValue(id, out var actor) ? actor : entity.KnowledgeId ?? "";
        return (code, entity.Canonical);
    }

    /// <summary>Tabs and line breaks inside a field would break the table.</summary>
    private static string Clean(string s) => s.AsSpan().IndexOfAny('\t', '\n', '\r') < 0 ? s : s.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
