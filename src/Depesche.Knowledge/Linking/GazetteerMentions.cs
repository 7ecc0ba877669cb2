using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Knowledge.Linking;

/// <summary>
/// A stand-in for the learned recogniser: marks as mention candidates every stretch of tokens the
/// gazetteer knows (names, inhabitants, adjectives, compounds, persons), longest first. It finds only what
/// the knowledge base holds, so it serves as a baseline, as the recogniser's fallback, and to measure the
/// linker; role nouns, pronouns and descriptions are left to the linker.
/// </summary>
public sealed class GazetteerMentions : IComponent
{
    private readonly Gazetteer _gazetteer;

    public GazetteerMentions(KnowledgeBase? kb = null)
    {
        _gazetteer = new Gazetteer(kb ?? KnowledgeBase.Default);
    }

    public string Name => "gazetteer-mentions";

    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens];

    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.EntityMentions];

    public void Process(Document document)
    {
        document.Set(Layers.EntityMentions, Find(document.Text, document.Tokens.AsSpan()));
    }

    /// <summary>The candidates in <paramref name="tokens"/> of <paramref name="text"/>, in text order.</summary>
    public ImmutableArray<MentionCandidate> Find(string text, ReadOnlySpan<TokenInfo> tokens)
    {
        var found = ImmutableArray.CreateBuilder<MentionCandidate>();
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !_gazetteer.TryMatchAt(text, tokens, i, out var m) || m.Kind == MentionKind.Role)
            {
                continue;
            }
            // A surname alone (kind Alias in the gazetteer) is a person's name here; the linker decides whom it means.
            var kind = m.Kind == MentionKind.Alias ? MentionKind.Name : m.Kind;
            found.Add(new MentionCandidate(new TextRange(tokens[i].Start, tokens[i + m.Tokens - 1].End), m.Type, kind));
            i += m.Tokens - 1;
        }
        return found.ToImmutable();
    }
}
