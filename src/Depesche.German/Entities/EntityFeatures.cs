using Depesche.German.Syntax;
using Depesche.Learning;
using Depesche.Learning.Clustering;

namespace Depesche.German.Entities;

/// <summary>
/// The entity recogniser's static features of every token of a sentence: word, affixes, shape, what the
/// lexicon knows, part of speech, a window of two words either side, and the gazetteer's matches
/// (whole names, adjective stems, the first part of hyphenated compounds).
/// </summary>
internal static class EntityFeatures
{
    public const int MaxPerToken = 88;
    /// <summary>How many levels of word classes the features use (finest first; missing levels count as unknown).</summary>
    public const int ClusterLevels = 4;
    private const ulong Bos = 0xB05B05B05UL;
    private const ulong Eos = 0xE05E05E05UL;
    private const ulong NoPos = 0x90590590UL;

    /// <summary>Scratch space for one sentence, reused between sentences of one caller.</summary>
    public sealed class Buffers
    {
        public WordInfo[] Infos = new WordInfo[64];
        public ulong[] Pos = new ulong[64];
        public ulong[] Gaz = new ulong[64];
        public ulong[] Part = new ulong[64];
        public ulong[] Features = new ulong[64 * MaxPerToken];
        public int[] Offsets = new int[65];
        public ulong[] Keys = new ulong[128];
        public ulong[] Stacked = new ulong[64 * MaxPerToken];
        public int[] StackedOffsets = new int[65];
        public int[] Aux = new int[64];
        public int[] Clusters = new int[64 * ClusterLevels];

        public void Ensure(int n)
        {
            if (Infos.Length < n)
            {
                int size = Math.Max(n, Infos.Length * 2);
                Infos = new WordInfo[size];
                Pos = new ulong[size];
                Gaz = new ulong[size];
                Part = new ulong[size];
                Features = new ulong[size * MaxPerToken];
                Offsets = new int[size + 1];
                Keys = new ulong[size * 2];
                Stacked = new ulong[size * MaxPerToken];
                StackedOffsets = new int[size + 1];
                Aux = new int[size];
                Clusters = new int[size * ClusterLevels];
            }
        }
    }

    /// <summary>Adds to every token's features what an auxiliary recogniser (trained on other corpora) predicted
    /// there and around (<c>b.Aux</c>, BIO label indexes): into <c>b.Stacked</c>/<c>b.StackedOffsets</c>.</summary>
    public static void Stack(ReadOnlySpan<ReadOnlyMemory<char>> tokens, Buffers b)
    {
        int n = tokens.Length;
        int k = 0;
        var f = b.Stacked;
        for (int i = 0; i < n; i++)
        {
            b.StackedOffsets[i] = k;
            var own = b.Features.AsSpan(b.Offsets[i], b.Offsets[i + 1] - b.Offsets[i]);
            own.CopyTo(f.AsSpan(k));
            k += own.Length;
            ulong a = (ulong)b.Aux[i];
            ulong t = a == 0 ? 99 : (a - 1) / 2;
            ulong tl = i > 0 ? (b.Aux[i - 1] == 0 ? 99 : (ulong)(b.Aux[i - 1] - 1) / 2) : 98;
            ulong tr = i + 1 < n ? (b.Aux[i + 1] == 0 ? 99 : (ulong)(b.Aux[i + 1] - 1) / 2) : 98;
            ulong cap = (ulong)(b.Infos[i].Flags & 0b110111);
            f[k++] = FeatureHash.Feature(60, a);
            f[k++] = FeatureHash.Feature(61, t);
            f[k++] = FeatureHash.Feature(62, tl, t, tr);
            f[k++] = FeatureHash.Feature(63, a, cap);
            f[k++] = FeatureHash.Feature(64, a, b.Infos[i].Suffix3);
            f[k++] = FeatureHash.Feature(65, a, b.Gaz[i]);
        }
        b.StackedOffsets[n] = k;
    }

    public static ulong PosHash(string? upos) => upos is null ? NoPos : FeatureHash.Chars(upos);

