using System.Collections.Immutable;

namespace Depesche.Model;

/// <summary>
/// Where a character offset lies among a document's tokens, sentences and paragraphs, by binary search:
/// readers that ask this once per event or quotation stay linear in the length of the report.
/// </summary>
public static class Positions
{
    /// <summary>The first token that ends after <paramref name="position"/> (the token that covers it, or the next one);
    /// <c>tokens.Length</c> when none does.</summary>
    public static int TokenFrom(ImmutableArray<TokenInfo> tokens, int position)
    {
        int lo = 0;
        int hi = tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (tokens[mid].End <= position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The first sentence that ends after <paramref name="position"/>; the last sentence when none does
    /// (-1 without sentences).</summary>
    public static int SentenceAt(Document doc, int position)
    {
        var sentences = doc.Sentences;
        int lo = 0;
        int hi = sentences.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sentences[mid].End <= position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return Math.Min(lo, sentences.Length - 1);
    }

    /// <summary>The sentence that holds token <paramref name="token"/>; the last sentence when none does (-1 without sentences).</summary>
    public static int SentenceOfToken(Document doc, int token)
    {
        var sentences = doc.Sentences;
        int lo = 0;
        int hi = sentences.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sentences[mid].EndToken <= token)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return Math.Min(lo, sentences.Length - 1);
    }

    /// <summary>The first paragraph whose end is at or after <paramref name="position"/>; <c>Paragraphs.Length</c> when none is.</summary>
    public static int ParagraphAt(Document doc, int position)
    {
        var paragraphs = doc.Paragraphs;
        int lo = 0;
        int hi = paragraphs.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (paragraphs[mid].End < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
