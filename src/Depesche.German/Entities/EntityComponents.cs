using System.Buffers;
using System.Collections.Immutable;
using Depesche.German.Syntax;
using Depesche.Learning;
using Depesche.Learning.Sequence;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Entities;

/// <summary>The entity model shipped inside this assembly (<c>models/de-ner.dpm</c>), loaded once on first use.</summary>
public static class EntityModels
{
    public const string RecognizerFile = "de-ner.dpm";
    private const string Prefix = "Depesche.German.Models.";
    private static readonly Lazy<EntityRecognizer> s_default = new(() => Load(null, SyntaxModels.DefaultLexicon));

    public static EntityRecognizer DefaultRecognizer => s_default.Value;

    /// <summary>Reads a recogniser from <paramref name="path"/>, or the embedded one when null.</summary>
    public static EntityRecognizer Load(string? path, Syntax.Lexicon lexicon, IGazetteer? gazetteer = null)
    {
        if (path is not null)
        {
            return EntityRecognizer.FromModel(ModelFile.Load(path, EntityRecognizer.FeatureSetId), lexicon, gazetteer);
        }
        using var stream = typeof(EntityModels).Assembly.GetManifestResourceStream(Prefix + RecognizerFile)
            ?? throw new DepescheException(ErrorCodes.ModelInvalid, $"{RecognizerFile} is not built into this Depesche (train it and rebuild; see docs/RESULTS.md)");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return EntityRecognizer.FromModel(ModelFile.Read(bytes, RecognizerFile, EntityRecognizer.FeatureSetId), lexicon, gazetteer);
    }
}

/// <summary>
/// The entity recogniser as a pipeline component: raw mentions (range, type, name/deriv/part, confidence)
/// per sentence, for the linker to group into entities. The knowledge base's gazetteer matches come
/// first (they are grounded and know adjectives and compounds); the learned recogniser adds the names
/// the knowledge base does not hold, where they overlap no gazetteer match.
/// </summary>
public sealed class EntityRecognizerComponent : IComponent
{
    private readonly EntityRecognizer _recognizer;
    private readonly Depesche.Knowledge.Linking.GazetteerMentions? _gazetteer;

    private static readonly Lazy<string[]> s_placeNouns = new(() => GermanData.Load("place-nouns.tsv", "place-nouns").Rows.Select(r => r[0].ToLowerInvariant()).ToArray());
    private readonly Depesche.Knowledge.KnowledgeBase? _kb;

    public EntityRecognizerComponent(EntityRecognizer? recognizer = null, bool useKnowledgeBase = true)
    {
        _recognizer = recognizer ?? EntityModels.DefaultRecognizer;
        _gazetteer = useKnowledgeBase ? new Depesche.Knowledge.Linking.GazetteerMentions() : null;
        _kb = useKnowledgeBase ? Depesche.Knowledge.KnowledgeBase.Default : null;
    }

    /// <summary>A noun that names a kind of place ("Militärstützpunkt"), also as a compound's last part.</summary>
    /// <summary>A title or office before a name ("Bundesfinanzminister", "Ministerpräsidentin", "Parteichef"): the offices
    /// whose holders event-agents.tsv lists as politicians, also as the end of a compound, and the knowledge base's role nouns.</summary>
    private bool IsTitle(ReadOnlySpan<char> word) =>
        word.Length > 3 && char.IsUpper(word[0])
        && (Events.EventLexicon.InGroup(Events.EventLexicon.Default.Politicians, word) || (_kb is not null && _kb.TryGetRole(word, out _)));

    public static bool IsPlaceNoun(ReadOnlySpan<char> word)
    {
        if (word.Length > 40)
        {
            return false;
        }
        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        foreach (string noun in s_placeNouns.Value)
        {
            if (lower.EndsWith(noun))
            {
                return true;
            }
        }
        return false;
    }

