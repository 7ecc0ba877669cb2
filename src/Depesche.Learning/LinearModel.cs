using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Depesche.Learning;

/// <summary>A named set of labels occupying the columns [Offset, Offset + Count) of a model's rows.</summary>
public sealed record LabelGroup(string Name, int Offset, ImmutableArray<string> Labels)
{
    public int Count => Labels.Length;

    /// <summary>The label's column within the group, or -1.</summary>
    public int IndexOf(string label) => Labels.IndexOf(label);
}

/// <summary>
/// A linear model over hashed features: a flat array of 2^RowBits rows, each holding one weight per
/// label column. A feature's hash picks its row; scoring adds the rows of the active features.
/// Several label groups (e.g. part of speech and case) can share the rows, each decided by its own arg-max.
/// Immutable once built and safe to share between threads.
/// </summary>
public sealed class LinearModel
{
    internal LinearModel(string featureSet, int rowBits, ImmutableArray<LabelGroup> groups, float[] weights, ImmutableArray<KeyValuePair<string, byte[]>> sections)
    {
        FeatureSet = featureSet;
        RowBits = rowBits;
        Groups = groups;
        Width = groups.Sum(g => g.Count);
        Weights = weights;
        Sections = sections;
        if (weights.Length != (1 << rowBits) * Width)
        {
            throw new ArgumentException("weights do not match rows × width", nameof(weights));
        }
    }

    /// <summary>Names the features the model expects (e.g. <c>de-tagger-3</c>); a reader checks it before use.</summary>
    public string FeatureSet { get; }

    public int RowBits { get; }

    /// <summary>Columns per row: the sum of the groups' label counts.</summary>
    public int Width { get; }

    public ImmutableArray<LabelGroup> Groups { get; }

    /// <summary>Extra named data a component stores next to its weights (lemma tables, label constraints).</summary>
    public ImmutableArray<KeyValuePair<string, byte[]>> Sections { get; }

    internal float[] Weights { get; }

    public LabelGroup Group(string name) => Groups.FirstOrDefault(g => g.Name == name)
        ?? throw new DepescheException(ErrorCodes.ModelInvalid, $"the model '{FeatureSet}' has no label group '{name}'");

    public byte[]? Section(string name)
    {
        foreach (var kv in Sections)
        {
            if (kv.Key == name)
            {
                return kv.Value;
            }
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int RowOf(ulong feature, int rowBits) => (int)(feature >> (64 - rowBits));

    /// <summary>Adds the rows of <paramref name="features"/> into <paramref name="scores"/> (length <see cref="Width"/>), after clearing it.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores) => Score(Weights, RowBits, Width, features, scores);

    /// <summary>
    /// The mean of models of the same shape (e.g. trained with different seeds): one model that scores
    /// like the sum of them, at the cost of one. Sections are taken from the first.
    /// </summary>
    public static LinearModel Average(IReadOnlyList<LinearModel> models)
    {
        ArgumentOutOfRangeException.ThrowIfZero(models.Count);
        var first = models[0];
        var sum = new float[first.Weights.Length];
        foreach (var m in models)
        {
            if (m.RowBits != first.RowBits || m.Width != first.Width || m.FeatureSet != first.FeatureSet
                || !m.Groups.Select(g => string.Join("\u0001", g.Labels)).SequenceEqual(first.Groups.Select(g => string.Join("\u0001", g.Labels))))
            {
                throw new ArgumentException("models of different shapes cannot be averaged", nameof(models));
            }
            var w = m.Weights;
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += w[i];
            }
        }
        float scale = 1f / models.Count;
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] *= scale;
        }
        return new LinearModel(first.FeatureSet, first.RowBits, first.Groups, sum, first.Sections);
    }

    /// <summary>The same model without weights smaller than <paramref name="threshold"/> in magnitude (smaller files, faster loading).</summary>
    public LinearModel Pruned(float threshold)
    {
        var w = (float[])Weights.Clone();
        for (int i = 0; i < w.Length; i++)
        {
            if (MathF.Abs(w[i]) < threshold)
            {
                w[i] = 0f;
            }
        }
        return new LinearModel(FeatureSet, RowBits, Groups, w, Sections);
    }

    /// <summary>How many weights are not zero.</summary>
    public int NonZeroCount => Weights.Count(x => x != 0f);

    /// <summary>Adds only the columns of <paramref name="group"/> into <paramref name="scores"/> (length ≥ the group's count), after clearing it.</summary>
    public void Score(ReadOnlySpan<ulong> features, LabelGroup group, Span<float> scores) => Score(Weights, RowBits, Width, features, scores, group.Offset, group.Count);

    internal static void Score(float[] weights, int rowBits, int width, ReadOnlySpan<ulong> features, Span<float> scores)
        => Score(weights, rowBits, width, features, scores, 0, width);

    private static void Score(float[] weights, int rowBits, int stride, ReadOnlySpan<ulong> features, Span<float> scores, int offset, int width)
    {
        scores = scores[..width];
        scores.Clear();
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && features.Length > 1)
        {
            // The rows are scattered over megabytes: ask for all of their cache lines first, so that the
            // memory loads overlap instead of arriving one row at a time.
            int lines = (width * sizeof(float) + 63) / 64;
            foreach (ulong f in features)
            {
                Prefetch(ref Unsafe.Add(ref w0, RowOf(f, rowBits) * stride + offset), lines);
            }
        }
        int vec = Vector<float>.Count;
        int vectorEnd = width - (width % vec);
        foreach (ulong f in features)
        {
            int row = RowOf(f, rowBits) * stride + offset;
            var src = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref w0, row), width);
            int i = 0;
            for (; i < vectorEnd; i += vec)
            {
                var sum = new Vector<float>(scores[i..]) + new Vector<float>(src[i..]);
                sum.CopyTo(scores[i..]);
            }
            for (; i < width; i++)
            {
                scores[i] += src[i];
            }
        }
    }

    private static unsafe void Prefetch(ref float start, int lines)
    {
        byte* p = (byte*)Unsafe.AsPointer(ref start);
        for (int i = 0; i < lines; i++)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(p + (i * 64));
        }
    }

    /// <summary>The best column of <paramref name="group"/> whose <paramref name="allowed"/> flag is set (all when null); -1 when none is allowed.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores, LabelGroup group, ReadOnlySpan<bool> allowed = default)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        var s = scores.Slice(group.Offset, group.Count);
        for (int i = 0; i < s.Length; i++)
        {
            if ((allowed.IsEmpty || allowed[i]) && (best < 0 || s[i] > bestScore))
            {
                best = i;
                bestScore = s[i];
            }
        }
        return best;
    }
}

