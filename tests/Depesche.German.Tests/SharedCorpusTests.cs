using System.Text.Json;
using Depesche.Input;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

/// <summary>Segmentation of real reports from ../shared: the seed report and a German news corpus.</summary>
public class SharedCorpusTests
{
    [SharedDataFact]
    public void The_seed_report_has_its_structure()
    {
        var doc = TestPipeline.Run(SharedData.SeedText, "nato-2022-02");
        using var gold = JsonDocument.Parse(File.ReadAllText(SharedData.Path("seed", "nato-2022-02.gold.json")));
        var g = gold.RootElement;
        var header = doc.Get(Layers.Header);
        Assert.Equal(g.GetProperty("header").GetProperty("date").GetString(), header.Date.ToString());
        Assert.Equal(g.GetProperty("header").GetProperty("dateline_place").GetString(), header.Dateline!.Place);
        Assert.Equal(g.GetProperty("header").GetProperty("agency").GetString(), header.Dateline.Agency);
        var headings = doc.Paragraphs.Where(p => p.Kind == ParagraphKind.Heading).Select(p => doc.TextOf(p.Range)).ToArray();
        Assert.Equal(g.GetProperty("headings").EnumerateArray().Select(h => h.GetString()), headings);
        Assert.Equal(g.GetProperty("body_paragraphs").GetInt32(), doc.Paragraphs.Count(p => p.Kind == ParagraphKind.Body));
        Assert.Equal(g.GetProperty("body_sentences").GetInt32(), doc.Sentences.Count(s => doc.Paragraphs[s.Paragraph].Kind == ParagraphKind.Body));
        Assert.Equal(header.BodyStart, doc.Sentences[0].Start);
    }

    [SharedDataFact]
    public void Every_article_of_a_real_corpus_segments_cleanly()
    {
        int docs = 0;
        long sentences = 0;
        foreach (var item in new InputReader().Read([SharedData.Path("data", "10kgnad", "articles.jsonl")]))
        {
            Assert.Null(item.Error);
            var doc = TestPipeline.Run(item.Record!.Text, item.Record.Id);
            sentences += doc.Sentences.Length;
            docs++;
        }
        Assert.True(docs > 500, $"only {docs} articles read");
        // Sanity: news sentences average well under 40 tokens; a broken splitter either fuses or shatters them.
        Assert.InRange(sentences / (double)docs, 10, 60);
    }

    [SharedDataFact]
    public void Ud_german_sentences_are_split_where_the_treebank_splits_them()
    {
        // The GSD dev set gives sentences one per block with their text; joined into paragraphs of
        // ten, the splitter should find the same boundaries nearly always.
        var texts = File.ReadLines(SharedData.Path("data", "ud-german-gsd", "de_gsd-ud-dev.conllu"))
            .Where(l => l.StartsWith("# text = ", StringComparison.Ordinal))
            .Select(l => l["# text = ".Length..])
            .ToList();
        int agree = 0;
        int total = 0;
        for (int i = 0; i + 10 <= texts.Count; i += 10)
        {
            var chunk = texts.GetRange(i, 10);
            var doc = TestPipeline.Run(string.Join(" ", chunk));
            var predicted = TestPipeline.SentenceTexts(doc);
            var expected = new HashSet<string>(chunk);
            agree += predicted.Count(expected.Contains);
            total += chunk.Count;
        }
        double rate = agree / (double)total;
        Assert.True(rate > 0.85, $"only {rate:P1} of GSD sentences were split exactly");
    }
}
