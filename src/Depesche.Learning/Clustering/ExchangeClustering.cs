namespace Depesche.Learning.Clustering;

/// <summary>
/// A weighted directed bigram graph over items 0..N-1: how often each item occurs and how often item u is
/// directly followed by item v. Built from sentences of item ids, or from a coarser level's class counts.
/// </summary>
public sealed class BigramGraph
{
    private BigramGraph(long[] counts, int[] rightStart, int[] rightItem, long[] rightCount, int[] leftStart, int[] leftItem, long[] leftCount, long[] self)
    {
        Counts = counts;
        RightStart = rightStart;
        RightItem = rightItem;
        RightCount = rightCount;
        LeftStart = leftStart;
        LeftItem = leftItem;
        LeftCount = leftCount;
        Self = self;
    }

    public int Count => Counts.Length;

    /// <summary>Each item's occurrence count.</summary>
    public long[] Counts { get; }

    internal int[] RightStart { get; }
    internal int[] RightItem { get; }
    internal long[] RightCount { get; }
    internal int[] LeftStart { get; }
    internal int[] LeftItem { get; }
    internal long[] LeftCount { get; }

    /// <summary>How often each item follows itself (kept apart from the neighbour lists).</summary>
    internal long[] Self { get; }

    /// <summary>Builds the graph from pairs (u, v, count) with u ≠ v allowed to repeat; self pairs go to <see cref="Self"/>.</summary>
    public static BigramGraph FromPairs(long[] counts, IEnumerable<(int U, int V, long Count)> pairs)
    {
        int n = counts.Length;
        var merged = new Dictionary<long, long>();
        var self = new long[n];
        foreach (var (u, v, c) in pairs)
        {
            if ((uint)u >= (uint)n || (uint)v >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(pairs), "an item id is out of range");
            }
            if (u == v)
            {
                self[u] += c;
                continue;
            }
            long key = ((long)u << 32) | (uint)v;
            merged[key] = merged.GetValueOrDefault(key) + c;
        }
        var keys = merged.Keys.ToArray();
        Array.Sort(keys);
        var (rs, ri, rc) = Csr(n, keys, merged, byRight: true);
        var byV = keys.Select(k => ((k & 0xFFFFFFFFL) << 32) | (k >>> 32)).ToArray();
        Array.Sort(byV);
        var (ls, li, lc) = Csr(n, byV, merged, byRight: false);
        return new BigramGraph(counts, rs, ri, rc, ls, li, lc, self);

        static (int[], int[], long[]) Csr(int n, long[] sorted, Dictionary<long, long> merged, bool byRight)
        {
            var start = new int[n + 1];
            var item = new int[sorted.Length];
            var count = new long[sorted.Length];
            for (int i = 0; i < sorted.Length; i++)
            {
                int a = (int)(sorted[i] >>> 32);
                int b = (int)(sorted[i] & 0xFFFFFFFFL);
                start[a + 1]++;
                item[i] = b;
                long key = byRight ? sorted[i] : ((long)b << 32) | (uint)a;
                count[i] = merged[key];
            }
            for (int i = 0; i < n; i++)
            {
                start[i + 1] += start[i];
            }
            return (start, item, count);
        }
    }

    /// <summary>Builds the graph from sentences of item ids (a boundary item, if wanted, is the caller's).</summary>
    public static BigramGraph FromSequences(int items, IEnumerable<int[]> sequences)
    {
        var counts = new long[items];
        var pairs = new Dictionary<long, long>();
        foreach (var s in sequences)
        {
            for (int i = 0; i < s.Length; i++)
            {
                counts[s[i]]++;
                if (i > 0)
                {
                    long key = ((long)s[i - 1] << 32) | (uint)s[i];
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
            }
        }
        return FromPairs(counts, pairs.Select(p => ((int)(p.Key >>> 32), (int)(p.Key & 0xFFFFFFFFL), p.Value)));
    }

    /// <summary>The graph of the classes: item counts and bigram counts summed per class.</summary>
    public BigramGraph Collapse(int[] classOf, int classes)
    {
        var counts = new long[classes];
        var pairs = new Dictionary<long, long>();
        for (int u = 0; u < Count; u++)
        {
            int cu = classOf[u];
            counts[cu] += Counts[u];
            if (Self[u] > 0)
            {
                long key = ((long)cu << 32) | (uint)cu;
                pairs[key] = pairs.GetValueOrDefault(key) + Self[u];
            }
            for (int j = RightStart[u]; j < RightStart[u + 1]; j++)
            {
                long key = ((long)cu << 32) | (uint)classOf[RightItem[j]];
                pairs[key] = pairs.GetValueOrDefault(key) + RightCount[j];
            }
        }
        return FromPairs(counts, pairs.Select(p => ((int)(p.Key >>> 32), (int)(p.Key & 0xFFFFFFFFL), p.Value)));
    }
}

