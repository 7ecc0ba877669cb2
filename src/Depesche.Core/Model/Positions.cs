using System.Collections.Immutable;

namespace Depesche.Model;

/// <summary>
/// Where a character offset lies among a document's tokens, sentences and paragraphs, by binary search:
/// readers that ask this once per event or quotation stay linear in the length of the report.
/// </summary>
public static class Positions
{
    /// <summary>In a range [0, <paramref name="count"/>) ordered so that <paramref name="before"/> holds for a prefix of it,
    /// the first index for which it does not (<paramref name="count"/> when it holds for all).</summary>
    public static int Partition(int count, Func<int, bool> before)
    {
        int lo = 0;
        int hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (before(mid))
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

    /// <summary>The first token that ends after <paramref name="position"/> (the token that covers it, or the next one);
    /// <c>tokens.Length</c> when none does.</summary>
    public static int TokenFrom(ImmutableArray<TokenInfo> tokens, int position) => Partition(tokens.Length, i => tokens[i].End <= position);

    /// <summary>The first sentence that ends after <paramref name="position"/>; the last sentence when none does
    /// (-1 without sentences).</summary>
    public static int SentenceAt(Document doc, int position)
    {
        var sentences = doc.Sentences;
        return Math.Min(Partition(sentences.Length, i => sentences[i].End <= position), sentences.Length - 1);
    }

    /// <summary>The sentence that holds token <paramref name="token"/>; the last sentence when none does (-1 without sentences).</summary>
    public static int SentenceOfToken(Document doc, int token)
    {
        var sentences = doc.Sentences;
        return Math.Min(Partition(sentences.Length, i => sentences[i].EndToken <= token), sentences.Length - 1);
    }

    /// <summary>The first paragraph whose end is at or after <paramref name="position"/>; <c>Paragraphs.Length</c> when none is.</summary>
    public static int ParagraphAt(Document doc, int position)
    {
        var paragraphs = doc.Paragraphs;
        return Partition(paragraphs.Length, i => paragraphs[i].End < position);
    }
}
