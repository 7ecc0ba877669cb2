using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Store.Bench;

/// <summary>
/// Fills the annotation layers that the German pipeline does not produce yet (entities, quotes,
/// quantities, times, events, relations) with simple, deterministic stand-ins, so that the store's
/// tests and its query benchmark see realistic shapes and volumes. Not linguistics: with a name
/// list it marks exactly those names; without one, every run of capitalised words that does not
/// open a sentence becomes an entity. Quotes are the spans between opening and closing quotation
/// marks; the speaker is the first person named in the same sentence outside the quote.
/// </summary>
public sealed class SyntheticAnnotator : IComponent
{
    private static readonly string[] s_eventTypes = ["CONSULT", "DISAPPROVE", "MOBILIZE", "AID", "ACCUSE", "COOPERATE", "THREATEN", "DEMAND"];
    private static readonly string[] s_cameo = ["04", "11", "15", "07", "11", "06", "13", "10"];
    private static readonly LayerKey[] s_all = [Layers.Entities, Layers.Quotes, Layers.Quantities, Layers.Times, Layers.Events, Layers.Relations];
    private readonly IReadOnlyList<(string[] Tokens, EntityType Type)>? _names;
    private readonly LayerKey[] _produces;

    /// <summary>Names to mark, each with its type (null for the capitalisation heuristic); layers that others already produce are left to them.</summary>
    public SyntheticAnnotator(IEnumerable<(string Name, EntityType Type)>? names = null, IEnumerable<LayerKey>? producedElsewhere = null)
    {
        _names = names?.Select(n => (n.Name.Split(' '), n.Type)).ToList();
        var skip = producedElsewhere?.ToHashSet() ?? [];
        _produces = [.. s_all.Where(k => !skip.Contains(k))];
    }

    public string Name => "synthetic";

    public IReadOnlyList<LayerKey> Requires => [Layers.Tokens, Layers.Sentences];

    public IReadOnlyList<LayerKey> Produces => _produces;

