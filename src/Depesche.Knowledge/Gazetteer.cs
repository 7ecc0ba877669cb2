using Depesche.Model;

namespace Depesche.Knowledge;

/// <summary>What the gazetteer knows about a stretch of tokens, as features for a recogniser.</summary>
/// <param name="Tokens">How many tokens the match covers.</param>
/// <param name="Type">The entity type of the actor (PER for persons).</param>
/// <param name="Kind">Name, Deriv (adjective, inhabitant) or Part (compound); Role for a role noun; Alias for a person's surname alone.</param>
public readonly record struct GazetteerMatch(int Tokens, EntityType Type, MentionKind Kind, Actor? Actor);

/// <summary>
/// A gazetteer tag of one token, as a feature for a sequence labeller: empty, or begin/inside of a known
/// form with its type and kind (<c>B-LOC-name</c>, <c>I-PER-name</c>, <c>B-LOC-deriv</c>). One byte.
/// </summary>
public readonly record struct GazetteerTag(byte Value)
{
    public static GazetteerTag None => default;

    public static GazetteerTag Create(bool begin, EntityType type, MentionKind kind)
        => new((byte)(1 + (begin ? 0 : 1) + (2 * (int)type) + (8 * (int)kind)));

    public bool IsEmpty => Value == 0;

    public bool IsBegin => Value != 0 && (Value - 1) % 2 == 0;

    public EntityType Type => (EntityType)((Value - 1) / 2 % 4);

    public MentionKind Kind => (MentionKind)((Value - 1) / 8);

    public override string ToString()
    {
        if (IsEmpty)
        {
            return "O";
        }
        string type = Type switch
        {
            EntityType.Person => "PER",
            EntityType.Organisation => "ORG",
            EntityType.Location => "LOC",
            _ => "OTH",
        };
        return $"{(IsBegin ? 'B' : 'I')}-{type}-{Kind.ToString().ToLowerInvariant()}";
    }
}

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

    /// <summary>
    /// Tags every token with the longest gazetteer match covering it, left to right (<c>B-</c>/<c>I-</c>,
    /// type, kind), into <paramref name="tags"/>, which must be as long as <paramref name="tokens"/>.
    /// Allocates nothing: a feature extractor can call it once per sentence.
    /// </summary>
    public void Tag(string text, ReadOnlySpan<TokenInfo> tokens, Span<GazetteerTag> tags)
    {
        if (tags.Length < tokens.Length)
        {
            throw new ArgumentException("the tag buffer is shorter than the tokens", nameof(tags));
        }
        tags[..tokens.Length].Clear();
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind != TokenKind.Word || !TryMatchAt(text, tokens, i, out var m))
            {
                continue;
            }
            for (int k = 0; k < m.Tokens; k++)
            {
                tags[i + k] = GazetteerTag.Create(k == 0, m.Type, m.Kind);
            }
            i += m.Tokens - 1;
        }
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
