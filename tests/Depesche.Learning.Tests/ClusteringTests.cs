using Depesche.Learning;
using Depesche.Learning.Clustering;

namespace Depesche.Tests;

public class ClusteringTests
{
    /// <summary>Animals follow "der"/"die" and precede verbs; verbs follow animals and precede places; places follow "in".</summary>
    private static List<string[]> Corpus(int count, ulong seed)
    {
        var rng = new SeededRandom(seed);
        string[] animals = ["Hund", "Katze", "Maus", "Pferd"];
        string[] verbs = ["läuft", "schläft", "springt", "frisst"];
        string[] places = ["Berlin", "Wien", "Bern", "Prag"];
        string[] articles = ["der", "die"];
        var result = new List<string[]>();
        for (int i = 0; i < count; i++)
        {
            result.Add([articles[rng.NextInt(2)], animals[rng.NextInt(4)], verbs[rng.NextInt(4)], "in", places[rng.NextInt(4)], "."]);
        }
        return result;
    }

    [Fact]
    public void Words_in_the_same_contexts_share_a_class_and_training_is_deterministic()
    {
        var corpus = Corpus(400, 3);
        var a = WordClusters.Train(corpus, 2, [6, 3], 10, seed: 1);
        var b = WordClusters.Train(corpus, 2, [6, 3], 10, seed: 1);
        Assert.Equal(a.ToBytes(), b.ToBytes());
        Assert.Equal(2, a.Levels);
        int Class(string w, int level = 0)
        {
            Span<int> c = stackalloc int[2];
            Assert.Equal(1, a.Lookup(w, c));
            return c[level];
        }
        Assert.Equal(Class("Hund"), Class("Katze"));
        Assert.Equal(Class("Hund"), Class("Pferd"));
        Assert.Equal(Class("läuft"), Class("frisst"));
        Assert.Equal(Class("Berlin"), Class("Prag"));
        Assert.NotEqual(Class("Hund"), Class("läuft"));
        Assert.NotEqual(Class("Hund"), Class("Berlin"));
        Assert.NotEqual(Class("läuft"), Class("Berlin"));
    }

    [Fact]
    public void Coarser_levels_nest_the_finer_ones()
    {
        var clusters = WordClusters.Train(Corpus(300, 4), 1, [8, 4, 2], 10, seed: 2);
        var coarseOf = new Dictionary<int, int>();
        Span<int> c = stackalloc int[3];
        foreach (string w in clusters.Words)
        {
            clusters.Lookup(w, c);
            Assert.InRange(c[0], 0, 7);
            Assert.InRange(c[1], 0, 3);
            Assert.InRange(c[2], 0, 1);
            // Same fine class → same coarser class.
            if (coarseOf.TryGetValue(c[0], out int coarse))
            {
                Assert.Equal(coarse, c[1]);
            }
            coarseOf[c[0]] = c[1];
        }
    }

    [Fact]
    public void The_file_round_trips_and_unknown_words_fall_back_to_lower_case_or_shape()
    {
        var corpus = Corpus(200, 5);
        corpus.Add(["Xaver", "und", "Yvonne"]); // seen once: clustered as the shape <unk:Xx>
        var clusters = WordClusters.Train(corpus, 2, [5, 2], 5, seed: 1);
        var again = WordClusters.FromBytes(clusters.ToBytes(), "test");
        Assert.Equal(clusters.ToBytes(), again.ToBytes());
        Span<int> x = stackalloc int[2];
        Span<int> y = stackalloc int[2];
        Assert.Equal(1, again.Lookup("Katze", x));
        Assert.Equal(1, clusters.Lookup("Katze", y));
        Assert.Equal(x.ToArray(), y.ToArray());
        // "In" is unknown, "in" known: sentence-initial capitals fall back to the lower-case form.
        Assert.Equal(2, again.Lookup("In", x));
        again.Lookup("in", y);
        Assert.Equal(y.ToArray(), x.ToArray());
        // An unseen capitalised word is looked up as its shape.
        Assert.Equal(0, again.Lookup("Zacharias", x));
        Assert.True(x[0] >= 0);
    }

    [Fact]
    public void A_broken_clusters_file_is_DEP0010()
    {
        var ex = Assert.Throws<DepescheException>(() => WordClusters.Parse("bad", "#! depesche word-clusters 1\n#! columns: word, count, level1\nHund\t3\tx\n"));
        Assert.Equal(ErrorCodes.DataFileInvalid, ex.Code);
        ex = Assert.Throws<DepescheException>(() => WordClusters.Parse("bad", "#! depesche gazetteer 1\n"));
        Assert.Equal(ErrorCodes.DataFileInvalid, ex.Code);
    }
}
