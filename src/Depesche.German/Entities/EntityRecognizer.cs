using System.Buffers;
using Depesche.German.Syntax;
using Depesche.Learning;
using Depesche.Learning.Clustering;
using Depesche.Learning.Sequence;

namespace Depesche.German.Entities;

/// <summary>
/// The learned entity recogniser: GermEval 2014 outer-level BIO labels per token, decided greedily left
/// to right by an averaged perceptron (<see cref="GreedySequenceModel"/>) over <see cref="EntityFeatures"/>.
/// Thread-safe: each call uses its own scratch buffers.
/// </summary>
public sealed class EntityRecognizer
{
    public const string FeatureSetId = "de-ner-2";
    /// <summary>The default number of row bits (2^RowBits weight rows per model).</summary>
    public const int RowBits = 17;

    private readonly GreedySequenceModel _model;
    [ThreadStatic] private static EntityFeatures.Buffers? t_buffers;

    /// <summary>Names the model section that holds the auxiliary recogniser's model file.</summary>
    public const string AuxiliarySection = "auxiliary";

    private readonly GreedySequenceModel? _auxiliary;

    /// <summary>Names the model section that holds the word classes the model was trained with (a word-clusters file).</summary>
    public const string ClustersSection = "clusters";

    private readonly WordClusters? _clusters;

    private EntityRecognizer(LinearModel model, Syntax.Lexicon lexicon, IGazetteer gazetteer)
    {
        _model = new GreedySequenceModel(model);
        if (model.Section(AuxiliarySection) is { } aux)
        {
            _auxiliary = new GreedySequenceModel(ModelFile.Read(aux, "the entity model's auxiliary section", FeatureSetId));
        }
        if (model.Section(ClustersSection) is { } clusters)
        {
            _clusters = WordClusters.FromBytes(clusters, "the entity model's clusters section");
        }
        Lexicon = lexicon;
        Gazetteer = gazetteer;
        if (_model.Labels.Types.Length != EntityLabels.Types.Count || !_model.Labels.Types.SequenceEqual(EntityLabels.Types))
        {
            throw new DepescheException(ErrorCodes.ModelMismatch, "the entity model's types are not GermEval 2014's outer-level types");
        }
    }

    public static EntityRecognizer FromModel(LinearModel model, Syntax.Lexicon lexicon, IGazetteer? gazetteer = null)
    {
        if (model.FeatureSet != FeatureSetId)
        {
            throw new DepescheException(ErrorCodes.ModelMismatch, $"a '{model.FeatureSet}' model is not an entity model ({FeatureSetId})");
        }
        return new EntityRecognizer(model, lexicon, gazetteer ?? KnowledgeGazetteer.Default);
    }

    public Syntax.Lexicon Lexicon { get; }

    public IGazetteer Gazetteer { get; }

    public LinearModel Model => _model.Model;

    public BioLabels Labels => _model.Labels;

    /// <summary>
    /// Labels one sentence. <paramref name="upos"/> holds each token's universal part of speech (null when unknown);
    /// <paramref name="labels"/> receives indexes into <see cref="Labels"/>, <paramref name="confidence"/> (may be empty) each label's probability.
    /// </summary>
    public void Recognize(ReadOnlySpan<ReadOnlyMemory<char>> tokens, ReadOnlySpan<string?> upos, Span<int> labels, Span<float> confidence)
    {
        int n = tokens.Length;
        if (n == 0)
        {
            return;
        }
        var b = t_buffers ??= new EntityFeatures.Buffers();
        b.Ensure(n);
        for (int i = 0; i < n; i++)
        {
            b.Pos[i] = EntityFeatures.PosHash(upos[i]);
        }
        EntityFeatures.Extract(Lexicon, Gazetteer, _clusters, tokens, b, infosReady: false);
        if (_auxiliary is null)
        {
            _model.Decode(b.Features.AsSpan(0, b.Offsets[n]), b.Offsets.AsSpan(0, n + 1), b.Keys.AsSpan(0, 2 * n), labels, confidence);
            return;
        }
        _auxiliary.Decode(b.Features.AsSpan(0, b.Offsets[n]), b.Offsets.AsSpan(0, n + 1), b.Keys.AsSpan(0, 2 * n), b.Aux.AsSpan(0, n), default);
        EntityFeatures.Stack(tokens, b);
        _model.Decode(b.Stacked.AsSpan(0, b.StackedOffsets[n]), b.StackedOffsets.AsSpan(0, n + 1), b.Keys.AsSpan(0, 2 * n), labels, confidence);
    }

    /// <summary>Whether this recogniser stacks on an auxiliary one trained on other corpora.</summary>
    public bool IsStacked => _auxiliary is not null;

    /// <summary>Tags a sentence with <paramref name="tagger"/> and labels it (for pre-tokenised input such as <c>ner --conll</c>).</summary>
    public void Recognize(Tagger tagger, ReadOnlySpan<ReadOnlyMemory<char>> tokens, Span<int> labels)
    {
        int n = tokens.Length;
        var upos = ArrayPool<string?>.Shared.Rent(n);
        try
        {
            TagTokens(tagger, tokens, upos);
            Recognize(tokens, upos.AsSpan(0, n), labels, default);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(upos, clearArray: true);
        }
    }

