namespace Depesche.Model;

/// <summary>A half-open range <c>[Start, End)</c> of UTF-16 positions in a document's text.</summary>
public readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Contains(int position) => position >= Start && position < End;

    public bool Contains(TextRange other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(TextRange other) => other.Start < End && Start < other.End;

    public ReadOnlySpan<char> Slice(string text) => text.AsSpan(Start, End - Start);

    public override string ToString() => $"[{Start},{End})";
}