/// <summary>
/// The exchange algorithm for class-based bigram models (Kneser and Ney 1993; Martin, Liermann and Ney 1998):
/// items are moved one at a time to the class that most raises the likelihood of the corpus under
/// p(w_i | w_{i-1}) = p(c_i | c_{i-1}) p(w_i | c_i), i.e. maximises
/// Σ_{c,d} N(c,d) log N(c,d) − 2 Σ_c N(c) log N(c). Deterministic for the same graph, class count,
/// iterations and seed (the seed decides the initial classes of all but the most frequent items).
/// </summary>
public static class ExchangeClustering
{
    public static int[] Cluster(BigramGraph graph, int classes, int iterations, ulong seed, Action<string>? log = null)
    {
        int n = graph.Count;
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), "at least two classes");
        }
        var cls = new int[n];
        if (n <= classes)
        {
            for (int i = 0; i < n; i++)
            {
                cls[i] = i;
            }
            return cls;
        }
        // Frequency order (ties by id): the most frequent items start in classes of their own, the rest at random.
        var order = Enumerable.Range(0, n).OrderByDescending(i => graph.Counts[i]).ThenBy(i => i).ToArray();
        var rng = new SeededRandom(seed);
        for (int r = 0; r < n; r++)
        {
            cls[order[r]] = r < classes ? r : rng.NextInt(classes);
        }
        int c = classes;
        var nn = new long[c * c];
        var fnn = new double[c * c];
        var nc = new long[c];
        var fnc = new double[c];
        for (int u = 0; u < n; u++)
        {
            nc[cls[u]] += graph.Counts[u];
            nn[cls[u] * c + cls[u]] += graph.Self[u];
            for (int j = graph.RightStart[u]; j < graph.RightStart[u + 1]; j++)
            {
                nn[cls[u] * c + cls[graph.RightItem[j]]] += graph.RightCount[j];
            }
        }
        for (int i = 0; i < nn.Length; i++)
        {
            fnn[i] = F(nn[i]);
        }
        for (int i = 0; i < c; i++)
        {
            fnc[i] = F(nc[i]);
        }
        var right = new long[c];
        var left = new long[c];
        var touchedRight = new List<int>();
        var touchedLeft = new List<int>();
        var delta = new double[c];
        for (int it = 1; it <= iterations; it++)
        {
            int moved = 0;
            foreach (int w in order)
            {
                int a = cls[w];
                long self = graph.Self[w];
                long count = graph.Counts[w];
                // Neighbour counts by class (self loops apart).
                touchedRight.Clear();
                touchedLeft.Clear();
                for (int j = graph.RightStart[w]; j < graph.RightStart[w + 1]; j++)
                {
                    int d = cls[graph.RightItem[j]];
                    if (right[d] == 0)
                    {
                        touchedRight.Add(d);
                    }
                    right[d] += graph.RightCount[j];
                }
                for (int j = graph.LeftStart[w]; j < graph.LeftStart[w + 1]; j++)
                {
                    int d = cls[graph.LeftItem[j]];
                    if (left[d] == 0)
                    {
                        touchedLeft.Add(d);
                    }
                    left[d] += graph.LeftCount[j];
                }
                // Take w out of its class.
                Move(a, -1);
                // The gain of putting w into each class b.
                for (int b = 0; b < c; b++)
                {
                    double g = 0;
                    int row = b * c;
                    foreach (int d in touchedRight)
                    {
                        if (d != b)
                        {
                            long x = nn[row + d];
                            g += F(x + right[d]) - fnn[row + d];
                        }
                    }
                    foreach (int d in touchedLeft)
                    {
                        if (d != b)
                        {
                            long x = nn[d * c + b];
                            g += F(x + left[d]) - fnn[d * c + b];
                        }
                    }
                    long bb = nn[row + b];
                    g += F(bb + right[b] + left[b] + self) - fnn[row + b];
                    g -= 2 * (F(nc[b] + count) - fnc[b]);
                    delta[b] = g;
                }
                int best = a;
                double bestGain = delta[a];
                for (int b = 0; b < c; b++)
                {
                    if (delta[b] > bestGain + 1e-9)
                    {
                        bestGain = delta[b];
                        best = b;
                    }
                }
                // Keep every class non-empty: an item does not leave a class it is alone in.
                if (best != a && nc[a] == 0)
                {
                    best = a;
                }
                Move(best, +1);
                if (best != a)
                {
                    cls[w] = best;
                    moved++;
                }
                foreach (int d in touchedRight)
                {
                    right[d] = 0;
                }
                foreach (int d in touchedLeft)
                {
                    left[d] = 0;
                }

                void Move(int k, int sign)
                {
                    int row = k * c;
                    foreach (int d in touchedRight)
                    {
                        nn[row + d] += sign * right[d];
                        fnn[row + d] = F(nn[row + d]);
                    }
                    foreach (int d in touchedLeft)
                    {
                        nn[d * c + k] += sign * left[d];
                        fnn[d * c + k] = F(nn[d * c + k]);
                    }
                    nn[row + k] += sign * self;
                    fnn[row + k] = F(nn[row + k]);
                    nc[k] += sign * count;
                    fnc[k] = F(nc[k]);
                }
            }
            double objective = 0;
            for (int i = 0; i < nn.Length; i++)
            {
                objective += fnn[i];
            }
            for (int i = 0; i < c; i++)
            {
                objective -= 2 * fnc[i];
            }
            log?.Invoke(FormattableString.Invariant($"exchange ({n} items → {c} classes) iteration {it}: {moved} moved, objective {objective:F0}"));
            if (moved == 0)
            {
                break;
            }
        }
        // Number the classes by their first item in frequency order, so that the output does not depend on initial numbering.
        var renumber = Enumerable.Repeat(-1, c).ToArray();
        int next = 0;
        foreach (int w in order)
        {
            if (renumber[cls[w]] < 0)
            {
                renumber[cls[w]] = next++;
            }
        }
        for (int i = 0; i < n; i++)
        {
            cls[i] = renumber[cls[i]];
        }
        return cls;
    }

    private static double F(long x) => x <= 0 ? 0 : x * Math.Log(x);
}
