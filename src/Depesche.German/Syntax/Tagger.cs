using System.Collections.Concurrent;
using System.Text;
using Depesche.Learning;

namespace Depesche.German.Syntax;

/// <summary>A tagged word: indexes into the tagger's label sets, the FEATS string (shared, not allocated per word) and the lemma (null = the form itself).</summary>
public struct TaggedWord
{
    public int Upos;
    public int Xpos;
    public string Feats;
    public string? Lemma;
}

/// <summary>
/// Greedy left-to-right tagger: one averaged-perceptron model whose rows hold three kinds of label
/// groups decided together — UPOS, STTS (XPOS) and one group per morphological attribute (Case,
/// Number, …, each with "_" for absent). The lexicon's classes and readings are features.
/// </summary>
public sealed class Tagger
{
    public const string FeatureSetId = "de-tagger-1";
    private const int MaxFeatures = 48;
    private const int RowBits = 16;

    private readonly LinearModel _model;
    private readonly LabelGroup _upos;
    private readonly LabelGroup _xpos;
    private readonly LabelGroup[] _attrs;
    private readonly string[] _attrNames;
    private readonly bool[][] _allowed; // [upos][attr]
    private readonly int _caseAttr, _genderAttr, _numberAttr;
    private readonly ConcurrentDictionary<UInt128, string> _featsCache = new();

