using Depesche.Learning;

namespace Depesche.Tests;

public class FeatureHashTests
{
    [Fact]
    public void Hashes_agree_across_spans_strings_and_case_folding()
    {
        // A span and a string hash alike; lower-casing hashes like the lower-case text.
        Assert.Equal(FeatureHash.Chars("Haus"), FeatureHash.Chars("Haus".AsSpan()));
        Assert.Equal(FeatureHash.Chars("haus"), FeatureHash.LowerChars("HAUS"));
        Assert.NotEqual(FeatureHash.Chars("Haus"), FeatureHash.Chars("haus"));
        Assert.NotEqual(FeatureHash.Feature(1, 5), FeatureHash.Feature(2, 5));
        Assert.NotEqual(FeatureHash.Feature(1, 5, 6), FeatureHash.Feature(1, 6, 5));
    }

    [Fact]
    public void SplitMix_finaliser_matches_the_published_reference_output()
    {
        // SplitMix64 with state 0: the first output is 0xE220A8397B1DCDAF (Vigna's reference implementation).
        Assert.Equal(0xE220A8397B1DCDAFUL, FeatureHash.Mix(0));
    }

    [Fact]
    public void Seeded_random_repeats_for_a_seed_and_differs_between_seeds()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        var c = new SeededRandom(43);
        var sa = Enumerable.Range(0, 20).Select(_ => a.NextUInt64()).ToArray();
        var sb = Enumerable.Range(0, 20).Select(_ => b.NextUInt64()).ToArray();
        var sc = Enumerable.Range(0, 20).Select(_ => c.NextUInt64()).ToArray();
        Assert.Equal(sa, sb);
        Assert.NotEqual(sa, sc);
        var items = Enumerable.Range(0, 50).ToArray();
        new SeededRandom(7).Shuffle(items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
        for (int i = 0; i < 1000; i++)
        {
            double d = a.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999);
            Assert.InRange(a.NextInt(3), 0, 2);
        }
    }
}

public class PerceptronTests
{
    /// <summary>A toy task: the label is the word's last letter class, with noise features; a second group is the word length parity.</summary>
    private static (ulong[] Features, int Label, int Parity)[] Data()
    {
        var rng = new SeededRandom(3);
        string[] endings = ["a", "e", "n"];
        return Enumerable.Range(0, 300).Select(i =>
        {
            int label = rng.NextInt(3);
            int length = 3 + rng.NextInt(6);
            ulong noise = rng.NextUInt64() % 50;
            return (new[] { FeatureHash.Feature(1, FeatureHash.Chars(endings[label])), FeatureHash.Feature(2, (ulong)length), FeatureHash.Feature(3, noise) }, label, length % 2);
        }).ToArray();
    }

    private static LinearModel Train(int seed)
    {
        var trainer = new PerceptronTrainer("toy-1", 8, [("end", ["a", "e", "n"]), ("parity", ["even", "odd"])]);
        var data = Data();
        var rng = new SeededRandom((ulong)seed);
        var scores = new float[trainer.Width];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            rng.Shuffle(data);
            foreach (var (f, label, parity) in data)
            {
                trainer.Score(f, scores);
                trainer.Update(f, trainer.Groups[0], label, LinearModel.ArgMax(scores, trainer.Groups[0]));
                trainer.Update(f, trainer.Groups[1], parity, LinearModel.ArgMax(scores, trainer.Groups[1]));
                trainer.Tick();
            }
        }
        return trainer.Finish([new("note", "toy"u8.ToArray())]);
    }

    [Fact]
    public void Learns_a_separable_task_in_every_group()
    {
        var model = Train(1);
        var scores = new float[model.Width];
        foreach (var (f, label, parity) in Data())
        {
            model.Score(f, scores);
            Assert.Equal(label, LinearModel.ArgMax(scores, model.Group("end")));
            Assert.Equal(parity, LinearModel.ArgMax(scores, model.Group("parity")));
        }
    }

    [Fact]
    public void Same_data_and_seed_give_byte_identical_files_and_another_seed_does_not()
    {
        byte[] a = ModelFile.ToBytes(Train(1));
        byte[] b = ModelFile.ToBytes(Train(1));
        byte[] c = ModelFile.ToBytes(Train(2));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_model_survives_the_round_trip_through_its_file()
    {
        var model = Train(1);
        var back = ModelFile.Read(ModelFile.ToBytes(model), "test", "toy-1");
        Assert.Equal(model.FeatureSet, back.FeatureSet);
        Assert.Equal(model.RowBits, back.RowBits);
        Assert.Equal(model.Groups.Select(g => (g.Name, g.Offset, string.Join(",", g.Labels))), back.Groups.Select(g => (g.Name, g.Offset, string.Join(",", g.Labels))));
        Assert.Equal("toy"u8.ToArray(), back.Section("note"));
        Assert.Null(back.Section("missing"));
        var s1 = new float[model.Width];
        var s2 = new float[model.Width];
        foreach (var (f, _, _) in Data())
        {
            model.Score(f, s1);
            back.Score(f, s2);
            Assert.Equal(s1, s2);
        }
        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(back));
    }

    [Fact]
    public void Argmax_respects_the_allowed_mask()
    {
        var group = new LabelGroup("g", 1, ["x", "y", "z"]);
        float[] scores = [100, 1, 5, 3];
        Assert.Equal(1, LinearModel.ArgMax(scores, group));
        Assert.Equal(2, LinearModel.ArgMax(scores, group, [true, false, true]));
        Assert.Equal(-1, LinearModel.ArgMax(scores, group, [false, false, false]));
    }
}

