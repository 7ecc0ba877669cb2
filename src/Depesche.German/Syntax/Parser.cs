using Depesche.Learning;

namespace Depesche.German.Syntax;

/// <summary>What the parser sees of a word: hashes of its lower-cased form, UPOS, XPOS and case.</summary>
public struct ParserWord
{
    public ulong Word;
    public ulong Upos;
    public ulong Xpos;
    public ulong Case;
    public ulong Feats;

    public static ParserWord Create(ReadOnlySpan<char> form, string upos, string xpos, string feats)
    {
        ulong caseHash = 0;
        int at = feats.IndexOf("Case=", StringComparison.Ordinal);
        if (at >= 0)
        {
            int end = feats.IndexOf('|', at);
            caseHash = FeatureHash.Chars(feats.AsSpan(at, (end < 0 ? feats.Length : end) - at));
        }
        return new ParserWord { Word = FeatureHash.LowerChars(form), Upos = FeatureHash.Chars(upos), Xpos = FeatureHash.Chars(xpos), Case = caseHash, Feats = FeatureHash.Chars(feats) };
    }
}

/// <summary>
/// A transition-based dependency parser (arc-hybrid: SHIFT, LEFT-ARC, RIGHT-ARC with labels), greedy,
/// trained with the averaged perceptron and Goldberg and Nivre's dynamic oracle with exploration.
/// The root sits at the bottom of the stack and takes exactly one dependent, last.
/// </summary>
public sealed class Parser
{
    public const string FeatureSetId = "de-parser-2";
    private const int RowBits = 16;
    private const int MaxFeatures = 64;

    private readonly LinearModel _model;
    private readonly LabelGroup _group;
    private readonly string[] _deprels;
    private readonly int _rootLabel;