    private Tagger(LinearModel model, Lexicon lexicon)
    {
        _model = model;
        Lexicon = lexicon;
        _upos = model.Group("upos");
        _xpos = model.Group("xpos");
        _attrs = [.. model.Groups.Where(g => g.Name.StartsWith("f:", StringComparison.Ordinal))];
        _attrNames = [.. _attrs.Select(g => g.Name[2..])];
        _caseAttr = Array.IndexOf(_attrNames, "Case");
        _genderAttr = Array.IndexOf(_attrNames, "Gender");
        _numberAttr = Array.IndexOf(_attrNames, "Number");
        _allowed = new bool[_upos.Count][];
        for (int u = 0; u < _upos.Count; u++)
        {
            _allowed[u] = new bool[_attrs.Length];
        }
        var section = model.Section("allowed") ?? throw new DepescheException(ErrorCodes.ModelInvalid, "the tagger model has no 'allowed' section");
        foreach (var line in Encoding.UTF8.GetString(section).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = line.Split('\t');
            int u = _upos.IndexOf(p[0]);
            int a = Array.IndexOf(_attrNames, p.Length > 1 ? p[1] : "");
            if (u < 0 || a < 0)
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, "the tagger model's 'allowed' section names unknown labels");
            }
            _allowed[u][a] = true;
        }
        Lemmatizer = Lemmatizer.Deserialize(model.Section("lemmas") ?? throw new DepescheException(ErrorCodes.ModelInvalid, "the tagger model has no 'lemmas' section"));
    }

    public static Tagger FromModel(LinearModel model, Lexicon lexicon)
    {
        if (model.FeatureSet != FeatureSetId)
        {
            throw new DepescheException(ErrorCodes.ModelMismatch, $"a '{model.FeatureSet}' model is not a tagger model ({FeatureSetId})");
        }
        return new Tagger(model, lexicon);
    }

    public Lexicon Lexicon { get; }

    public Lemmatizer Lemmatizer { get; }

    public LinearModel Model => _model;

    public IReadOnlyList<string> UposLabels => _upos.Labels;

    public IReadOnlyList<string> XposLabels => _xpos.Labels;

    public int Width => _model.Width;

    /// <summary>Tags one sentence. <paramref name="infos"/> and <paramref name="output"/> have the sentence's length.</summary>
    public void Tag(ReadOnlySpan<ReadOnlyMemory<char>> words, Span<WordInfo> infos, Span<TaggedWord> output)
    {
        int n = words.Length;
        for (int i = 0; i < n; i++)
        {
            WordFeatures.Compute(Lexicon, words[i].Span, i == 0, ref infos[i]);
        }
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<float> scores = _model.Width <= 1024 ? stackalloc float[_model.Width] : new float[_model.Width];
        Span<int> uposPred = n <= 256 ? stackalloc int[n] : new int[n];
        Span<ulong> morphPred = n <= 256 ? stackalloc ulong[n] : new ulong[n];
        Span<int> attrValues = stackalloc int[_attrs.Length];
        for (int i = 0; i < n; i++)
        {
            int count = Features(infos, i, uposPred, morphPred, feats);
            _model.Score(feats[..count], scores);
            int u = LinearModel.ArgMax(scores, _upos);
            uposPred[i] = u;
            output[i].Upos = u;
            output[i].Xpos = LinearModel.ArgMax(scores, _xpos);
            for (int a = 0; a < _attrs.Length; a++)
            {
                attrValues[a] = _allowed[u][a] ? LinearModel.ArgMax(scores, _attrs[a]) : 0;
            }
            morphPred[i] = MorphHash(attrValues);
            output[i].Feats = FeatsString(attrValues);
            output[i].Lemma = Lemmatizer.Lemmatize(words[i].Span, _upos.Labels[u], Lexicon, infos[i]);
        }
    }

    private ulong MorphHash(ReadOnlySpan<int> values)
    {
        ulong h = 77;
        if (_caseAttr >= 0)
        {
            h = h * 31 + (ulong)values[_caseAttr];
        }
        if (_genderAttr >= 0)
        {
            h = h * 31 + (ulong)values[_genderAttr];
        }
        if (_numberAttr >= 0)
        {
            h = h * 31 + (ulong)values[_numberAttr];
        }
        return h;
    }

    private string FeatsString(ReadOnlySpan<int> values)
    {
        UInt128 key = 0;
        for (int a = 0; a < values.Length; a++)
        {
            key = (key << 5) | (uint)values[a];
        }
        if (_featsCache.TryGetValue(key, out string? s))
        {
            return s;
        }
        var parts = new List<string>();
        for (int a = 0; a < values.Length; a++)
        {
            if (values[a] > 0)
            {
                parts.Add(_attrNames[a] + "=" + _attrs[a].Labels[values[a]]);
            }
        }
        parts.Sort(StringComparer.OrdinalIgnoreCase);
        s = parts.Count == 0 ? "_" : string.Join("|", parts);
        return _featsCache.GetOrAdd(key, s);
    }

    private const ulong Bos = 0xB05B05B05UL;
    private const ulong Eos = 0xE05E05E05UL;

    internal static int Features(ReadOnlySpan<WordInfo> w, int i, ReadOnlySpan<int> upos, ReadOnlySpan<ulong> morph, Span<ulong> f)
    {
        int k = 0;
        ref readonly var c = ref w[i];
        ulong l1 = i > 0 ? w[i - 1].Lower : Bos;
        ulong l2 = i > 1 ? w[i - 2].Lower : Bos;
        ulong r1 = i + 1 < w.Length ? w[i + 1].Lower : Eos;
        ulong r2 = i + 2 < w.Length ? w[i + 2].Lower : Eos;
        ulong t1 = i > 0 ? (ulong)upos[i - 1] : 99;
        ulong t2 = i > 1 ? (ulong)upos[i - 2] : 99;
        ulong m1 = i > 0 ? morph[i - 1] : 99;
        ulong mask1 = i > 0 ? (ulong)w[i - 1].Mask : 0xFFFF;
        ulong maskR1 = i + 1 < w.Length ? (ulong)w[i + 1].Mask : 0xFFFF;
        ulong mask = (ulong)c.MaskExact | ((ulong)c.MaskVariant << 16);
        f[k++] = FeatureHash.Feature(1, 0);
        f[k++] = FeatureHash.Feature(2, c.Form);
        f[k++] = FeatureHash.Feature(3, c.Lower);
        if (c.Suffix1 != 0) { f[k++] = FeatureHash.Feature(4, c.Suffix1); }
        if (c.Suffix2 != 0) { f[k++] = FeatureHash.Feature(5, c.Suffix2); }
        if (c.Suffix3 != 0) { f[k++] = FeatureHash.Feature(6, c.Suffix3); }
        if (c.Suffix4 != 0) { f[k++] = FeatureHash.Feature(7, c.Suffix4); }
        if (c.Suffix5 != 0) { f[k++] = FeatureHash.Feature(8, c.Suffix5); }
        if (c.Prefix3 != 0) { f[k++] = FeatureHash.Feature(9, c.Prefix3); }
        f[k++] = FeatureHash.Feature(10, c.Shape);
        f[k++] = FeatureHash.Feature(11, l1);
        f[k++] = FeatureHash.Feature(12, r1);
        f[k++] = FeatureHash.Feature(13, l2);
        f[k++] = FeatureHash.Feature(14, r2);
        f[k++] = FeatureHash.Feature(15, t1);
        f[k++] = FeatureHash.Feature(16, t1, t2);
        f[k++] = FeatureHash.Feature(17, t1, c.Lower);
        f[k++] = FeatureHash.Feature(18, mask);
        f[k++] = FeatureHash.Feature(19, mask1, mask);
        f[k++] = FeatureHash.Feature(20, mask, maskR1);
        f[k++] = FeatureHash.Feature(21, c.Signature);
        f[k++] = FeatureHash.Feature(22, (ulong)c.MaskHead, c.Suffix3);
        f[k++] = FeatureHash.Feature(23, mask, t1);
        f[k++] = FeatureHash.Feature(24, m1, t1);
        f[k++] = FeatureHash.Feature(25, m1, c.Suffix2);
        f[k++] = FeatureHash.Feature(26, (ulong)c.Flags);
        f[k++] = FeatureHash.Feature(27, (ulong)c.Flags, mask);
        f[k++] = FeatureHash.Feature(28, i + 1 < w.Length ? w[i + 1].Suffix3 : Eos);
        f[k++] = FeatureHash.Feature(29, i > 0 ? w[i - 1].Suffix3 : Bos, c.Suffix3);
        f[k++] = FeatureHash.Feature(30, c.Lower, r1);
        f[k++] = FeatureHash.Feature(31, l1, c.Lower);
        f[k++] = FeatureHash.Feature(32, t1, r1);
        f[k++] = FeatureHash.Feature(33, (ulong)c.Length > 12 ? 12 : (ulong)c.Length, mask);
        f[k++] = FeatureHash.Feature(34, c.Signature, t1);
        f[k++] = FeatureHash.Feature(35, (ulong)c.MaskHead, c.Lower == 0 ? 0 : (ulong)(c.Flags & 1));
        return k;
    }

    // ---------------- training ----------------

    /// <summary>Trains a tagger model. Deterministic: the same sentences, lexicon, seed and epochs give the same model.</summary>
    /// <param name="lemmasFromLexicon">Also learn suffix edit scripts from every lexicon entry (slower; off for the helper taggers of jackknifing).</param>
    public static LinearModel Train(Lexicon lexicon, IReadOnlyList<TrainingSentence> sentences, int seed, int epochs, Action<string>? log = null, bool lemmasFromLexicon = true)
    {
        if (sentences.Count == 0)
        {
            throw new DepescheException(ErrorCodes.TrainingDataInvalid, "no training sentences");
        }
        var uposSet = new SortedSet<string>(StringComparer.Ordinal);
        var xposSet = new SortedSet<string>(StringComparer.Ordinal) { "_" };
        var attrCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var attrValues = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            for (int i = 0; i < s.Count; i++)
            {
                uposSet.Add(s.Upos[i]);
                if (s.HasStts)
                {
                    xposSet.Add(s.Xpos[i]);
                }
                foreach (var (a, v) in ParseFeats(s.Feats[i]))
                {
                    attrCounts[a] = attrCounts.GetValueOrDefault(a) + 1;
                    if (!attrValues.TryGetValue(a, out var set))
                    {
                        attrValues[a] = set = new(StringComparer.Ordinal);
                    }
                    set.Add(v);
                }
            }
        }
        // Attributes seen often enough to learn, at most 20 values each.
        var attrs = attrCounts.Where(kv => kv.Value >= 20 && attrValues[kv.Key].Count < 31).Select(kv => kv.Key).Order(StringComparer.Ordinal).Take(24).ToList();
        foreach (var s in sentences)
        {
            for (int i = 0; i < s.Count; i++)
            {
                foreach (var (a, _) in ParseFeats(s.Feats[i]))
                {
                    if (attrs.Contains(a))
                    {
                        allowed.Add(s.Upos[i] + "\t" + a);
                    }
                }
            }
        }
        var groups = new List<(string, IReadOnlyList<string>)>
        {
            ("upos", uposSet.ToList()),
            ("xpos", xposSet.ToList()),
        };
        foreach (string a in attrs)
        {
            groups.Add(("f:" + a, new[] { "_" }.Concat(attrValues[a]).ToList()));
        }
        var trainer = new PerceptronTrainer(FeatureSetId, RowBits, groups);
        var gUpos = trainer.Group("upos");
        var gXpos = trainer.Group("xpos");
        var gAttrs = attrs.Select(a => trainer.Group("f:" + a)).ToArray();
        int caseA = attrs.IndexOf("Case"), genderA = attrs.IndexOf("Gender"), numberA = attrs.IndexOf("Number");
        // As when tagging: an attribute the predicted UPOS never carries counts as absent in the history features.
        var allowedFor = gUpos.Labels.Select(u => attrs.Select(a => allowed.Contains(u + "\t" + a)).ToArray()).ToArray();

        // Gold label indexes per sentence, computed once.
        var gold = sentences.Select(s =>
        {
            var u = new int[s.Count];
            var x = new int[s.Count];
            var m = new int[s.Count, attrs.Count];
            for (int i = 0; i < s.Count; i++)
            {
                u[i] = gUpos.IndexOf(s.Upos[i]);
                x[i] = s.HasStts ? gXpos.IndexOf(s.Xpos[i]) : -1;
                var fv = ParseFeats(s.Feats[i]).ToDictionary(p => p.Attr, p => p.Value, StringComparer.Ordinal);
                for (int a = 0; a < attrs.Count; a++)
                {
                    m[i, a] = fv.TryGetValue(attrs[a], out string? v) ? gAttrs[a].IndexOf(v) : 0;
                }
            }
            return (u, x, m);
        }).ToArray();
        var infos = sentences.Select(s =>
        {
            var arr = new WordInfo[s.Count];
            for (int i = 0; i < s.Count; i++)
            {
                WordFeatures.Compute(lexicon, s.Forms[i], i == 0, ref arr[i]);
            }
            return arr;
        }).ToArray();

        var rng = new SeededRandom((ulong)seed);
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        var feats = new ulong[MaxFeatures];
        var scores = new float[trainer.Width];
        var values = new int[attrs.Count];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            rng.Shuffle(order);
            int correct = 0, total = 0;
            foreach (int si in order)
            {
                var w = infos[si];
                var (gu, gx, gm) = gold[si];
                var uposPred = new int[w.Length];
                var morphPred = new ulong[w.Length];
                for (int i = 0; i < w.Length; i++)
                {
                    int count = Features(w, i, uposPred, morphPred, feats);
                    var fs = feats.AsSpan(0, count);
                    trainer.Score(fs, scores);
                    int pu = LinearModel.ArgMax(scores, gUpos);
                    trainer.Update(fs, gUpos, gu[i], pu);
                    if (pu == gu[i])
                    {
                        correct++;
                    }
                    total++;
                    if (gx[i] >= 0)
                    {
                        trainer.Update(fs, gXpos, gx[i], LinearModel.ArgMax(scores, gXpos));
                    }
                    for (int a = 0; a < attrs.Count; a++)
                    {
                        int pa = LinearModel.ArgMax(scores, gAttrs[a]);
                        trainer.Update(fs, gAttrs[a], gm[i, a], pa);
                        values[a] = allowedFor[pu][a] ? pa : 0;
                    }
                    trainer.Tick();
                    uposPred[i] = pu;
                    ulong h = 77;
                    h = caseA >= 0 ? h * 31 + (ulong)values[caseA] : h;
                    h = genderA >= 0 ? h * 31 + (ulong)values[genderA] : h;
                    h = numberA >= 0 ? h * 31 + (ulong)values[numberA] : h;
                    morphPred[i] = h;
                }
            }
            log?.Invoke($"tagger epoch {epoch}: training UPOS {100.0 * correct / total:F2} %");
        }

        var lemmaPairs = sentences.SelectMany(s => Enumerable.Range(0, s.Count).Select(i => (s.Forms[i], s.Upos[i], s.Lemmas[i])));
        var lexPairs = LexiconEntries.All(lexicon).Select(e => (e.Form, UposOf(e.Class), e.Lemma)).Where(e => e.Item2 is not null).Select(e => (e.Form, e.Item2!, e.Lemma));
        var lemmatizer = Lemmatizer.Learn(lemmaPairs, lemmasFromLexicon ? lexPairs : []);
        log?.Invoke($"lemmatiser: {lemmatizer.MemoryCount} remembered forms, {lemmatizer.ScriptCount} suffix scripts");
        return trainer.Finish(
        [
            new("allowed", Encoding.UTF8.GetBytes(string.Join("\n", allowed) + "\n")),
            new("lemmas", lemmatizer.Serialize()),
        ]);
    }

    private static string? UposOf(LexClass c) => c switch
    {
        LexClass.Noun => "NOUN",
        LexClass.AdjectiveBase or LexClass.AdjectiveDeclined => "ADJ",
        LexClass.VerbPresentParticiple => null,
        _ => "VERB",
    };

    internal static IEnumerable<(string Attr, string Value)> ParseFeats(string feats)
    {
        if (feats is "_" or "")
        {
            yield break;
        }
        foreach (string part in feats.Split('|'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                yield return (part[..eq], part[(eq + 1)..]);
            }
        }
    }
}

