namespace Depesche.Model;

/// <summary>What a token is, as far as the segmenter can tell from its characters.</summary>
public enum TokenKind : byte
{
    Word,
    Number,
    /// <summary>A number with a trailing full stop read as an ordinal (<c>24.</c> in <c>24. Februar</c>).</summary>
    Ordinal,
    /// <summary>A word with a trailing full stop that belongs to it (<c>Dr.</c>, <c>z.B.</c>).</summary>
    Abbreviation,
    Punctuation,
    OpeningQuote,
    ClosingQuote,
    /// <summary>A quotation mark whose direction the characters alone do not tell (<c>"</c>).</summary>
    AmbiguousQuote,
    Url,
    Email,
    Symbol,
    /// <summary>A control or format character that is not whitespace.</summary>
    Other,
}

/// <summary>Flags for a token; kept small so that a token is a 12-byte struct.</summary>
[Flags]
public enum TokenFlags : byte
{
    None = 0,
    /// <summary>Whitespace follows the token (tokens plus their trailing whitespace rebuild the text).</summary>
    SpaceAfter = 1,
    /// <summary>The token is the first of a sentence.</summary>
    SentenceStart = 2,
    /// <summary>The token ends with a hyphen that stands for a shared second part (<c>Staats-</c> und Regierungschefs).</summary>
    Truncated = 4,
    /// <summary>The token starts with an upper-case letter.</summary>
    Capitalized = 8,
}

/// <summary>One token: a half-open range of the text and what kind it is.</summary>
public readonly record struct TokenInfo(int Start, int End, TokenKind Kind, TokenFlags Flags)
{
    public int Length => End - Start;

    public TextRange Range => new(Start, End);

    public bool SpaceAfter => (Flags & TokenFlags.SpaceAfter) != 0;

    public ReadOnlySpan<char> Slice(string text) => text.AsSpan(Start, End - Start);

    public bool IsQuote => Kind is TokenKind.OpeningQuote or TokenKind.ClosingQuote or TokenKind.AmbiguousQuote;
}
