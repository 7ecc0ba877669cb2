namespace Depesche.Learning.Sequence;

/// <summary>
/// One sentence prepared for sequence labelling: the static features of every token in one flat array
/// (token i's are <c>Features[Offsets[i]..Offsets[i + 1]]</c>), two key values per token that the
/// decoder conjoins with the previous label (e.g. the word and its shape), and, for training, gold labels.
/// </summary>
public sealed class SequenceExample
{
    public SequenceExample(ulong[] features, int[] offsets, ulong[] keys, int[]? gold, int domain = 0)
    {
        Domain = domain;
        int n = offsets.Length - 1;
        if (n < 0 || keys.Length != 2 * n || (gold is not null && gold.Length != n))
        {
            throw new ArgumentException("offsets, keys and gold labels disagree on the sentence length");
        }
        Features = features;
        Offsets = offsets;
        Keys = keys;
        Gold = gold;
    }

    public ulong[] Features { get; }

    public int[] Offsets { get; }

    public ulong[] Keys { get; }

    public int[]? Gold { get; }

    public int Count => Offsets.Length - 1;

    /// <summary>The corpus family the sentence comes from; 0 is the target domain (the one decoded at run time).</summary>
    public int Domain { get; }
}

/// <summary>
/// Greedy left-to-right BIO labelling with an averaged-perceptron <see cref="LinearModel"/>: each token's
/// score adds its static features and history features (previous label, the two previous labels, the
/// previous label with each of the token's two keys); only well-formed BIO transitions are considered.
/// </summary>
public sealed class GreedySequenceModel
{
    public const string GroupName = "bio";
    public const int HistoryCount = 4;
    private const int MaxFeatures = 256;

    private readonly LabelGroup _group;

    /// <summary>Names the section whose presence says the model was trained with domain-augmented features.</summary>
    public const string AugmentSection = "domain-augmentation";

    /// <summary>Names the section whose one byte is the beam width the model was trained with (absent: greedy).</summary>
    public const string BeamSection = "beam";

    /// <summary>The largest beam width.</summary>
    public const int MaxBeam = 32;

