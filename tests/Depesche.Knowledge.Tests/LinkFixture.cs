using System.Collections.Immutable;
using System.Text;
using Depesche.German;
using Depesche.Knowledge;
using Depesche.Knowledge.Linking;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>
/// Builds a linked document from marked-up German: <c>[Jens Stoltenberg|PER]</c> is a person candidate,
/// <c>[russischen|LOC-deriv]</c> a derived adjective, <c>[US-Truppen|LOC-part]</c> a compound, as the
/// recogniser will hand them over. The segmenter is the real one.
/// </summary>
internal static class LinkFixture
{
    private static readonly Pipeline s_segment = GermanPipeline.Create(Stage.Segment);
    private static readonly EntityLinker s_linker = new(KnowledgeBase.Default);

    public static Document Link(string marked, string? date)
    {
        var text = new StringBuilder();
        var candidates = ImmutableArray.CreateBuilder<MentionCandidate>();
        int i = 0;
        while (i < marked.Length)
        {
            if (marked[i] == '[')
            {
                int bar = marked.IndexOf('|', i);
                int close = marked.IndexOf(']', bar);
                string surface = marked[(i + 1)..bar];
                string label = marked[(bar + 1)..close];
                int start = text.Length;
                text.Append(surface);
                candidates.Add(new MentionCandidate(new TextRange(start, text.Length), Type(label), Kind(label)));
                i = close + 1;
                continue;
            }
            text.Append(marked[i]);
            i++;
        }
        PartialDate? d = null;
        if (date is not null && PartialDate.TryParse(date, out var parsed))
        {
            d = parsed;
        }
        var doc = new Document(text.ToString(), "test", "test", d);
        s_segment.Process(doc);
        doc.Set(Layers.EntityMentions, candidates.ToImmutable());
        s_linker.Process(doc);
        Invariants.Check(doc);
        return doc;
    }

    /// <summary>The entity that has a mention with exactly this text (the first such mention).</summary>
    public static Entity EntityOf(Document doc, string mentionText, int occurrence = 0)
    {
        var found = doc.Get(Layers.Entities)
            .SelectMany(e => e.Mentions.Select(m => (e, m)))
            .Where(x => doc.TextOf(x.m.Range) == mentionText)
            .OrderBy(x => x.m.Range.Start)
            .ToList();
        Assert.True(found.Count > occurrence, $"no mention '{mentionText}' (#{occurrence}) in any entity; entities: {Describe(doc)}");
        return found[occurrence].e;
    }

    public static bool HasMention(Document doc, string mentionText)
        => doc.Get(Layers.Entities).Any(e => e.Mentions.Any(m => doc.TextOf(m.Range) == mentionText));

    public static IEnumerable<EntityFact> FactsOf(Document doc, Entity e)
        => doc.Get(KnowledgeLayers.EntityFacts).Where(f => f.Entity == e.Id);

    public static string Describe(Document doc)
        => string.Join("; ", doc.Get(Layers.Entities).Select(e =>
            $"{e.Canonical}[{e.KnowledgeId}]: " + string.Join(", ", e.Mentions.Select(m => $"{doc.TextOf(m.Range)}/{m.Kind}"))));

    private static EntityType Type(string label) => label.Split('-')[0] switch
    {
        "PER" => EntityType.Person,
        "ORG" => EntityType.Organisation,
        "LOC" => EntityType.Location,
        _ => EntityType.Other,
    };

    private static MentionKind Kind(string label) => label.EndsWith("-deriv", StringComparison.Ordinal) ? MentionKind.Deriv
        : label.EndsWith("-part", StringComparison.Ordinal) ? MentionKind.Part
        : MentionKind.Name;
}
