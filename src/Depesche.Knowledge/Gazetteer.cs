using Depesche.Model;

namespace Depesche.Knowledge;

/// <summary>What the gazetteer knows about a stretch of tokens, as features for a recogniser.</summary>
/// <param name="Tokens">How many tokens the match covers.</param>
/// <param name="Type">The entity type of the actor (PER for persons).</param>
/// <param name="Kind">Name, Deriv (adjective, inhabitant) or Part (compound); Role for a role noun; Alias for a person's surname alone.</param>
public readonly record struct GazetteerMatch(int Tokens, EntityType Type, MentionKind Kind, Actor? Actor);

/// <summary>
/// Token-span matching over the knowledge base, for the learned recogniser's features and for the linker:
/// the longest known form starting at a token. No allocation: multi-word forms are looked up as slices of
/// the text when the tokens are separated by single spaces, else through a stack buffer.
/// </summary>
public sealed class Gazetteer
{
    private readonly KnowledgeBase _kb;

    public Gazetteer(KnowledgeBase kb)
    {
        _kb = kb;
    }

    public KnowledgeBase KnowledgeBase => _kb;

    /// <summary>Matches one word or a space-joined span: actors, persons, role nouns.</summary>
    public bool TryMatch(ReadOnlySpan<char> surface, out GazetteerMatch match)
    {
        if (_kb.TryLookup(surface, out var m))
        {
            match = new GazetteerMatch(1, m.Actor.Type, m.Kind, m.Actor);
            return true;
        }
        var persons = _kb.FindPersons(surface, out bool bySurname);
        if (persons.Length > 0)
        {
            // A surname alone ("Park", "Kern") is weaker evidence than a full name: kind Alias tells them apart.
            match = new GazetteerMatch(1, EntityType.Person, bySurname ? MentionKind.Alias : MentionKind.Name, persons.Length == 1 ? persons[0] : null);
            return true;
        }
        if (_kb.TryGetRole(surface, out var role))
        {
            match = new GazetteerMatch(1, EntityType.Person, MentionKind.Role, role.Actor);
            return true;
        }
        match = default;
        return false;
    }

    /// <summary>The longest match starting at token <paramref name="index"/>, or false.</summary>
    public bool TryMatchAt(string text, ReadOnlySpan<TokenInfo> tokens, int index, out GazetteerMatch match)
    {
        match = default;
        if ((uint)index >= (uint)tokens.Length)
        {
            return false;
        }
        var first = tokens[index].Slice(text);
        if (_kb.StartsMultiWordForm(first))
        {
            int max = Math.Min(_kb.MaxWords, tokens.Length - index);
            Span<char> buffer = stackalloc char[256];
            for (int n = max; n >= 2; n--)
            {
                var span = Join(text, tokens.Slice(index, n), buffer);
                if (!span.IsEmpty && TryMatch(span, out var m))
                {
                    match = m with { Tokens = n };
                    return true;
                }
            }
        }
        return TryMatch(first, out match);
    }

    /// <summary>The text of consecutive tokens joined by single spaces; empty when it does not fit the buffer.</summary>
    internal static ReadOnlySpan<char> Join(string text, ReadOnlySpan<TokenInfo> tokens, Span<char> buffer)
    {
        int start = tokens[0].Start;
        int end = tokens[^1].End;
        int length = 0;
        foreach (var t in tokens)
        {
            length += t.Length;
        }
        length += tokens.Length - 1;
        if (end - start == length)
        {
            // Single separators; they must be spaces (not line breaks) for the slice to be the joined form.
            var slice = text.AsSpan(start, end - start);
            bool plain = true;
            for (int i = 0; i < tokens.Length - 1; i++)
            {
                if (text[tokens[i].End] != ' ')
                {
                    plain = false;
                    break;
                }
            }
            if (plain)
            {
                return slice;
            }
        }
        if (length > buffer.Length)
        {
            return [];
        }
        int pos = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                buffer[pos++] = ' ';
            }
            tokens[i].Slice(text).CopyTo(buffer[pos..]);
            pos += tokens[i].Length;
        }
        return buffer[..pos];
    }
}
