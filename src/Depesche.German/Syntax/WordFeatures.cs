using Depesche.Learning;

namespace Depesche.German.Syntax;

/// <summary>What the tagger and the parser know about one word before predicting anything: hashes of its
/// form and parts, its shape, and what the lexicon says. Computed once per word, without allocation.</summary>
public struct WordInfo
{
    public ulong Form;
    public ulong Lower;
    public ulong Shape;
    public ulong Prefix3;
    public ulong Suffix1, Suffix2, Suffix3, Suffix4, Suffix5;
    public int Length;
    public int Flags; // 1 capitalised, 2 all caps, 4 digit, 8 hyphen, 16 first in sentence, 32 no letter
    public int LexExact; // lexicon index of the form, -1
    public int LexVariant; // lexicon index of the form with its first letter's case flipped, -1
    public int LexHead; // lexicon index of the longest known compound head (capitalised), -1
    public int HeadStart; // where that head starts in the form
    public LexClass MaskExact;
    public LexClass MaskVariant;
    public LexClass MaskHead;
    public ulong Signature; // hash of the signatures of all analyses (exact and variant)

    public readonly LexClass Mask => MaskExact | MaskVariant;
}

internal static class WordFeatures
{
    public const int MaxLookup = 64;

    public static void Compute(Lexicon lex, ReadOnlySpan<char> w, bool first, ref WordInfo info)
    {
        info.Form = FeatureHash.Chars(w);
        info.Lower = FeatureHash.LowerChars(w);
        info.Length = w.Length;
        Span<char> buf = stackalloc char[MaxLookup];
        int n = Math.Min(w.Length, MaxLookup);
        for (int i = 0; i < n; i++)
        {
            buf[i] = char.ToLowerInvariant(w[i]);
        }
        var lower = buf[..n];
        info.Suffix1 = n > 1 ? FeatureHash.Chars(lower[(n - 1)..]) : 0;
        info.Suffix2 = n > 2 ? FeatureHash.Chars(lower[(n - 2)..]) : 0;
        info.Suffix3 = n > 3 ? FeatureHash.Chars(lower[(n - 3)..]) : 0;
        info.Suffix4 = n > 4 ? FeatureHash.Chars(lower[(n - 4)..]) : 0;
        info.Suffix5 = n > 5 ? FeatureHash.Chars(lower[(n - 5)..]) : 0;
        info.Prefix3 = n > 3 ? FeatureHash.Chars(lower[..3]) : 0;

        int flags = first ? 16 : 0;
        bool anyLetter = false, allUpper = true;
        Span<char> shape = stackalloc char[8];
        int shapeLen = 0;
        char lastClass = '\0';
        foreach (char c in w)
        {
            char cls;
            if (char.IsUpper(c))
            {
                cls = 'X';
                anyLetter = true;
            }
            else if (char.IsLetter(c))
            {
                cls = 'x';
                anyLetter = true;
                allUpper = false;
            }
            else if (char.IsDigit(c))
            {
                cls = 'd';
                flags |= 4;
            }
            else
            {
                cls = c == '-' ? '-' : c == '.' ? '.' : '*';
                if (c == '-')
                {
                    flags |= 8;
                }
            }
            if (cls != lastClass && shapeLen < shape.Length)
            {
                shape[shapeLen++] = cls;
            }
            lastClass = cls;
        }
        if (w.Length > 0 && char.IsUpper(w[0]))
        {
            flags |= 1;
        }
        if (anyLetter && allUpper && w.Length > 1)
        {
            flags |= 2;
        }
        if (!anyLetter)
        {
            flags |= 32;
        }
        info.Flags = flags;
        info.Shape = FeatureHash.Chars(shape[..shapeLen]);

        info.LexExact = w.Length <= MaxLookup ? lex.Find(w) : -1;
        info.LexVariant = -1;
        info.LexHead = -1;
        if (n > 0 && w.Length <= MaxLookup)
        {
            Span<char> variant = stackalloc char[n];
            w[..n].CopyTo(variant);
            variant[0] = char.IsUpper(variant[0]) ? char.ToLowerInvariant(variant[0]) : char.ToUpperInvariant(variant[0]);
            if (variant[0] != w[0])
            {
                info.LexVariant = lex.Find(variant);
            }
        }
        info.MaskExact = lex.Classes(info.LexExact);
        info.MaskVariant = lex.Classes(info.LexVariant);
        info.MaskHead = LexClass.None;
        if (info.LexExact < 0 && info.LexVariant < 0 && n >= 6 && anyLetter)
        {
            // The longest known head of a compound: "Bundeskanzlerin" → "Kanzlerin".
            Span<char> part = stackalloc char[n];
            for (int start = 2; start <= n - 3; start++)
            {
                var tail = w[start..n];
                if (!char.IsLetter(tail[0]))
                {
                    continue;
                }
                tail.CopyTo(part);
                part[0] = char.ToUpperInvariant(part[0]);
                int idx = lex.Find(part[..tail.Length]);
                if (idx < 0)
                {
                    part[0] = char.ToLowerInvariant(part[0]);
                    idx = lex.Find(part[..tail.Length]);
                }
                if (idx >= 0)
                {
                    info.LexHead = idx;
                    info.HeadStart = start;
                    info.MaskHead = lex.Classes(idx);
                    break;
                }
            }
        }
        ulong sig = 0x1234567UL;
        foreach (var a in lex.Analyses(info.LexExact))
        {
            sig = FeatureHash.Mix(sig ^ (ulong)a.Signature);
        }
        foreach (var a in lex.Analyses(info.LexVariant))
        {
            sig = FeatureHash.Mix(sig ^ (ulong)(a.Signature + 1_000_000));
        }
        info.Signature = sig;
    }
}