/// <summary>
/// Trains a <see cref="LinearModel"/> with the averaged perceptron: updates touch only the rows of the
/// active features, and averaging is lazy (each weight remembers when it last changed). Single-threaded
/// and free of hidden randomness, so the same data in the same order gives the same weights.
/// </summary>
public sealed class PerceptronTrainer
{
    private readonly float[] _weights;
    private readonly double[] _totals;
    private readonly int[] _stamps;
    private int _clock = 1;

    public PerceptronTrainer(string featureSet, int rowBits, IEnumerable<(string Name, IReadOnlyList<string> Labels)> groups)
    {
        if (rowBits is < 4 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(rowBits));
        }
        FeatureSet = featureSet;
        RowBits = rowBits;
        var list = ImmutableArray.CreateBuilder<LabelGroup>();
        int offset = 0;
        foreach (var (name, labels) in groups)
        {
            list.Add(new LabelGroup(name, offset, [.. labels]));
            offset += labels.Count;
        }
        Groups = list.ToImmutable();
        Width = offset;
        long size = (1L << rowBits) * Width;
        _weights = new float[size];
        _totals = new double[size];
        _stamps = new int[size];
    }

    public string FeatureSet { get; }

    public int RowBits { get; }

    public int Width { get; }

    public ImmutableArray<LabelGroup> Groups { get; }

    public LabelGroup Group(string name) => Groups.First(g => g.Name == name);

    /// <summary>Scores with the current (not averaged) weights.</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores) => LinearModel.Score(_weights, RowBits, Width, features, scores);

    /// <summary>Counts one training instance (the averaging clock).</summary>
    public void Tick() => _clock++;

    /// <summary>Rewards column <paramref name="good"/> and penalises column <paramref name="bad"/> of <paramref name="group"/> for these features.</summary>
    public void Update(ReadOnlySpan<ulong> features, LabelGroup group, int good, int bad)
    {
        if (good == bad)
        {
            return;
        }
        foreach (ulong f in features)
        {
            int row = LinearModel.RowOf(f, RowBits) * Width + group.Offset;
            Add(row + good, 1f);
            Add(row + bad, -1f);
        }
    }

    /// <summary>Adds <paramref name="delta"/> to column <paramref name="label"/> of <paramref name="group"/> for these features (one side of a sequence update).</summary>
    public void Adjust(ReadOnlySpan<ulong> features, LabelGroup group, int label, float delta)
    {
        foreach (ulong f in features)
        {
            Add(LinearModel.RowOf(f, RowBits) * Width + group.Offset + label, delta);
        }
    }

    private void Add(int i, float delta)
    {
        _totals[i] += (double)(_clock - _stamps[i]) * _weights[i];
        _stamps[i] = _clock;
        _weights[i] += delta;
    }

    /// <summary>The averaged model, with <paramref name="sections"/> stored beside the weights.</summary>
    public LinearModel Finish(IEnumerable<KeyValuePair<string, byte[]>>? sections = null)
    {
        var averaged = new float[_weights.Length];
        for (int i = 0; i < averaged.Length; i++)
        {
            if (_stamps[i] == 0)
            {
                continue;
            }
            double total = _totals[i] + (double)(_clock - _stamps[i]) * _weights[i];
            averaged[i] = (float)(total / _clock);
        }
        return new LinearModel(FeatureSet, RowBits, Groups, averaged, [.. sections ?? []]);
    }
}