    public GreedySequenceModel(LinearModel model)
    {
        Model = model;
        Augmented = model.Section(AugmentSection) is not null;
        BeamWidth = model.Section(BeamSection) is { Length: 1 } beam && beam[0] is >= 1 and <= MaxBeam ? beam[0] : 1;
        _group = model.Group(GroupName);
        var types = new List<string>();
        for (int i = 0; i < _group.Count; i++)
        {
            string l = _group.Labels[i];
            bool ok = i == 0
                ? l == "O"
                : l.Length > 2 && l.StartsWith(i % 2 == 1 ? "B-" : "I-", StringComparison.Ordinal) && (i % 2 == 1 || l[2..] == _group.Labels[i - 1][2..]);
            if (!ok)
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, $"the model '{model.FeatureSet}' has no BIO label set (label {i} is '{l}')");
            }
            if (i % 2 == 1)
            {
                types.Add(l[2..]);
            }
        }
        Labels = new BioLabels(types);
    }

    public LinearModel Model { get; }

    /// <summary>1: greedy decoding; more: beam search with that many hypotheses (as in training).</summary>
    public int BeamWidth { get; }

    public BioLabels Labels { get; }

    /// <summary>
    /// Whether every feature also has a copy specific to the sentence's domain ("frustratingly easy" domain
    /// adaptation): corpora with other annotation conventions share what they agree on and keep their
    /// conventions in their own copies; decoding uses the shared and the target domain's weights.
    /// </summary>
    public bool Augmented { get; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int Augment(Span<ulong> f, int count, int domain)
    {
        ulong salt = FeatureHash.Mix(0xD0D0D0UL + (ulong)domain);
        for (int j = 0; j < count; j++)
        {
            f[count + j] = FeatureHash.Mix(f[j] ^ salt);
        }
        return 2 * count;
    }

    /// <summary>Writes the history features for a token into <paramref name="f"/> from <paramref name="k"/>; returns the new count.
    /// (<see cref="BeamSearch"/> writes the same features in two parts: keep them in step.)</summary>
    internal static int AddHistory(Span<ulong> f, int k, int prev, int prev2, ulong key0, ulong key1)
    {
        f[k++] = FeatureHash.Feature(240, (ulong)prev);
        f[k++] = FeatureHash.Feature(241, (ulong)prev, (ulong)prev2);
        f[k++] = FeatureHash.Feature(242, (ulong)prev, key0);
        f[k++] = FeatureHash.Feature(243, (ulong)prev, key1);
        return k;
    }

    /// <summary>Labels one sentence; <paramref name="confidence"/> receives each chosen label's probability under a softmax over the allowed labels.</summary>
    public void Decode(SequenceExample sentence, Span<int> labels, Span<float> confidence)
        => Decode(sentence.Features, sentence.Offsets, sentence.Keys, labels, confidence);

    public void Decode(ReadOnlySpan<ulong> features, ReadOnlySpan<int> offsets, ReadOnlySpan<ulong> keys, Span<int> labels, Span<float> confidence)
    {
        if (BeamWidth > 1)
        {
            BeamSearch.Run(new ModelScorer(Model), Labels, _group, Model.Width, BeamWidth, Augmented, 0, features, offsets, keys, default, labels, confidence);
            return;
        }
        int n = offsets.Length - 1;
        Span<ulong> f = stackalloc ulong[MaxFeatures];
        Span<float> scores = stackalloc float[Model.Width];
        int prev = Labels.Start, prev2 = Labels.Start;
        for (int i = 0; i < n; i++)
        {
            var own = features[offsets[i]..offsets[i + 1]];
            int count = Math.Min(own.Length, MaxFeatures / 2 - HistoryCount);
            own[..count].CopyTo(f);
            count = AddHistory(f, count, prev, prev2, keys[2 * i], keys[2 * i + 1]);
            if (Augmented)
            {
                count = Augment(f, count, 0);
            }
            Model.Score(f[..count], scores);
            var allowed = Labels.Allowed(prev);
            int best = LinearModel.ArgMax(scores, _group, allowed);
            labels[i] = best;
            if (!confidence.IsEmpty)
            {
                var s = scores.Slice(_group.Offset, _group.Count);
                float top = s[best];
                double sum = 0;
                for (int c = 0; c < s.Length; c++)
                {
                    if (allowed[c])
                    {
                        sum += Math.Exp(s[c] - top);
                    }
                }
                confidence[i] = (float)(1.0 / sum);
            }
            prev2 = prev;
            prev = best;
        }
    }

    /// <summary>
    /// Trains with the greedy decoder in the loop (the history comes from the model's own predictions,
    /// as at run time). Deterministic: same examples in the same order, same seed, same model.
    /// </summary>
    public static LinearModel Train(string featureSet, BioLabels labels, int rowBits, IReadOnlyList<SequenceExample> examples, int seed, int epochs,
        Action<string>? log = null, Action<int, LinearModel>? afterEpoch = null, IEnumerable<KeyValuePair<string, byte[]>>? sections = null, bool augment = false, int beam = 1)
    {
        if (beam is < 1 or > MaxBeam)
        {
            throw new ArgumentOutOfRangeException(nameof(beam), $"the beam width must be between 1 and {MaxBeam}");
        }
        if (examples.Count == 0)
        {
            throw new DepescheException(ErrorCodes.TrainingDataInvalid, "no training sentences");
        }
        var trainer = new PerceptronTrainer(featureSet, rowBits, [(GroupName, labels.Labels)]);
        var group = trainer.Group(GroupName);
        var rng = new SeededRandom((ulong)seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var f = new ulong[MaxFeatures];
        var scores = new float[trainer.Width];
        var sectionList = sections?.ToList() ?? [];
        if (augment)
        {
            sectionList.Add(new(AugmentSection, [1]));
        }
        if (beam > 1)
        {
            sectionList.Add(new(BeamSection, [(byte)beam]));
        }
        var predicted = new int[examples.Max(e => e.Count)];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            rng.Shuffle(order);
            int errors = 0, total = 0;
            foreach (int e in order)
            {
                var ex = examples[e];
                var gold = ex.Gold ?? throw new DepescheException(ErrorCodes.TrainingDataInvalid, "a training sentence has no gold labels");
                if (beam > 1)
                {
                    // Structured perceptron with early update.
                    int fell = BeamSearch.Run(new TrainerScorer(trainer), labels, group, trainer.Width, beam, augment, ex.Domain,
                        ex.Features, ex.Offsets, ex.Keys, gold, predicted, default);
                    int last = fell >= 0 ? fell : ex.Count - 1;
                    errors += BeamSearch.Update(trainer, labels, group, augment, ex.Domain, ex.Features, ex.Offsets, ex.Keys, gold, predicted, last);
                    for (int i = 0; i <= last; i++)
                    {
                        trainer.Tick();
                    }
                    total += last + 1;
                    continue;
                }
                int prev = labels.Start, prev2 = labels.Start;
                for (int i = 0; i < ex.Count; i++)
                {
                    var own = ex.Features.AsSpan(ex.Offsets[i], ex.Offsets[i + 1] - ex.Offsets[i]);
                    int count = Math.Min(own.Length, MaxFeatures / 2 - HistoryCount);
                    own.Slice(0, count).CopyTo(f);
                    count = AddHistory(f, count, prev, prev2, ex.Keys[2 * i], ex.Keys[2 * i + 1]);
                    if (augment)
                    {
                        count = Augment(f, count, ex.Domain);
                    }
                    var fs = f.AsSpan(0, count);
                    trainer.Score(fs, scores);
                    int pred = LinearModel.ArgMax(scores, group, labels.Allowed(prev));
                    if (pred != gold[i])
                    {
                        trainer.Update(fs, group, gold[i], pred);
                        errors++;
                    }
                    trainer.Tick();
                    total++;
                    prev2 = prev;
                    prev = pred;
                }
            }
            log?.Invoke(FormattableString.Invariant($"epoch {epoch}: {100.0 * (total - errors) / Math.Max(1, total):F2} % of training tokens labelled right"));
            if (afterEpoch is not null && epoch < epochs)
            {
                afterEpoch(epoch, trainer.Finish(sectionList));
            }
        }
        return trainer.Finish(sectionList);
    }
}