/// <summary>A training sentence's gold columns (syntactic words of CoNLL-U).</summary>
public sealed class TrainingSentence
{
    public TrainingSentence(ConlluSentence s, bool hasStts)
    {
        int n = s.Words.Count;
        Forms = [.. Enumerable.Range(0, n).Select(s.Form)];
        Lemmas = [.. Enumerable.Range(0, n).Select(s.Lemma)];
        Upos = [.. Enumerable.Range(0, n).Select(s.Upos)];
        Xpos = [.. Enumerable.Range(0, n).Select(s.Xpos)];
        Feats = [.. Enumerable.Range(0, n).Select(s.Feats)];
        Heads = [.. Enumerable.Range(0, n).Select(s.Head)];
        Deprels = [.. Enumerable.Range(0, n).Select(s.Deprel)];
        HasStts = hasStts;
    }

    public int Count => Forms.Length;
    public string[] Forms { get; }
    public string[] Lemmas { get; }
    public string[] Upos { get; }
    public string[] Xpos { get; }
    public string[] Feats { get; }
    public int[] Heads { get; }
    public string[] Deprels { get; }

    /// <summary>Whether the XPOS column holds STTS tags (German-GSD does; German-PUD has English PTB tags there).</summary>
    public bool HasStts { get; }

    /// <summary>Reads training sentences from CoNLL-U files; a file's XPOS counts as STTS when its punctuation tags start with '$'.</summary>
    public static List<TrainingSentence> Load(IEnumerable<string> paths)
    {
        var result = new List<TrainingSentence>();
        foreach (string path in paths)
        {
            var sentences = Conllu.ReadFile(path);
            bool stts = sentences.Any(s => s.Words.Any(w => w.Columns[4].StartsWith('$')));
            result.AddRange(sentences.Select(s => new TrainingSentence(s, stts)));
        }
        return result;
    }
}
