using System.Collections.Immutable;
using System.Text.Json;
using Depesche.German;
using Depesche.Knowledge;
using Depesche.Knowledge.Linking;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>
/// Links the seed report with the gold names as mention candidates (standing in for the recogniser, which
/// does not exist yet) and checks what the linker must add: one entity per actor with all its mentions,
/// the anaphors, the age description, the speech pronouns and the four roles.
/// Reads ../shared at run time; nothing of it is committed.
/// </summary>
public class SeedLinkingTests
{
    [SharedDataFact]
    public void The_seed_report_links_as_the_gold_reading_says()
    {
        string text = SharedData.SeedText;
        using var gold = JsonDocument.Parse(File.ReadAllText(SharedData.Path("seed", "nato-2022-02.gold.json")));
        var root = gold.RootElement;
        var kb = KnowledgeBase.Default;

        // Candidates: the gold names a recogniser would tag, longest first, at word boundaries, never overlapping.
        var wanted = new List<(string Surface, EntityType Type, MentionKind Kind)>();
        foreach (var e in root.GetProperty("entities").EnumerateArray())
        {
            var type = TypeOf(e.GetProperty("type").GetString()!);
            foreach (var m in e.GetProperty("mentions").EnumerateArray())
            {
                string s = m.GetString()!;
                if (!s.Contains("-Jährige", StringComparison.Ordinal) && !kb.TryLookupAnaphor(s, out _))
                {
                    wanted.Add((s, type, MentionKind.Name));
                }
            }
        }
        var derived = root.GetProperty("derived_mentions");
        foreach (var (key, type, kind) in new[] { ("LOCderiv", EntityType.Location, MentionKind.Deriv), ("LOCpart", EntityType.Location, MentionKind.Part), ("ORGpart", EntityType.Organisation, MentionKind.Part) })
        {
            foreach (var m in derived.GetProperty(key).EnumerateArray())
            {
                wanted.Add((m.GetString()!, type, kind));
            }
        }
        var candidates = new List<MentionCandidate>();
        foreach (var (surface, type, kind) in wanted.OrderByDescending(w => w.Surface.Length))
        {
            for (int at = text.IndexOf(surface, StringComparison.Ordinal); at >= 0; at = text.IndexOf(surface, at + 1, StringComparison.Ordinal))
            {
                var range = new TextRange(at, at + surface.Length);
                bool boundary = (at == 0 || !IsWordChar(text[at - 1])) && (range.End == text.Length || !IsWordChar(text[range.End]));
                if (boundary && !candidates.Any(c => c.Range.Overlaps(range)))
                {
                    candidates.Add(new MentionCandidate(range, type, kind));
                }
            }
        }

        var doc = new Document(text, "seed", "seed", PartialDate.TryParse(root.GetProperty("reference_date").GetString(), out var date) ? date : null);
        GermanPipeline.Create(Stage.Segment).Process(doc);
        doc.Set(Layers.EntityMentions, [.. candidates]);
        new EntityLinker(kb).Process(doc);
        Invariants.Check(doc);
        var entities = doc.Get(Layers.Entities);
        var facts = doc.Get(KnowledgeLayers.EntityFacts);
        string Names(Entity e) => string.Join(", ", e.Mentions.Select(m => doc.TextOf(m.Range)));

        foreach (var g in root.GetProperty("entities").EnumerateArray())
        {
            string canonical = g.GetProperty("canonical").GetString()!;
            var type = TypeOf(g.GetProperty("type").GetString()!);
            var mentions = g.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()!).ToList();
            // All gold mentions of an entity are mentions of one and the same linked entity of the right type.
            var owners = mentions.Select(m => entities.FirstOrDefault(e => e.Mentions.Any(x => doc.TextOf(x.Range) == m))).ToList();
            Assert.True(owners.All(o => o is not null), $"{canonical}: some of [{string.Join(", ", mentions)}] belong to no entity");
            Assert.True(owners.Distinct().Count() == 1, $"{canonical}: its mentions are split over {string.Join(" | ", owners.Distinct().Select(o => o!.Canonical + ": " + Names(o)))}");
            var entity = owners[0]!;
            Assert.True(entity.Type == type, $"{canonical}: type {entity.Type}, expected {type}");

            if (g.TryGetProperty("role", out var role))
            {
                string of = g.GetProperty("of").GetString()!;
                Assert.Contains(facts, f => f.Entity == entity.Id && f.Kind == EntityFactKind.Role && f.Value == role.GetString()
                    && f.OfActor is { } id && kb[id]?.Canonical == of);
            }
            if (g.TryGetProperty("age", out var age))
            {
                Assert.Contains(facts, f => f.Entity == entity.Id && f.Kind == EntityFactKind.Age && f.Value == age.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (var key in new[] { "LOCderiv", "LOCpart", "ORGpart" })
        {
            foreach (var m in derived.GetProperty(key).EnumerateArray())
            {
                string s = m.GetString()!;
                if (wanted.Any(w => w.Surface == s && w.Kind == MentionKind.Name))
                {
                    continue; // also a gold name (US-Regierung): the recogniser tags it once, as a name
                }
                Assert.True(entities.Any(e => e.KnowledgeId is not null && e.Mentions.Any(x => doc.TextOf(x.Range) == s && x.Kind is MentionKind.Deriv or MentionKind.Part)),
                    $"{key} '{s}' points at no knowledge-base entity");
            }
        }

        // "fügte er hinzu" and the later "sagte er" are Stoltenberg; "forderte er auf" is Draghi.
        var stoltenberg = entities.Single(e => e.Canonical == "Jens Stoltenberg");
        var draghi = entities.Single(e => e.Canonical == "Mario Draghi");
        Assert.True(stoltenberg.Mentions.Count(m => m.Kind == MentionKind.Pronoun) >= 2, Names(stoltenberg));
        int forderte = text.IndexOf("forderte er auf", StringComparison.Ordinal) + "forderte ".Length;
        Assert.Contains(draghi.Mentions, m => m.Kind == MentionKind.Pronoun && m.Range.Start == forderte);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '-';

    private static EntityType TypeOf(string t) => t switch
    {
        "PER" => EntityType.Person,
        "ORG" => EntityType.Organisation,
        "LOC" => EntityType.Location,
        _ => EntityType.Other,
    };
}
