namespace Depesche.Output;

/// <summary>
/// Converts UTF-16 positions of a text into Unicode code point positions. Texts without characters
/// outside the Basic Multilingual Plane (nearly all news) take the identity shortcut; otherwise
/// the positions of surrogate pairs are kept in a sorted array and looked up by binary search.
/// </summary>
public sealed class CodePointMap
{
    private readonly int[]? _pairStarts;

    public CodePointMap(string text)
    {
        List<int>? pairs = null;
        var span = text.AsSpan();
        int i = span.IndexOfAnyInRange('\uD800', '\uDBFF');
        while (i >= 0)
        {
            if (i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                (pairs ??= []).Add(i);
                i += 2;
            }
            else
            {
                i++;
            }
            if (i >= span.Length)
            {
                break;
            }
            int next = span[i..].IndexOfAnyInRange('\uD800', '\uDBFF');
            i = next < 0 ? -1 : i + next;
        }
        _pairStarts = pairs?.ToArray();
    }

    public bool IsIdentity => _pairStarts is null;

    /// <summary>The code point index of UTF-16 position <paramref name="utf16"/>.</summary>
    public int ToCodePoint(int utf16)
    {
        if (_pairStarts is null)
        {
            return utf16;
        }
        // Every surrogate pair that starts strictly before the position has counted two UTF-16 units for one code point.
        int idx = Array.BinarySearch(_pairStarts, utf16);
        int before = idx >= 0 ? idx : ~idx;
        return utf16 - before;
    }
}
