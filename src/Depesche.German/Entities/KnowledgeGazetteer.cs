using Depesche.Knowledge;
using Depesche.Model;

namespace Depesche.German.Entities;

/// <summary>
/// The recogniser's gazetteer: the built-in list of frequent names, and beyond it the knowledge base
/// (countries with their inflections, adjectives and compounds, organisations, office holders).
/// The longer match wins; the built-in list wins a tie.
/// </summary>
public sealed class KnowledgeGazetteer : IGazetteer
{
    private const int MaxTokens = 4;
    private const int MaxChars = 120;
    private static readonly Lazy<KnowledgeGazetteer> s_default = new(() => new KnowledgeGazetteer(Gazetteer.Default, KnowledgeBase.Default));

    private readonly IGazetteer _names;
    private readonly KnowledgeBase _kb;

    public KnowledgeGazetteer(IGazetteer names, KnowledgeBase kb)
    {
        _names = names;
        _kb = kb;
    }

    public static KnowledgeGazetteer Default => s_default.Value;

    public int LongestMatch(ReadOnlySpan<ReadOnlyMemory<char>> tokens, int start, out GazetteerHit hit)
    {
        int best = _names.LongestMatch(tokens, start, out hit);
        Span<char> buffer = stackalloc char[MaxChars];
        for (int n = Math.Min(MaxTokens, tokens.Length - start); n > best; n--)
        {
            int length = 0;
            bool fits = true;
            for (int k = 0; k < n; k++)
            {
                var t = tokens[start + k].Span;
                if (length + t.Length + 1 > MaxChars)
                {
                    fits = false;
                    break;
                }
                if (k > 0)
                {
                    buffer[length++] = ' ';
                }
                t.CopyTo(buffer[length..]);
                length += t.Length;
            }
            if (!fits || length == 0 || !char.IsLetter(buffer[0]))
            {
                continue;
            }
            if (_kb.TryLookup(buffer[..length], out var match) && match.Kind != MentionKind.Role && match.Actor.Type is EntityType.Person or EntityType.Organisation or EntityType.Location or EntityType.Other)
            {
                // a lower-case adjective is a derived form; a lower-case name or compound is noise
                if (char.IsLower(buffer[0]) && match.Kind != MentionKind.Deriv)
                {
                    continue;
                }
                hit = new GazetteerHit(match.Actor.Type, match.Kind == MentionKind.Alias ? MentionKind.Name : match.Kind);
                return n;
            }
        }
        return best;
    }
}