    /// <summary>
    /// Fills <paramref name="b"/> for <paramref name="tokens"/>. <c>b.Pos</c> must hold each token's part-of-speech hash
    /// (see <see cref="PosHash"/>); <paramref name="infosReady"/> says whether <c>b.Infos</c> is already computed.
    /// </summary>
    public static void Extract(Syntax.Lexicon lexicon, IGazetteer gazetteer, WordClusters? clusters, ReadOnlySpan<ReadOnlyMemory<char>> tokens, Buffers b, bool infosReady)
    {
        int n = tokens.Length;
        var infos = b.Infos;
        if (clusters is not null)
        {
            for (int i = 0; i < n; i++)
            {
                var cl = b.Clusters.AsSpan(i * ClusterLevels, ClusterLevels);
                cl.Fill(-1);
                clusters.Lookup(tokens[i].Span, cl);
            }
        }
        if (!infosReady)
        {
            for (int i = 0; i < n; i++)
            {
                WordFeatures.Compute(lexicon, tokens[i].Span, i == 0, ref infos[i]);
            }
        }
        // Gazetteer: longest matches from the left; code = hit's label hash × position.
        for (int i = 0; i < n;)
        {
            int len = gazetteer.LongestMatch(tokens, i, out var hit);
            if (len == 0)
            {
                b.Gaz[i++] = 0;
                continue;
            }
            ulong code = (ulong)((int)hit.Type * 4 + (int)hit.Kind + 1);
            for (int k = 0; k < len && i + k < n; k++)
            {
                b.Gaz[i + k] = code * 8 + (ulong)(k == 0 ? 1 : 2) + (len == 1 ? 4UL : 0UL);
            }
            i += len;
        }
        // Hyphenated compounds: what the gazetteer says about the part before the first hyphen ("Nato-Staaten").
        for (int i = 0; i < n; i++)
        {
            b.Part[i] = 0;
            var span = tokens[i].Span;
            int dash = span.IndexOf('-');
            if (dash > 0 && dash < span.Length - 1)
            {
                var head = tokens[i][..dash];
                if (gazetteer.LongestMatch(new ReadOnlySpan<ReadOnlyMemory<char>>(in head), 0, out var hit) == 1)
                {
                    b.Part[i] = (ulong)((int)hit.Type * 4 + (int)hit.Kind + 1);
                }
            }
        }

        var f = b.Features;
        int k0 = 0;
        for (int i = 0; i < n; i++)
        {
            b.Offsets[i] = k0;
            int k = k0;
            ref readonly var c = ref infos[i];
            ulong l1 = i > 0 ? infos[i - 1].Lower : Bos;
            ulong l2 = i > 1 ? infos[i - 2].Lower : Bos;
            ulong r1 = i + 1 < n ? infos[i + 1].Lower : Eos;
            ulong r2 = i + 2 < n ? infos[i + 2].Lower : Eos;
            ulong p0 = b.Pos[i];
            ulong p1 = i > 0 ? b.Pos[i - 1] : Bos;
            ulong pr = i + 1 < n ? b.Pos[i + 1] : Eos;
            ulong s1 = i > 0 ? infos[i - 1].Shape : Bos;
            ulong sr = i + 1 < n ? infos[i + 1].Shape : Eos;
            ulong cap = (ulong)(c.Flags & 0b110111);
            ulong lex = (c.LexExact >= 0 ? 1UL : 0) | (c.LexVariant >= 0 ? 2UL : 0) | (c.LexHead >= 0 ? 4UL : 0);
            ulong mask = (ulong)c.MaskExact | ((ulong)c.MaskVariant << 16);
            ulong g = b.Gaz[i];
            ulong gl = i > 0 ? b.Gaz[i - 1] : Bos;
            ulong gr = i + 1 < n ? b.Gaz[i + 1] : Eos;
            ulong capL = i > 0 ? (ulong)(infos[i - 1].Flags & 1) : 2;
            ulong capR = i + 1 < n ? (ulong)(infos[i + 1].Flags & 1) : 2;

            f[k++] = FeatureHash.Feature(1, 0);
            f[k++] = FeatureHash.Feature(2, c.Form);
            f[k++] = FeatureHash.Feature(3, c.Lower);
            if (c.Suffix2 != 0) { f[k++] = FeatureHash.Feature(4, c.Suffix2); }
            if (c.Suffix3 != 0) { f[k++] = FeatureHash.Feature(5, c.Suffix3); }
            if (c.Suffix4 != 0) { f[k++] = FeatureHash.Feature(6, c.Suffix4); }
            if (c.Suffix5 != 0) { f[k++] = FeatureHash.Feature(7, c.Suffix5); }
            if (c.Prefix3 != 0) { f[k++] = FeatureHash.Feature(8, c.Prefix3); }
            f[k++] = FeatureHash.Feature(9, c.Shape);
            f[k++] = FeatureHash.Feature(10, cap);
            f[k++] = FeatureHash.Feature(11, lex, cap);
            f[k++] = FeatureHash.Feature(12, mask, cap);
            f[k++] = FeatureHash.Feature(13, p0);
            f[k++] = FeatureHash.Feature(14, p0, cap);
            f[k++] = FeatureHash.Feature(15, p1, p0);
            f[k++] = FeatureHash.Feature(16, p0, pr);
            f[k++] = FeatureHash.Feature(17, l1);
            f[k++] = FeatureHash.Feature(18, r1);
            f[k++] = FeatureHash.Feature(19, l2);
            f[k++] = FeatureHash.Feature(20, r2);
            f[k++] = FeatureHash.Feature(21, l1, c.Lower);
            f[k++] = FeatureHash.Feature(22, c.Lower, r1);
            f[k++] = FeatureHash.Feature(23, s1, c.Shape, sr);
            f[k++] = FeatureHash.Feature(24, l1, p0);
            f[k++] = FeatureHash.Feature(25, p0, r1);
            f[k++] = FeatureHash.Feature(26, capL, cap, capR);
            f[k++] = FeatureHash.Feature(27, (ulong)Math.Min(c.Length, 16), cap);
            f[k++] = FeatureHash.Feature(28, g);
            f[k++] = FeatureHash.Feature(29, g, cap);
            f[k++] = FeatureHash.Feature(30, gl, g, gr);
            f[k++] = FeatureHash.Feature(31, b.Part[i]);
            f[k++] = FeatureHash.Feature(32, b.Part[i], c.Suffix3);
            f[k++] = FeatureHash.Feature(33, (ulong)c.MaskHead, cap);
            f[k++] = FeatureHash.Feature(34, (ulong)c.MaskHead, c.Suffix3);
            f[k++] = FeatureHash.Feature(35, i > 0 ? infos[i - 1].Suffix3 : Bos, c.Suffix3);
            f[k++] = FeatureHash.Feature(36, p1);
            f[k++] = FeatureHash.Feature(37, pr);
            f[k++] = FeatureHash.Feature(38, c.Suffix3, cap);
            f[k++] = FeatureHash.Feature(39, lex, p0);
            if ((c.Flags & 8) != 0)
            {
                // Parts of a hyphenated word: the first and the last ("US-Truppen" → "us", "truppen").
                var span = tokens[i].Span;
                int dash = span.IndexOf('-');
                int last = span.LastIndexOf('-');
                if (dash > 0)
                {
                    f[k++] = FeatureHash.Feature(40, FeatureHash.LowerChars(span[..dash]));
                }
                if (last < span.Length - 1)
                {
                    f[k++] = FeatureHash.Feature(41, FeatureHash.LowerChars(span[(last + 1)..]));
                }
            }
            if (clusters is not null)
            {
                // Word classes: the token's at every level, its neighbours' at the two finest levels, and the
                // middle class with the suffix and with the neighbouring words.
                const int L = ClusterLevels;
                var cc = b.Clusters.AsSpan(i * L, L);
                ulong Cl(int j, int level) => j < 0 ? Bos : j >= n ? Eos : (ulong)(uint)b.Clusters[j * L + level];
                f[k++] = FeatureHash.Feature(80, (ulong)(uint)cc[0]);
                f[k++] = FeatureHash.Feature(81, (ulong)(uint)cc[1]);
                f[k++] = FeatureHash.Feature(82, (ulong)(uint)cc[2]);
                f[k++] = FeatureHash.Feature(83, (ulong)(uint)cc[3]);
                f[k++] = FeatureHash.Feature(84, (ulong)(uint)cc[1], cap);
                f[k++] = FeatureHash.Feature(85, Cl(i - 1, 1));
                f[k++] = FeatureHash.Feature(86, Cl(i + 1, 1));
                f[k++] = FeatureHash.Feature(87, Cl(i - 1, 0));
                f[k++] = FeatureHash.Feature(88, Cl(i + 1, 0));
                f[k++] = FeatureHash.Feature(89, Cl(i - 1, 2), (ulong)(uint)cc[2], Cl(i + 1, 2));
                f[k++] = FeatureHash.Feature(90, (ulong)(uint)cc[0], g);
                f[k++] = FeatureHash.Feature(95, (ulong)(uint)cc[1], c.Suffix3);
                f[k++] = FeatureHash.Feature(96, l1, (ulong)(uint)cc[1]);
                f[k++] = FeatureHash.Feature(97, (ulong)(uint)cc[1], r1);
            }
            b.Keys[2 * i] = c.Lower;
            b.Keys[2 * i + 1] = FeatureHash.Feature(70, c.Shape, cap, g);
            k0 = k;
        }
        b.Offsets[n] = k0;
    }
}
