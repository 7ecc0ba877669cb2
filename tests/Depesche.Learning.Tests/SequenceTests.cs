using Depesche.Learning;
using Depesche.Learning.Sequence;

namespace Depesche.Tests;

public class SequenceTests
{
    private static readonly BioLabels Labels = new(["PER", "LOC"]);

    [Fact]
    public void Bio_labels_allow_inside_only_after_the_same_type()
    {
        Assert.Equal(new[] { "O", "B-PER", "I-PER", "B-LOC", "I-LOC" }, Labels.Labels.ToArray());
        int bPer = Labels.IndexOf("B-PER"), iPer = Labels.IndexOf("I-PER"), iLoc = Labels.IndexOf("I-LOC");
        Assert.True(Labels.Allowed(bPer)[iPer]);
        Assert.True(Labels.Allowed(iPer)[iPer]);
        Assert.False(Labels.Allowed(bPer)[iLoc]);
        Assert.False(Labels.Allowed(0)[iPer]);
        Assert.False(Labels.Allowed(Labels.Start)[iPer]);
        Assert.True(Labels.Allowed(Labels.Start)[bPer]);
    }

    [Fact]
    public void Spans_read_bio_sequences_like_the_scorer()
    {
        // O B-PER I-PER B-PER I-LOC O I-LOC
        int[] seq = [0, 1, 2, 1, 4, 0, 4];
        var spans = BioLabels.Spans(seq);
        Assert.Equal([(1, 3, 0), (3, 4, 0), (4, 5, 1), (6, 7, 1)], spans);
    }

    /// <summary>A toy language: words starting with 'p' are persons (a following 'q…' word continues them), 'l…' words are places.</summary>
    private static List<SequenceExample> Toy(int count, ulong seed)
    {
        var rng = new SeededRandom(seed);
        string[] plain = ["und", "sagte", "in", "der", "heute", "dort"];
        var result = new List<SequenceExample>();
        for (int s = 0; s < count; s++)
        {
            int n = 3 + rng.NextInt(6);
            var words = new List<string>();
            var gold = new List<int>();
            while (words.Count < n)
            {
                int r = rng.NextInt(10);
                if (r < 2)
                {
                    words.Add("p" + rng.NextInt(50));
                    gold.Add(1);
                    if (rng.NextInt(2) == 0)
                    {
                        words.Add("q" + rng.NextInt(50));
                        gold.Add(2);
                    }
                }
                else if (r < 4)
                {
                    words.Add("l" + rng.NextInt(50));
                    gold.Add(3);
                }
                else
                {
                    words.Add(plain[rng.NextInt(plain.Length)]);
                    gold.Add(0);
                }
            }
            result.Add(Featurise(words, [.. gold]));
        }
        return result;
    }

    private static SequenceExample Featurise(List<string> words, int[]? gold)
    {
        var features = new List<ulong>();
        var offsets = new List<int>();
        var keys = new List<ulong>();
        foreach (string w in words)
        {
            offsets.Add(features.Count);
            features.Add(FeatureHash.Feature(1, 0));
            features.Add(FeatureHash.Feature(2, FeatureHash.Chars(w)));
            features.Add(FeatureHash.Feature(3, FeatureHash.Chars(w.AsSpan(0, 1))));
            keys.Add(FeatureHash.Chars(w));
            keys.Add(FeatureHash.Chars(w.AsSpan(0, 1)));
        }
        offsets.Add(features.Count);
        return new SequenceExample([.. features], [.. offsets], [.. keys], gold);
    }

    [Fact]
    public void Training_is_deterministic_and_learns_the_toy_language()
    {
        var data = Toy(300, 7);
        var a = ModelFile.ToBytes(GreedySequenceModel.Train("toy-1", Labels, 12, data, seed: 3, epochs: 4));
        var b = ModelFile.ToBytes(GreedySequenceModel.Train("toy-1", Labels, 12, data, seed: 3, epochs: 4));
        Assert.Equal(a, b);

        var model = new GreedySequenceModel(ModelFile.Read(a, "toy"));
        var test = Featurise(["und", "p7", "q3", "sagte", "in", "l9"], null);
        var labels = new int[test.Count];
        var confidence = new float[test.Count];
        model.Decode(test, labels, confidence);
        Assert.Equal([0, 1, 2, 0, 0, 3], labels);
        Assert.All(confidence, c => Assert.InRange(c, 0f, 1f));
    }