    public void Process(Document doc)
    {
        var tokens = doc.Tokens;
        var spans = new List<(int First, int Count, EntityType Type)>();
        foreach (var s in doc.Sentences)
        {
            int t = s.FirstToken;
            while (t < s.EndToken)
            {
                int n = MatchName(doc, t, s.EndToken, t == s.FirstToken, out var type);
                if (n > 0)
                {
                    spans.Add((t, n, type));
                    t += n;
                }
                else
                {
                    t++;
                }
            }
        }

        // One entity per distinct name, mentions in text order.
        var byName = new Dictionary<string, (int Id, EntityType Type, List<Mention> Mentions)>(StringComparer.Ordinal);
        var mentionEntity = new List<(TextRange Range, int Entity, EntityType Type, int Token)>();
        foreach (var (first, count, type) in spans)
        {
            var range = new TextRange(tokens[first].Start, tokens[first + count - 1].End);
            string name = doc.TextOf(range);
            if (!byName.TryGetValue(name, out var e))
            {
                e = (byName.Count, type, []);
                byName[name] = e;
            }
            e.Mentions.Add(new Mention(range, MentionKind.Name));
            mentionEntity.Add((range, e.Id, e.Type, first));
        }
        var entities = byName.OrderBy(kv => kv.Value.Id).Select(kv => new Entity(kv.Value.Id, kv.Key, kv.Value.Type, null, kv.Value.Mentions)).ToImmutableArray();

        var quotes = ImmutableArray.CreateBuilder<Quote>();
        var quantities = ImmutableArray.CreateBuilder<Quantity>();
        var times = ImmutableArray.CreateBuilder<TimeExpression>();
        var events = ImmutableArray.CreateBuilder<Event>();
        var relations = ImmutableArray.CreateBuilder<Relation>();
        for (int si = 0; si < doc.Sentences.Length; si++)
        {
            var s = doc.Sentences[si];
            int? open = null;
            for (int t = s.FirstToken; t < s.EndToken; t++)
            {
                var tok = tokens[t];
                if (tok.Kind == TokenKind.OpeningQuote || (tok.Kind == TokenKind.AmbiguousQuote && open is null))
                {
                    open = t;
                }
                else if ((tok.Kind == TokenKind.ClosingQuote || tok.Kind == TokenKind.AmbiguousQuote) && open is { } o && t > o + 1)
                {
                    var content = new TextRange(tokens[o + 1].Start, tokens[t - 1].End);
                    var speaker = mentionEntity.FirstOrDefault(m => m.Type == EntityType.Person && m.Range.Start >= s.Start && m.Range.End <= s.End && !content.Overlaps(m.Range));
                    ArgumentRef? sp = speaker.Range.End > 0 ? new ArgumentRef(speaker.Entity, speaker.Range) : null;
                    quotes.Add(new Quote(QuoteKind.Direct, content, sp, null, null));
                    open = null;
                }
                else if (tok.Kind == TokenKind.Number && double.TryParse(doc.Slice(tok.Range), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out double value))
                {
                    if (tok.Length == 4 && value is >= 1900 and <= 2099)
                    {
                        times.Add(new TimeExpression(tok.Range, TimeType.Date, ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                    else
                    {
                        bool unit = t + 1 < s.EndToken && tokens[t + 1].Kind == TokenKind.Word;
                        var range = unit ? new TextRange(tok.Start, tokens[t + 1].End) : tok.Range;
                        quantities.Add(new Quantity(range, value, Approximation.Exact, null, unit ? doc.TextOf(tokens[t + 1].Range) : null));
                    }
                }
            }

            // An event for each sentence that names two entities: the first acts on the second.
            var inSentence = mentionEntity.Where(m => m.Range.Start >= s.Start && m.Range.End <= s.End).ToList();
            if (inSentence.Count >= 2 && inSentence[0].Entity != inSentence[1].Entity)
            {
                int trigger = inSentence[0].Token + 1;
                while (trigger < s.EndToken && (tokens[trigger].Kind != TokenKind.Word || char.IsUpper(doc.Text[tokens[trigger].Start])))
                {
                    trigger++;
                }
                if (trigger < s.EndToken)
                {
                    int k = (int)(StableHash(doc.Slice(tokens[trigger].Range)) % (uint)s_eventTypes.Length);
                    var loc = inSentence.FirstOrDefault(m => m.Type == EntityType.Location);
                    // Every third event takes its actor from elsewhere in the report, every third has an unknown one,
                    // so that stores keep where a role comes from.
                    var actor = inSentence[1].Type == EntityType.Location
                        ? new ArgumentRef(null, new TextRange(tokens[trigger].Range.Start, tokens[trigger].Range.Start), ArgumentOrigin.Unknown)
                        : si % 2 == 1 ? new ArgumentRef(inSentence[0].Entity, inSentence[0].Range, ArgumentOrigin.Context)
                        : new ArgumentRef(inSentence[0].Entity, inSentence[0].Range);
                    events.Add(new Event(s_eventTypes[k], s_cameo[k], EventMode.Asserted,
                        actor,
                        new ArgumentRef(inSentence[1].Entity, inSentence[1].Range),
                        loc.Range.End > 0 ? new ArgumentRef(loc.Entity, loc.Range) : null,
                        times.Count > 0 ? times.Count - 1 : null, null, tokens[trigger].Range, si));
                    if (inSentence[0].Type == EntityType.Person && inSentence[1].Type == EntityType.Organisation)
                    {
                        relations.Add(new Relation(inSentence[0].Entity, RelationType.MemberOf, inSentence[1].Entity, null, null, false,
                            new TextRange(inSentence[0].Range.Start, inSentence[1].Range.End)));
                    }
                }
            }
        }

        SetIfProduced(doc, Layers.Entities, entities);
        SetIfProduced(doc, Layers.Quotes, quotes.ToImmutable());
        SetIfProduced(doc, Layers.Quantities, quantities.ToImmutable());
        SetIfProduced(doc, Layers.Times, times.ToImmutable());
        SetIfProduced(doc, Layers.Events, events.ToImmutable());
        SetIfProduced(doc, Layers.Relations, relations.ToImmutable());
    }

    private void SetIfProduced<T>(Document doc, LayerKey<ImmutableArray<T>> key, ImmutableArray<T> value)
    {
        if (_produces.Contains(key))
        {
            doc.Set(key, value);
        }
    }

    private int MatchName(Document doc, int t, int end, bool sentenceStart, out EntityType type)
    {
        var tokens = doc.Tokens;
        type = EntityType.Other;
        if (_names is not null)
        {
            foreach (var (parts, ty) in _names)
            {
                if (t + parts.Length > end)
                {
                    continue;
                }
                bool ok = true;
                for (int i = 0; i < parts.Length && ok; i++)
                {
                    ok = doc.Slice(tokens[t + i].Range).SequenceEqual(parts[i]);
                }
                if (ok)
                {
                    type = ty;
                    return parts.Length;
                }
            }
            return 0;
        }
        int n = 0;
        while (t + n < end && n < 3 && tokens[t + n].Kind == TokenKind.Word && (tokens[t + n].Flags & TokenFlags.Capitalized) != 0 && !(sentenceStart && n == 0))
        {
            n++;
        }
        if (n > 0)
        {
            type = (EntityType)(StableHash(doc.Slice(tokens[t].Range)) % 4);
        }
        return n;
    }

    private static uint StableHash(ReadOnlySpan<char> s)
    {
        uint h = 2166136261;
        foreach (char c in s)
        {
            h = (h ^ c) * 16777619;
        }
        return h;
    }
}
