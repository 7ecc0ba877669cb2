namespace Depesche.Model;

/// <summary>Whether a paragraph is running text or a heading between paragraphs.</summary>
public enum ParagraphKind : byte
{
    Body,
    Heading,
}

/// <summary>A paragraph: a block of text between blank lines, without its line break.</summary>
public readonly record struct Paragraph(int Start, int End, ParagraphKind Kind)
{
    public TextRange Range => new(Start, End);
}

/// <summary>A sentence: a token range and the paragraph that holds it.</summary>
/// <param name="FirstToken">Index of the first token.</param>
/// <param name="TokenCount">Number of tokens.</param>
public readonly record struct Sentence(int Start, int End, int FirstToken, int TokenCount, int Paragraph)
{
    public TextRange Range => new(Start, End);

    public int EndToken => FirstToken + TokenCount;
}

/// <summary>The dateline of a wire report: <c>Brüssel (dpa) - </c>.</summary>
/// <param name="Range">From the place to the dash, inclusive.</param>
public sealed record Dateline(string Place, TextRange PlaceRange, string? Agency, TextRange? AgencyRange, TextRange Range);

/// <summary>What the header of a report says: the header line's date, the dateline, and where the body starts.</summary>
/// <param name="HeaderLine">The header line some corpora put first (<c> date 2022-02 </c>), if present.</param>
/// <param name="Date">The date the header line gives, or without one the full date a dated dateline gives (<c>Berlin, 3. März 2022 (KNA) - </c>).</param>
/// <param name="BodyStart">Where the first sentence may start: after the header line and the dateline's dash.</param>
public sealed record HeaderInfo(TextRange? HeaderLine, PartialDate? Date, TextRange? DateRange, Dateline? Dateline, int BodyStart)
{
    public static HeaderInfo None { get; } = new(null, null, null, null, 0);
}