public class ModelFileErrorTests
{
    private static byte[] Valid() => ModelFile.ToBytes(new PerceptronTrainer("toy-1", 4, [("g", ["a", "b"])]).Finish());

    private static string CodeOf(byte[] bytes, string? expected = null)
        => Assert.Throws<DepescheException>(() => ModelFile.Read(bytes, "bad.dpm", expected)).Code;

    [Fact]
    public void Not_a_model_is_DEP0100()
    {
        Assert.Equal(ErrorCodes.ModelInvalid, CodeOf([]));
        Assert.Equal(ErrorCodes.ModelInvalid, CodeOf("hello world, not a model"u8.ToArray()));
    }

    [Fact]
    public void Truncated_or_damaged_is_DEP0100()
    {
        byte[] ok = Valid();
        Assert.Equal(ErrorCodes.ModelInvalid, CodeOf(ok[..(ok.Length - 3)]));
        Assert.Equal(ErrorCodes.ModelInvalid, CodeOf([.. ok, 0]));
        byte[] flipped = (byte[])ok.Clone();
        flipped[^12] ^= 0x55; // inside the compressed body
        Assert.Equal(ErrorCodes.ModelInvalid, CodeOf(flipped));
        byte[] badSum = (byte[])ok.Clone();
        badSum[^1] ^= 1;
        Assert.Equal(ErrorCodes.ModelInvalid, CodeOf(badSum));
    }

    [Fact]
    public void Another_version_is_DEP0101_and_another_feature_set_DEP0102()
    {
        byte[] v = Valid();
        v[4] = 99;
        Assert.Equal(ErrorCodes.ModelVersion, CodeOf(v));
        Assert.Equal(ErrorCodes.ModelMismatch, CodeOf(Valid(), "de-parser-1"));
    }

    [Fact]
    public void A_missing_file_is_DEP0001()
    {
        var ex = Assert.Throws<DepescheException>(() => ModelFile.Load(Path.Combine(Path.GetTempPath(), "no-such-depesche-model.dpm")));
        Assert.Equal(ErrorCodes.PathNotFound, ex.Code);
    }
}

public class ModelCombinationTests
{
    private static LinearModel Toy(int seed, string featureSet = "toy-2")
    {
        var trainer = new PerceptronTrainer(featureSet, 6, [("g", ["a", "b", "c"])]);
        var rng = new SeededRandom((ulong)seed);
        var scores = new float[trainer.Width];
        for (int i = 0; i < 400; i++)
        {
            int label = rng.NextInt(3);
            ulong[] f = [FeatureHash.Feature(1, (ulong)label), FeatureHash.Feature(2, rng.NextUInt64() % 7)];
            trainer.Score(f, scores);
            trainer.Update(f, trainer.Groups[0], label, LinearModel.ArgMax(scores, trainer.Groups[0]));
            trainer.Tick();
        }
        return trainer.Finish();
    }

    [Fact]
    public void Averaging_gives_the_mean_of_the_scores()
    {
        var a = Toy(1);
        var b = Toy(2);
        var avg = LinearModel.Average([a, b]);
        ulong[] f = [FeatureHash.Feature(1, 2UL), FeatureHash.Feature(2, 3UL)];
        float[] sa = new float[3], sb = new float[3], s = new float[3];
        a.Score(f, sa);
        b.Score(f, sb);
        avg.Score(f, s);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal((sa[i] + sb[i]) / 2, s[i], 4);
        }
        Assert.Equal(ModelFile.ToBytes(a), ModelFile.ToBytes(LinearModel.Average([a])));
        Assert.Throws<ArgumentException>(() => LinearModel.Average([a, Toy(1, "other-1")]));
    }

    [Fact]
    public void Pruning_drops_only_small_weights()
    {
        var model = Toy(3);
        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(model.Pruned(0f)));
        var pruned = model.Pruned(0.5f);
        Assert.True(pruned.NonZeroCount < model.NonZeroCount);
        Assert.True(pruned.NonZeroCount > 0);
        // Large weights survive: the label is still recovered from its own feature.
        var s = new float[3];
        for (int label = 0; label < 3; label++)
        {
            pruned.Score([FeatureHash.Feature(1, (ulong)label)], s);
            Assert.Equal(label, LinearModel.ArgMax(s, pruned.Groups[0]));
        }
    }

    [Fact]
    public void Packing_detects_damage()
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Depesche ", 100)));
        byte[] packed = Packing.Compress(raw);
        Assert.Equal(raw, Packing.Decompress(packed, raw.Length));
        Assert.Throws<InvalidDataException>(() => Packing.Decompress(packed, raw.Length + 1));
        Assert.Throws<InvalidDataException>(() => Packing.Decompress(packed.AsSpan(0, packed.Length / 2), raw.Length));
        Assert.NotEqual(Packing.Checksum(raw), Packing.Checksum(raw.AsSpan(1)));
        Assert.Equal(Packing.Checksum(raw), Packing.Checksum((byte[])raw.Clone()));
    }
}
