using System.Buffers;

namespace Depesche.Learning.Sequence;

/// <summary>Scores a feature vector over all labels (the model at run time, the trainer's current weights in training).</summary>
internal interface ISequenceScorer
{
    void Score(ReadOnlySpan<ulong> features, Span<float> scores);
}

internal readonly struct ModelScorer(LinearModel model) : ISequenceScorer
{
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores) => model.Score(features, scores);
}

internal readonly struct TrainerScorer(PerceptronTrainer trainer) : ISequenceScorer
{
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores) => trainer.Score(features, scores);
}

/// <summary>
/// Beam search over BIO label sequences with the same features as the greedy decoder: a token's static
/// features are scored once, each hypothesis adds its own history features (previous labels × keys).
/// Training is the structured perceptron with early update (Collins and Roark 2004): as soon as the gold
/// prefix falls out of the beam, the gold prefix is rewarded and the best hypothesis' prefix penalised.
/// </summary>
internal static class BeamSearch
{
    private const int MaxFeatures = 256;

    /// <summary>
    /// Decodes one sentence; returns the position at which the gold prefix fell out of the beam (or −1 when it never
    /// did or no gold is given). <paramref name="labels"/> receives the best hypothesis up to that position.
    /// </summary>
    public static int Run<TScorer>(TScorer scorer, BioLabels bio, LabelGroup group, int width, int beam, bool augmented, int domain,
        ReadOnlySpan<ulong> features, ReadOnlySpan<int> offsets, ReadOnlySpan<ulong> keys, ReadOnlySpan<int> gold, Span<int> labels, Span<float> confidence)
        where TScorer : ISequenceScorer
    {
        int n = offsets.Length - 1;
        if (n <= 0)
        {
            return -1;
        }
        int nl = group.Count;
        Span<ulong> f = stackalloc ulong[MaxFeatures];
        Span<ulong> h = stackalloc ulong[2 * GreedySequenceModel.HistoryCount];
        Span<float> baseScores = stackalloc float[width];
        Span<float> histScores = stackalloc float[width];
        Span<float> hypScore = stackalloc float[beam];
        Span<int> hypPrev = stackalloc int[beam];
        Span<int> hypPrev2 = stackalloc int[beam];
        Span<float> newScore = stackalloc float[beam];
        Span<int> candK = stackalloc int[beam];
        Span<int> candY = stackalloc int[beam];
        Span<float> scratch = stackalloc float[nl];
        Span<int> cachedPrev = stackalloc int[beam];
        Span<float> cachedScores = stackalloc float[beam * nl];
        bool wantConfidence = !confidence.IsEmpty;
        Span<int> np = stackalloc int[beam];
        Span<int> np2 = stackalloc int[beam];
        var lab = ArrayPool<int>.Shared.Rent(n * beam);
        var back = ArrayPool<int>.Shared.Rent(n * beam);
        // Each hypothesis' label scores, kept only when confidences are wanted (a softmax along the best path at the end).
        var local = wantConfidence ? ArrayPool<float>.Shared.Rent(n * beam * nl) : [];
        try
        {
            int size = 1;
            hypScore[0] = 0;
            hypPrev[0] = bio.Start;
            hypPrev2[0] = bio.Start;
            int goldK = gold.IsEmpty ? -1 : 0;
            int fellOut = -1;
            int t = 0;
            for (; t < n; t++)
            {
                var own = features[offsets[t]..offsets[t + 1]];
                int count = Math.Min(own.Length, MaxFeatures / 2);
                own[..count].CopyTo(f);
                if (augmented)
                {
                    count = GreedySequenceModel.Augment(f, count, domain);
                }
                scorer.Score(f[..count], baseScores);
                int kept = 0;
                int cached = 0;
                for (int k = 0; k < size; k++)
                {
                    // History features: those of the previous label alone are scored once per distinct label
                    // (hypotheses often share it), the pair of previous labels per hypothesis.
                    int prev = hypPrev[k];
                    int slot = 0;
                    while (slot < cached && cachedPrev[slot] != prev)
                    {
                        slot++;
                    }
                    var prevScores = cachedScores.Slice(slot * nl, nl);
                    if (slot == cached)
                    {
                        cachedPrev[cached++] = prev;
                        int pc = 0;
                        h[pc++] = FeatureHash.Feature(240, (ulong)prev);
                        h[pc++] = FeatureHash.Feature(242, (ulong)prev, keys[2 * t]);
                        h[pc++] = FeatureHash.Feature(243, (ulong)prev, keys[2 * t + 1]);
                        if (augmented)
                        {
                            pc = GreedySequenceModel.Augment(h, pc, domain);
                        }
                        scorer.Score(h[..pc], histScores);
                        histScores.Slice(group.Offset, nl).CopyTo(prevScores);
                    }
                    int hc = 0;
                    h[hc++] = FeatureHash.Feature(241, (ulong)prev, (ulong)hypPrev2[k]);
                    if (augmented)
                    {
                        hc = GreedySequenceModel.Augment(h, hc, domain);
                    }
                    scorer.Score(h[..hc], histScores);
                    var allowed = bio.Allowed(hypPrev[k]);
                    var keep = wantConfidence ? local.AsSpan((t * beam + k) * nl, nl) : scratch;
                    for (int y = 0; y < nl; y++)
                    {
                        keep[y] = baseScores[group.Offset + y] + prevScores[y] + histScores[group.Offset + y];
                    }
                    for (int y = 0; y < nl; y++)
                    {
                        if (!allowed[y])
                        {
                            continue;
                        }
                        float s = hypScore[k] + keep[y];
                        if (kept == beam && s <= newScore[kept - 1])
                        {
                            continue;
                        }
                        // Insert in descending order (earlier candidates win ties).
                        int pos = kept < beam ? kept : beam - 1;
                        while (pos > 0 && newScore[pos - 1] < s)
                        {
                            newScore[pos] = newScore[pos - 1];
                            candK[pos] = candK[pos - 1];
                            candY[pos] = candY[pos - 1];
                            pos--;
                        }
                        newScore[pos] = s;
                        candK[pos] = k;
                        candY[pos] = y;
                        if (kept < beam)
                        {
                            kept++;
                        }
                    }
                }
                int newGold = -1;
                for (int j = 0; j < kept; j++)
                {
                    lab[t * beam + j] = candY[j];
                    back[t * beam + j] = candK[j];
                    if (goldK >= 0 && candK[j] == goldK && candY[j] == gold[t] && newGold < 0)
                    {
                        newGold = j;
                    }
                }
                // The new beam: previous labels come from the parent hypotheses (read before overwriting).
                for (int j = 0; j < kept; j++)
                {
                    np[j] = candY[j];
                    np2[j] = hypPrev[candK[j]];
                }
                for (int j = 0; j < kept; j++)
                {
                    hypPrev[j] = np[j];
                    hypPrev2[j] = np2[j];
                    hypScore[j] = newScore[j];
                }
                size = kept;
                if (goldK >= 0 && newGold < 0)
                {
                    fellOut = t;
                    break;
                }
                goldK = newGold;
            }
            // Backtrack the best hypothesis from the last position decoded.
            int last = fellOut >= 0 ? fellOut : n - 1;
            int b = 0;
            for (int i = last; i >= 0; i--)
            {
                int parent = back[i * beam + b];
                labels[i] = lab[i * beam + b];
                if (wantConfidence)
                {
                    // The label's probability under a softmax over the labels allowed after the parent's label.
                    var scores = local.AsSpan((i * beam + parent) * nl, nl);
                    var allowed = bio.Allowed(i == 0 ? bio.Start : lab[(i - 1) * beam + parent]);
                    float max = float.NegativeInfinity;
                    for (int y = 0; y < nl; y++)
                    {
                        if (allowed[y] && scores[y] > max)
                        {
                            max = scores[y];
                        }
                    }
                    double sum = 0;
                    for (int y = 0; y < nl; y++)
                    {
                        if (allowed[y])
                        {
                            sum += Math.Exp(scores[y] - max);
                        }
                    }
                    confidence[i] = (float)(Math.Exp(scores[labels[i]] - max) / sum);
                }
                b = parent;
            }
            return fellOut;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lab);
            ArrayPool<int>.Shared.Return(back);
            if (wantConfidence)
            {
                ArrayPool<float>.Shared.Return(local);
            }
        }
    }

    /// <summary>
    /// The perceptron update between the gold labels and the predicted ones over positions 0..<paramref name="last"/>:
    /// static features where the labels differ, history features where the label or its history differ.
    /// Returns how many of these positions were labelled wrong.
    /// </summary>
    public static int Update(PerceptronTrainer trainer, BioLabels bio, LabelGroup group, bool augmented, int domain,
        ReadOnlySpan<ulong> features, ReadOnlySpan<int> offsets, ReadOnlySpan<ulong> keys, ReadOnlySpan<int> gold, ReadOnlySpan<int> pred, int last)
    {
        Span<ulong> f = stackalloc ulong[MaxFeatures];
        Span<ulong> hg = stackalloc ulong[2 * GreedySequenceModel.HistoryCount];
        Span<ulong> hp = stackalloc ulong[2 * GreedySequenceModel.HistoryCount];
        int pg = bio.Start, pg2 = bio.Start, pp = bio.Start, pp2 = bio.Start;
        int errors = 0;
        for (int i = 0; i <= last; i++)
        {
            if (gold[i] != pred[i])
            {
                errors++;
                var own = features[offsets[i]..offsets[i + 1]];
                int count = Math.Min(own.Length, MaxFeatures / 2);
                own[..count].CopyTo(f);
                if (augmented)
                {
                    count = GreedySequenceModel.Augment(f, count, domain);
                }
                trainer.Update(f[..count], group, gold[i], pred[i]);
            }
            if (gold[i] != pred[i] || pg != pp || pg2 != pp2)
            {
                int cg = GreedySequenceModel.AddHistory(hg, 0, pg, pg2, keys[2 * i], keys[2 * i + 1]);
                int cp = GreedySequenceModel.AddHistory(hp, 0, pp, pp2, keys[2 * i], keys[2 * i + 1]);
                if (augmented)
                {
                    cg = GreedySequenceModel.Augment(hg, cg, domain);
                    cp = GreedySequenceModel.Augment(hp, cp, domain);
                }
                trainer.Adjust(hg[..cg], group, gold[i], 1f);
                trainer.Adjust(hp[..cp], group, pred[i], -1f);
            }
            pg2 = pg;
            pg = gold[i];
            pp2 = pp;
            pp = pred[i];
        }
        return errors;
    }
}