    [Fact]
    public void Domain_augmented_training_marks_the_model_and_still_decodes()
    {
        var data = Toy(200, 11);
        var other = Toy(200, 12).Select(e => new SequenceExample(e.Features, e.Offsets, e.Keys, e.Gold, domain: 1)).ToList();
        var model = GreedySequenceModel.Train("toy-1", Labels, 12, [.. data, .. other], seed: 1, epochs: 3, augment: true);
        var seq = new GreedySequenceModel(ModelFile.Read(ModelFile.ToBytes(model), "toy"));
        Assert.True(seq.Augmented);
        var test = Featurise(["p1", "q2", "und", "l3"], null);
        var labels = new int[test.Count];
        seq.Decode(test, labels, default);
        Assert.Equal([1, 2, 0, 3], labels);
    }

    [Fact]
    public void A_model_without_bio_labels_is_DEP0100()
    {
        var trainer = new PerceptronTrainer("toy-1", 8, [(GreedySequenceModel.GroupName, ["O", "X", "Y"])]);
        var ex = Assert.Throws<DepescheException>(() => new GreedySequenceModel(trainer.Finish()));
        Assert.Equal(ErrorCodes.ModelInvalid, ex.Code);
    }

    [Fact]
    public void Training_without_examples_is_DEP0104()
    {
        var ex = Assert.Throws<DepescheException>(() => GreedySequenceModel.Train("toy-1", Labels, 8, [], 1, 1));
        Assert.Equal(ErrorCodes.TrainingDataInvalid, ex.Code);
    }

    [Fact]
    public void Beam_training_is_deterministic_records_its_width_and_learns_the_toy_language()
    {
        var data = Toy(300, 7);
        var a = ModelFile.ToBytes(GreedySequenceModel.Train("toy-1", Labels, 12, data, seed: 3, epochs: 4, beam: 4));
        var b = ModelFile.ToBytes(GreedySequenceModel.Train("toy-1", Labels, 12, data, seed: 3, epochs: 4, beam: 4));
        Assert.Equal(a, b);
        var model = new GreedySequenceModel(ModelFile.Read(a, "toy"));
        Assert.Equal(4, model.BeamWidth);
        var test = Featurise(["und", "p7", "q3", "sagte", "in", "l9", "p1"], null);
        var labels = new int[test.Count];
        var confidence = new float[test.Count];
        model.Decode(test, labels, confidence);
        Assert.Equal([0, 1, 2, 0, 0, 3, 1], labels);
        Assert.All(confidence, c => Assert.InRange(c, 0f, 1f));
        var greedy = new GreedySequenceModel(GreedySequenceModel.Train("toy-1", Labels, 12, data, seed: 3, epochs: 1));
        Assert.Equal(1, greedy.BeamWidth);
    }

    [Fact]
    public void A_beam_of_one_decodes_like_the_greedy_decoder()
    {
        // Weak training (one epoch on few sentences) leaves mistakes, so that both decoders are compared on non-trivial output.
        var model = new GreedySequenceModel(GreedySequenceModel.Train("toy-1", Labels, 10, Toy(20, 5), seed: 1, epochs: 1));
        foreach (var ex in Toy(50, 99))
        {
            var greedy = new int[ex.Count];
            var beam = new int[ex.Count];
            model.Decode(ex, greedy, default);
            BeamSearch.Run(new ModelScorer(model.Model), model.Labels, model.Model.Group(GreedySequenceModel.GroupName), model.Model.Width, 1, false, 0,
                ex.Features, ex.Offsets, ex.Keys, default, beam, default);
            Assert.Equal(greedy, beam);
        }
    }

    [Fact]
    public void Beam_search_keeps_bio_sequences_well_formed()
    {
        var model = new GreedySequenceModel(GreedySequenceModel.Train("toy-1", Labels, 10, Toy(30, 5), seed: 2, epochs: 2, beam: 3));
        foreach (var ex in Toy(50, 123))
        {
            var labels = new int[ex.Count];
            model.Decode(ex, labels, default);
            int prev = Labels.Start;
            foreach (int l in labels)
            {
                Assert.True(Labels.Allowed(prev)[l]);
                prev = l;
            }
        }
    }
}