    private Parser(LinearModel model)
    {
        _model = model;
        _group = model.Group("transition");
        int labels = (_group.Count - 1) / 2;
        if (_group.Count != 1 + 2 * labels || _group.Labels[0] != "SH")
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, "the parser model's transitions are malformed");
        }
        _deprels = [.. _group.Labels.Skip(1).Take(labels).Select(l => l[2..])];
        _rootLabel = Array.IndexOf(_deprels, "root");
        if (_rootLabel < 0)
        {
            throw new DepescheException(ErrorCodes.ModelInvalid, "the parser model has no 'root' relation");
        }
    }

    public static Parser FromModel(LinearModel model)
    {
        if (model.FeatureSet != FeatureSetId)
        {
            throw new DepescheException(ErrorCodes.ModelMismatch, $"a '{model.FeatureSet}' model is not a parser model ({FeatureSetId})");
        }
        return new Parser(model);
    }

    public IReadOnlyList<string> Deprels => _deprels;

    public LinearModel Model => _model;

    /// <summary>Parses one sentence: <paramref name="heads"/>[i] is the head word number (0 = root, words count from 1) of word i, <paramref name="labels"/>[i] an index into <see cref="Deprels"/>.</summary>
    public void Parse(ReadOnlySpan<ParserWord> words, Span<int> heads, Span<int> labels)
    {
        int n = words.Length;
        var state = new State(n);
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<float> scores = _model.Width <= 512 ? stackalloc float[_model.Width] : new float[_model.Width];
        while (!state.Terminal)
        {
            int count = Features(words, state, feats);
            _model.Score(feats[..count], scores);
            int best = -1;
            float bestScore = float.NegativeInfinity;
            for (int t = 0; t < _group.Count; t++)
            {
                if (state.Valid(t, _deprels.Length, _rootLabel) && (best < 0 || scores[_group.Offset + t] > bestScore))
                {
                    best = t;
                    bestScore = scores[_group.Offset + t];
                }
            }
            state.Apply(best, _deprels.Length);
        }
        for (int i = 0; i < n; i++)
        {
            heads[i] = state.Heads[i + 1];
            labels[i] = state.Labels[i + 1];
        }
    }

    /// <summary>A parser configuration. Word numbers count from 1; 0 is the root.</summary>
    internal sealed class State
    {
        public readonly int N;
        public readonly int[] Stack;
        public int Depth;
        public int B; // front of the buffer
        public readonly int[] Heads;
        public readonly int[] Labels;
        public readonly int[] LeftMost, RightMost, LeftCount, RightCount;

        public State(int n)
        {
            N = n;
            Stack = new int[n + 1];
            Heads = new int[n + 1];
            Labels = new int[n + 1];
            LeftMost = new int[n + 1];
            RightMost = new int[n + 1];
            LeftCount = new int[n + 1];
            RightCount = new int[n + 1];
            Array.Fill(Heads, -1);
            Array.Fill(LeftMost, -1);
            Array.Fill(RightMost, -1);
            Stack[0] = 0;
            Depth = 1;
            B = 1;
        }

        public bool Terminal => B > N && Depth == 1;

        public int S(int k) => Depth > k ? Stack[Depth - 1 - k] : -1;

        public int Buf(int k) => B + k <= N ? B + k : -1;

        public bool Valid(int t, int labelCount, int rootLabel)
        {
            if (t == 0)
            {
                return B <= N;
            }
            if (t <= labelCount)
            {
                return Depth >= 2 && B <= N && t - 1 != rootLabel;
            }
            if (Depth < 2)
            {
                return false;
            }
            bool toRoot = Stack[Depth - 2] == 0;
            int label = t - 1 - labelCount;
            return toRoot ? B > N && Depth == 2 && label == rootLabel : label != rootLabel;
        }

        public void Apply(int t, int labelCount)
        {
            if (t == 0)
            {
                Stack[Depth++] = B++;
            }
            else if (t <= labelCount)
            {
                int d = Stack[--Depth];
                Attach(B, d, t - 1);
            }
            else
            {
                int d = Stack[--Depth];
                Attach(Stack[Depth - 1], d, t - 1 - labelCount);
            }
        }

        private void Attach(int h, int d, int label)
        {
            Heads[d] = h;
            Labels[d] = label;
            if (d < h)
            {
                if (LeftMost[h] < 0 || d < LeftMost[h])
                {
                    LeftMost[h] = d;
                }
                LeftCount[h]++;
            }
            else
            {
                if (RightMost[h] < 0 || d > RightMost[h])
                {
                    RightMost[h] = d;
                }
                RightCount[h]++;
            }
        }

        /// <summary>Gold arcs a transition makes unreachable (Goldberg and Nivre 2013, arc-hybrid), plus a wrong label.</summary>
        public int Cost(int t, int labelCount, int[] goldHead, int[] goldLabel)
        {
            int cost = 0;
            if (t == 0)
            {
                int b = B;
                for (int k = 0; k < Depth; k++)
                {
                    int s = Stack[k];
                    if (goldHead[b] == s && k != Depth - 1)
                    {
                        cost++;
                    }
                    if (s != 0 && goldHead[s] == b)
                    {
                        cost++;
                    }
                }
                return cost;
            }
            int s0 = Stack[Depth - 1];
            int s1 = Stack[Depth - 2];
            int h = goldHead[s0];
            for (int d = B; d <= N; d++)
            {
                if (goldHead[d] == s0)
                {
                    cost++;
                }
            }
            if (t <= labelCount)
            {
                if (h == s1 || h > B)
                {
                    cost++;
                }
                else if (h == B && goldLabel[s0] != t - 1)
                {
                    cost++;
                }
            }
            else
            {
                if (h >= B)
                {
                    cost++;
                }
                else if (h == s1 && goldLabel[s0] != t - 1 - labelCount)
                {
                    cost++;
                }
            }
            return cost;
        }
    }

    private const ulong None = 0x4E4F4E45UL;

    internal static int Features(ReadOnlySpan<ParserWord> w, State st, Span<ulong> f)
    {
        int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2), b0 = st.Buf(0), b1 = st.Buf(1), b2 = st.Buf(2);
        int s0l = s0 > 0 ? st.LeftMost[s0] : -1;
        int s0r = s0 > 0 ? st.RightMost[s0] : -1;
        int s1r = s1 > 0 ? st.RightMost[s1] : -1;
        int b0l = b0 > 0 ? st.LeftMost[b0] : -1;
        var ws0 = Word(w, s0);
        var ws1 = Word(w, s1);
        var ws2 = Word(w, s2);
        var wb0 = Word(w, b0);
        var wb1 = Word(w, b1);
        var wb2 = Word(w, b2);
        var ws0l = Word(w, s0l);
        var ws0r = Word(w, s0r);
        var ws1r = Word(w, s1r);
        var wb0l = Word(w, b0l);
        ulong ls0l = s0l > 0 ? (ulong)st.Labels[s0l] : 999;
        ulong ls0r = s0r > 0 ? (ulong)st.Labels[s0r] : 999;
        ulong lb0l = b0l > 0 ? (ulong)st.Labels[b0l] : 999;
        ulong dist = s0 > 0 && b0 > 0 ? (ulong)Math.Min(b0 - s0, 6) : 0;
        ulong dist1 = s1 > 0 && s0 > 0 ? (ulong)Math.Min(s0 - s1, 6) : 0;
        ulong vs0 = s0 > 0 ? (ulong)Math.Min(st.LeftCount[s0], 3) * 4 + (ulong)Math.Min(st.RightCount[s0], 3) : 99;
        ulong vb0 = b0 > 0 ? (ulong)Math.Min(st.LeftCount[b0], 3) : 99;
        int k = 0;
        f[k++] = FeatureHash.Feature(1, 0);
        f[k++] = FeatureHash.Feature(2, ws0.Word);
        f[k++] = FeatureHash.Feature(3, ws0.Upos);
        f[k++] = FeatureHash.Feature(4, ws0.Xpos);
        f[k++] = FeatureHash.Feature(5, ws0.Word, ws0.Xpos);
        f[k++] = FeatureHash.Feature(6, ws1.Word);
        f[k++] = FeatureHash.Feature(7, ws1.Xpos);
        f[k++] = FeatureHash.Feature(8, ws1.Upos);
        f[k++] = FeatureHash.Feature(9, ws2.Xpos);
        f[k++] = FeatureHash.Feature(10, wb0.Word);
        f[k++] = FeatureHash.Feature(11, wb0.Upos);
        f[k++] = FeatureHash.Feature(12, wb0.Xpos);
        f[k++] = FeatureHash.Feature(13, wb0.Word, wb0.Xpos);
        f[k++] = FeatureHash.Feature(14, wb1.Word);
        f[k++] = FeatureHash.Feature(15, wb1.Xpos);
        f[k++] = FeatureHash.Feature(16, wb2.Xpos);
        f[k++] = FeatureHash.Feature(17, ws0.Xpos, wb0.Xpos);
        f[k++] = FeatureHash.Feature(18, ws0.Word, wb0.Word);
        f[k++] = FeatureHash.Feature(19, ws0.Word, wb0.Xpos);
        f[k++] = FeatureHash.Feature(20, ws0.Xpos, wb0.Word);
        f[k++] = FeatureHash.Feature(21, ws1.Xpos, ws0.Xpos);
        f[k++] = FeatureHash.Feature(22, ws1.Word, ws0.Word);
        f[k++] = FeatureHash.Feature(23, ws0.Xpos, wb0.Xpos, wb1.Xpos);
        f[k++] = FeatureHash.Feature(24, ws1.Xpos, ws0.Xpos, wb0.Xpos);
        f[k++] = FeatureHash.Feature(25, ws2.Xpos, ws1.Xpos, ws0.Xpos);
        f[k++] = FeatureHash.Feature(26, wb0.Xpos, wb1.Xpos, wb2.Xpos);
        f[k++] = FeatureHash.Feature(27, ws0.Xpos, ws0l.Xpos, ws0r.Xpos);
        f[k++] = FeatureHash.Feature(28, ws0.Xpos, ls0l, ls0r);
        f[k++] = FeatureHash.Feature(29, wb0.Xpos, wb0l.Xpos, lb0l);
        f[k++] = FeatureHash.Feature(30, ws1.Xpos, ws1r.Xpos, ws0.Xpos);
        f[k++] = FeatureHash.Feature(31, ws0.Xpos, wb0.Xpos, dist);
        f[k++] = FeatureHash.Feature(32, ws0.Word, wb0.Xpos, dist);
        f[k++] = FeatureHash.Feature(33, ws1.Xpos, ws0.Xpos, dist1);
        f[k++] = FeatureHash.Feature(34, ws0.Xpos, vs0);
        f[k++] = FeatureHash.Feature(35, wb0.Xpos, vb0);
        f[k++] = FeatureHash.Feature(36, ws0.Case, ws0.Xpos, wb0.Xpos);
        f[k++] = FeatureHash.Feature(37, ws0.Case, ws1.Xpos, ws0.Xpos);
        f[k++] = FeatureHash.Feature(38, wb0.Case, wb0.Xpos, ws0.Xpos);
        f[k++] = FeatureHash.Feature(39, ws0.Upos, wb0.Upos, ws1.Upos);
        f[k++] = FeatureHash.Feature(40, ws0.Word, ws1.Xpos);
        f[k++] = FeatureHash.Feature(41, ws1.Word, ws0.Xpos);
        f[k++] = FeatureHash.Feature(42, (ulong)st.Depth > 4 ? 4 : (ulong)st.Depth, b0 < 0 ? 1UL : 0UL);
        f[k++] = FeatureHash.Feature(43, ws0.Xpos, ws0.Case, ls0l);
        f[k++] = FeatureHash.Feature(44, ws1.Xpos, ws1r.Xpos, ws1r.Case);
        f[k++] = FeatureHash.Feature(45, ws0.Word, ls0l, ls0r);
        f[k++] = FeatureHash.Feature(46, ws0.Feats, wb0.Xpos);
        f[k++] = FeatureHash.Feature(47, wb0.Feats, ws0.Xpos);
        f[k++] = FeatureHash.Feature(48, ws1.Feats, ws0.Xpos, wb0.Xpos);
        f[k++] = FeatureHash.Feature(49, ws1.Word, wb0.Xpos);
        f[k++] = FeatureHash.Feature(50, ws1.Xpos, wb0.Word);
        f[k++] = FeatureHash.Feature(51, wb1.Word, wb0.Xpos);
        f[k++] = FeatureHash.Feature(52, ws0r.Xpos, ws0.Xpos, wb0.Xpos);
        f[k++] = FeatureHash.Feature(53, ws1.Xpos, wb0.Xpos, s1 > 0 && b0 > 0 ? (ulong)Math.Min(b0 - s1, 8) : 0);
        return k;
    }

    private static ParserWord Word(ReadOnlySpan<ParserWord> w, int i)
        => i > 0 ? w[i - 1] : i == 0 ? new ParserWord { Word = 0x526F6F74, Upos = 0x526F6F74, Xpos = 0x526F6F74, Case = 0 } : new ParserWord { Word = None, Upos = None, Xpos = None, Case = None };

    // ---------------- training ----------------

    /// <summary>Trains a parser model on gold trees, with tags from <paramref name="tagger"/> (or gold tags when null). Deterministic given the seed.</summary>
    public static LinearModel Train(IReadOnlyList<TrainingSentence> sentences, Tagger? tagger, int seed, int epochs, Action<string>? log = null)
        => Train(sentences, sentences.Select(s => Inputs(s, tagger)).ToArray(), seed, epochs, log);

    /// <summary>
    /// Trains with tags that are as wrong as they will be on new text: the training sentences are cut
    /// into <paramref name="folds"/> parts and each part is tagged by a tagger trained on the others.
    /// </summary>
    public static LinearModel TrainJackknifed(IReadOnlyList<TrainingSentence> sentences, Lexicon lexicon, int folds, int taggerEpochs, int seed, int epochs, Action<string>? log = null)
        => Train(sentences, JackknifedInputs(sentences, lexicon, folds, taggerEpochs, seed, log), seed, epochs, log);

    /// <summary>Trains <paramref name="ensemble"/> models with seeds seed, seed+1, … and averages their weights.</summary>
    public static LinearModel TrainJackknifed(IReadOnlyList<TrainingSentence> sentences, Lexicon lexicon, int folds, int taggerEpochs, int seed, int epochs, int ensemble, Action<string>? log = null)
    {
        if (ensemble <= 1)
        {
            return TrainJackknifed(sentences, lexicon, folds, taggerEpochs, seed, epochs, log);
        }
        var inputs = JackknifedInputs(sentences, lexicon, folds, taggerEpochs, seed, log);
        var models = Enumerable.Range(0, ensemble).Select(k => Train(sentences, inputs, seed + k, epochs, log)).ToList();
        return LinearModel.Average(models);
    }

    private static ParserWord[][] JackknifedInputs(IReadOnlyList<TrainingSentence> sentences, Lexicon lexicon, int folds, int taggerEpochs, int seed, Action<string>? log)
    {
        var inputs = new ParserWord[sentences.Count][];
        for (int k = 0; k < folds; k++)
        {
            var train = sentences.Where((_, i) => i % folds != k).ToList();
            var tagger = Tagger.FromModel(Tagger.Train(lexicon, train, seed, taggerEpochs, null, lemmasFromLexicon: false), lexicon);
            for (int i = k; i < sentences.Count; i += folds)
            {
                inputs[i] = Inputs(sentences[i], tagger);
            }
            log?.Invoke($"parser: fold {k + 1} of {folds} tagged by a tagger trained on the other {train.Count} sentences");
        }
        return inputs;
    }

    private static LinearModel Train(IReadOnlyList<TrainingSentence> all, ParserWord[][] allInputs, int seed, int epochs, Action<string>? log)
    {
        var sentences = new List<TrainingSentence>();
        var inputsList = new List<ParserWord[]>();
        for (int i = 0; i < all.Count; i++)
        {
            sentences.Add(all[i]);
            inputsList.Add(allInputs[i]);
        }
        var keep = Enumerable.Range(0, sentences.Count).Where(i => sentences[i].Heads.All(h => h >= 0 && h <= sentences[i].Count) && sentences[i].Heads.Count(h => h == 0) == 1).ToList();
        var usable = keep.Select(i => sentences[i]).ToList();
        if (usable.Count == 0)
        {
            throw new DepescheException(ErrorCodes.TrainingDataInvalid, "no training sentence has a complete tree");
        }
        var deprels = new SortedSet<string>(StringComparer.Ordinal) { "root" };
        foreach (var s in usable)
        {
            foreach (string d in s.Deprels)
            {
                deprels.Add(d);
            }
        }
        var labelList = deprels.ToList();
        var transitions = new List<string> { "SH" };
        transitions.AddRange(labelList.Select(l => "L:" + l));
        transitions.AddRange(labelList.Select(l => "R:" + l));
        var trainer = new PerceptronTrainer(FeatureSetId, RowBits, [("transition", transitions)]);
        var group = trainer.Group("transition");
        int labelCount = labelList.Count;
        int rootLabel = labelList.IndexOf("root");

        var inputs = keep.Select(i => inputsList[i]).ToArray();
        var golds = usable.Select(s =>
        {
            var gh = new int[s.Count + 1];
            var gl = new int[s.Count + 1];
            for (int i = 0; i < s.Count; i++)
            {
                gh[i + 1] = s.Heads[i];
                gl[i + 1] = labelList.IndexOf(s.Deprels[i]);
            }
            return (gh, gl);
        }).ToArray();

        var rng = new SeededRandom((ulong)seed ^ 0x9A85E5UL);
        var order = Enumerable.Range(0, usable.Count).ToArray();
        var feats = new ulong[MaxFeatures];
        var scores = new float[trainer.Width];
        var costs = new int[transitions.Count];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            rng.Shuffle(order);
            long correctArcs = 0, arcs = 0;
            foreach (int si in order)
            {
                var words = inputs[si];
                var (gh, gl) = golds[si];
                var state = new State(words.Length);
                while (!state.Terminal)
                {
                    int count = Features(words, state, feats);
                    var fs = feats.AsSpan(0, count);
                    trainer.Score(fs, scores);
                    int pred = -1, bestGold = -1, minCost = int.MaxValue;
                    for (int t = 0; t < transitions.Count; t++)
                    {
                        if (!state.Valid(t, labelCount, rootLabel))
                        {
                            costs[t] = -1;
                            continue;
                        }
                        costs[t] = state.Cost(t, labelCount, gh, gl);
                        minCost = Math.Min(minCost, costs[t]);
                        if (pred < 0 || scores[t] > scores[pred])
                        {
                            pred = t;
                        }
                    }
                    for (int t = 0; t < transitions.Count; t++)
                    {
                        if (costs[t] == minCost && (bestGold < 0 || scores[t] > scores[bestGold]))
                        {
                            bestGold = t;
                        }
                    }
                    if (costs[pred] != minCost)
                    {
                        trainer.Update(fs, group, bestGold, pred);
                    }
                    trainer.Tick();
                    // Explore: after the first epoch, follow the model's own (possibly wrong) choice most of the time.
                    int next = costs[pred] == minCost || (epoch > 1 && rng.NextDouble() < 0.9) ? pred : bestGold;
                    state.Apply(next, labelCount);
                }
                for (int i = 1; i <= words.Length; i++)
                {
                    arcs++;
                    if (state.Heads[i] == gh[i] && state.Labels[i] == gl[i])
                    {
                        correctArcs++;
                    }
                }
            }
            log?.Invoke($"parser epoch {epoch}: training LAS (while exploring) {100.0 * correctArcs / arcs:F2} %");
        }
        return trainer.Finish();
    }

    internal static ParserWord[] Inputs(TrainingSentence s, Tagger? tagger)
    {
        var words = new ParserWord[s.Count];
        if (tagger is null)
        {
            for (int i = 0; i < s.Count; i++)
            {
                words[i] = ParserWord.Create(s.Forms[i], s.Upos[i], s.Xpos[i], s.Feats[i]);
            }
            return words;
        }
        var forms = s.Forms.Select(f => f.AsMemory()).ToArray();
        var infos = new WordInfo[s.Count];
        var tagged = new TaggedWord[s.Count];
        tagger.Tag(forms, infos, tagged);
        for (int i = 0; i < s.Count; i++)
        {
            words[i] = ParserWord.Create(s.Forms[i], tagger.UposLabels[tagged[i].Upos], tagger.XposLabels[tagged[i].Xpos], tagged[i].Feats);
        }
        return words;
    }
}