    /// <summary>Each token's universal part of speech from <paramref name="tagger"/> (tokens tagged as words, contractions not split).</summary>
    public static void TagTokens(Tagger tagger, ReadOnlySpan<ReadOnlyMemory<char>> tokens, string?[] upos)
    {
        int n = tokens.Length;
        var infos = ArrayPool<WordInfo>.Shared.Rent(n);
        var tagged = ArrayPool<TaggedWord>.Shared.Rent(n);
        try
        {
            tagger.Tag(tokens, infos.AsSpan(0, n), tagged.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                upos[i] = tagger.UposLabels[tagged[i].Upos];
            }
        }
        finally
        {
            ArrayPool<WordInfo>.Shared.Return(infos);
            ArrayPool<TaggedWord>.Shared.Return(tagged, clearArray: true);
        }
    }

    // ---------------- training ----------------

    /// <summary>Turns labelled sentences into training examples (tags them with <paramref name="tagger"/> for the part-of-speech features).</summary>
    /// <param name="auxiliary">When given, its predictions become features (stacking).</param>
    /// <param name="clusters">Word classes for features (then pass the same to <see cref="Train"/>).</param>
    public static List<SequenceExample> Prepare(IEnumerable<NerSentence> sentences, Tagger tagger, IGazetteer gazetteer, BioLabels labels, int domain = 0, LinearModel? auxiliary = null, WordClusters? clusters = null)
    {
        var aux = auxiliary is null ? null : new GreedySequenceModel(auxiliary);
        var result = new List<SequenceExample>();
        var b = new EntityFeatures.Buffers();
        foreach (var s in sentences)
        {
            int n = s.Count;
            if (n == 0)
            {
                continue;
            }
            var tokens = s.Tokens.Select(t => t.AsMemory()).ToArray();
            var upos = new string?[n];
            TagTokens(tagger, tokens, upos);
            b.Ensure(n);
            for (int i = 0; i < n; i++)
            {
                b.Pos[i] = EntityFeatures.PosHash(upos[i]);
            }
            EntityFeatures.Extract(tagger.Lexicon, gazetteer, clusters, tokens, b, infosReady: false);
            int[]? gold = null;
            if (s.Labels is not null)
            {
                gold = new int[n];
                for (int i = 0; i < n; i++)
                {
                    gold[i] = labels.IndexOf(s.Labels[i]);
                    if (gold[i] < 0)
                    {
                        throw new DepescheException(ErrorCodes.TrainingDataInvalid, $"unknown entity label '{s.Labels[i]}'");
                    }
                }
                // A stray I-X after something else starts the span, as scorers read it.
                for (int i = 0; i < n; i++)
                {
                    int prev = i == 0 ? labels.Start : gold[i - 1];
                    if (!labels.Allowed(prev)[gold[i]])
                    {
                        gold[i] -= 1;
                    }
                }
            }
            if (aux is not null)
            {
                aux.Decode(b.Features.AsSpan(0, b.Offsets[n]), b.Offsets.AsSpan(0, n + 1), b.Keys.AsSpan(0, 2 * n), b.Aux.AsSpan(0, n), default);
                EntityFeatures.Stack(tokens, b);
                result.Add(new SequenceExample(b.Stacked[..b.StackedOffsets[n]], b.StackedOffsets[..(n + 1)], b.Keys[..(2 * n)], gold, domain));
                continue;
            }
            result.Add(new SequenceExample(b.Features[..b.Offsets[n]], b.Offsets[..(n + 1)], b.Keys[..(2 * n)], gold, domain));
        }
        return result;
    }

    /// <summary>Trains a model. Deterministic: the same sentences (in order), tagger, gazetteer, seed and epochs give a byte-identical model file.</summary>
    /// <remarks>When the examples come from more than one domain, features are domain-augmented (see <see cref="GreedySequenceModel.Augmented"/>).</remarks>
    /// <param name="auxiliary">The auxiliary model the examples were stacked on (stored inside the result).</param>
    /// <param name="clusters">The word classes the examples were prepared with (stored inside the result).</param>
    public static LinearModel Train(IReadOnlyList<SequenceExample> examples, int seed, int epochs, Action<string>? log = null, Action<int, LinearModel>? afterEpoch = null, LinearModel? auxiliary = null, int rowBits = RowBits, WordClusters? clusters = null, int beam = 1)
    {
        var sections = new List<KeyValuePair<string, byte[]>>();
        if (auxiliary is not null)
        {
            sections.Add(new(AuxiliarySection, ModelFile.ToBytes(auxiliary)));
        }
        if (clusters is not null)
        {
            sections.Add(new(ClustersSection, clusters.ToBytes()));
        }
        return GreedySequenceModel.Train(FeatureSetId, new BioLabels(EntityLabels.Types), rowBits, examples, seed, epochs, log, afterEpoch,
            sections, augment: examples.Any(e => e.Domain != 0), beam: beam);
    }

    /// <summary>Labels prepared examples (for development figures).</summary>
    public int[] Decode(SequenceExample example)
    {
        var labels = new int[example.Count];
        _model.Decode(example, labels, default);
        return labels;
    }
}