    public string Name => "entity-recogniser";

    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences, Layers.Words];

    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.EntityMentions];

    public void Process(Document document)
    {
        var tokens = document.Tokens;
        var words = document.GetOrEmpty(Layers.Words);
        string text = document.Text;
        var result = ImmutableArray.CreateBuilder<MentionCandidate>();
        int w = 0;
        foreach (var sentence in document.Sentences)
        {
            int n = sentence.TokenCount;
            if (n == 0)
            {
                continue;
            }
            var forms = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(n);
            var upos = ArrayPool<string?>.Shared.Rent(n);
            var labels = ArrayPool<int>.Shared.Rent(n);
            var confidence = ArrayPool<float>.Shared.Rent(n);
            try
            {
                for (int i = 0; i < n; i++)
                {
                    var t = tokens[sentence.FirstToken + i];
                    forms[i] = text.AsMemory(t.Start, t.Length);
                    upos[i] = null;
                }
                // The part of speech of a token is that of its first word (contractions have two).
                while (w < words.Length && words[w].Token < sentence.EndToken)
                {
                    int local = words[w].Token - sentence.FirstToken;
                    if (local >= 0 && upos[local] is null)
                    {
                        upos[local] = words[w].Upos;
                    }
                    w++;
                }
                _recognizer.Recognize(forms.AsSpan(0, n), upos.AsSpan(0, n), labels.AsSpan(0, n), confidence.AsSpan(0, n));
                foreach (var (spanStart, end, type) in BioLabels.Spans(labels.AsSpan(0, n)))
                {
                    int start = spanStart;
                    EntityLabels.TryParseType(EntityLabels.Types[type], out var entityType, out var kind);
                    float conf = 1f;
                    for (int i = start; i < end; i++)
                    {
                        conf = Math.Min(conf, confidence[i]);
                    }
                    if (entityType == EntityType.Person && end - start >= 3 && IsTitle(tokens[sentence.FirstToken + start].Slice(text)))
                    {
                        start++; // "Bundesfinanzminister Christian Lindner": the title is no part of the name
                    }
                    var range = new TextRange(tokens[sentence.FirstToken + start].Start, tokens[sentence.FirstToken + end - 1].End);
                    if (end - start == 1 && tokens[sentence.FirstToken + start].Flags.HasFlag(TokenFlags.Truncated))
                    {
                        continue; // "Staats-" in "Staats- und Regierungschefs" names nobody
                    }
                    if (_kb is not null && end - start == 1 && _kb.TryGetRole(text.AsSpan(range.Start, range.Length), out _))
                    {
                        continue; // "Generalsekretär", "Präsident": a role noun, which the linker reads as such
                    }
                    int before = sentence.FirstToken + start - 1;
                    if (entityType == EntityType.Person && kind == MentionKind.Name && before >= sentence.FirstToken && IsPlaceNoun(tokens[before].Slice(text)))
                    {
                        entityType = EntityType.Location; // "der Militärstützpunkt Ramstein"
                    }
                    result.Add(new MentionCandidate(range, entityType, kind, conf));
                }
            }
            finally
            {
                ArrayPool<ReadOnlyMemory<char>>.Shared.Return(forms, clearArray: true);
                ArrayPool<string?>.Shared.Return(upos, clearArray: true);
                ArrayPool<int>.Shared.Return(labels);
                ArrayPool<float>.Shared.Return(confidence);
            }
        }
        document.Set(Layers.EntityMentions, _gazetteer is null ? result.ToImmutable() : Merge(_gazetteer.Find(text, tokens.AsSpan()), result));
    }

    /// <summary>Gazetteer matches, then the recogniser's mentions that overlap none of them, in text order.</summary>
    internal static ImmutableArray<MentionCandidate> Merge(ImmutableArray<MentionCandidate> known, IReadOnlyList<MentionCandidate> learned)
    {
        var merged = new List<MentionCandidate>(known.Length + learned.Count);
        merged.AddRange(known);
        foreach (var m in learned)
        {
            bool overlaps = false;
            foreach (var k in known)
            {
                if (k.Range.Overlaps(m.Range))
                {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps)
            {
                merged.Add(m);
            }
        }
        merged.Sort((a, b) => a.Range.Start != b.Range.Start ? a.Range.Start.CompareTo(b.Range.Start) : b.Range.End.CompareTo(a.Range.End));
        return [.. merged];
    }
}

/// <summary>
/// A stand-in for the linker: one entity per distinct surface text and type, its mentions the recogniser's
/// mentions with exactly that text, canonical name = the text, no knowledge-base id. Swap it for the real linker.
/// </summary>
public sealed class SimpleEntityGrouper : IComponent
{
    public string Name => "simple-entity-grouper";

    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.EntityMentions];

    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Entities];

    public void Process(Document document)
    {
        var groups = new Dictionary<(string Text, EntityType Type), List<Mention>>();
        var order = new List<(string, EntityType)>();
        foreach (var m in document.GetOrEmpty(Layers.EntityMentions))
        {
            var key = (document.TextOf(m.Range), m.Type);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }
            list.Add(new Mention(m.Range, m.Kind));
        }
        var entities = ImmutableArray.CreateBuilder<Entity>(order.Count);
        for (int id = 0; id < order.Count; id++)
        {
            var key = order[id];
            entities.Add(new Entity(id, key.Item1, key.Item2, null, groups[key]));
        }
        document.Set(Layers.Entities, entities.MoveToImmutable());
    }
}
