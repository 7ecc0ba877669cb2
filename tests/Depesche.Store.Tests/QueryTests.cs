using System.Text.Json;
using Depesche.Store;

namespace Depesche.Tests;

/// <summary>One store of 30 sample reports shared by the query tests (read-only).</summary>
public sealed class SampleStore : IDisposable
{
    private readonly TempDir _dir = new();

    public SampleStore()
    {
        Db = _dir.File("s.db");
        string extra = JsonSerializer.Serialize(new { id = "lower", date = "2023-05-02", text = "Die soldaten und das BÜNDNIS der Nato-Staaten trafen sich in Straßburg." }) + "\n";
        Samples.Ingest(Db, Samples.Items(Samples.JsonLines(30) + extra));
        using var store = CorpusStore.OpenRead(Db);
        Texts = DocumentLoader.LoadAll(store).ToDictionary(d => d.Id, d => d.Text);
    }

    public string Db { get; }

    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>The text between code-point offsets, as a user of the JSON would cut it.</summary>
    public string Cut(string id, int start, int end)
    {
        var runes = Texts[id].EnumerateRunes().ToArray();
        return string.Concat(runes[start..end].Select(r => r.ToString()));
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class QueryTests : IClassFixture<SampleStore>
{
    private readonly SampleStore _s;

    public QueryTests(SampleStore s)
    {
        _s = s;
    }

    private JsonElement Query(params string[] args)
    {
        var run = CliRun.Of([.. args, "--db", _s.Db, "--format", "json"]);
        Assert.True(run.Exit == 0, run.Stderr);
        return run.Json();
    }

    [Theory]
    [InlineData("Soldaten")]
    [InlineData("soldaten")]
    [InlineData("SOLDATEN")]
    public void Search_folds_case(string word)
    {
        var hits = Query("search", word).EnumerateArray().Select(h => h.GetProperty("document").GetString()).ToList();
        Assert.Contains("lower", hits);
        Assert.Contains("r00000", hits);
    }

    [Theory]
    [InlineData("Bundnis")]
    [InlineData("bündnis")]
    [InlineData("BUNDNIS")]
    public void Search_folds_umlauts(string word)
    {
        var hits = Query("search", word).EnumerateArray().ToList();
        Assert.Equal(31, hits.Count);
        Assert.Contains(hits, h => h.GetProperty("snippet").GetString()!.Contains("<b>BÜNDNIS</b>", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.GetProperty("snippet").GetString()!.Contains("<b>Bündnis</b>", StringComparison.Ordinal));
        // The offsets of the first hit cut the word out of the report.
        Assert.All(hits, h => Assert.Equal("bundnis", Store.TextFold.Fold(_s.Cut(h.GetProperty("document").GetString()!, h.GetProperty("start").GetInt32(), h.GetProperty("end").GetInt32()))));
    }

    [Fact]
    public void Search_takes_all_words_and_punctuation_does_not_break_it()
    {
        Assert.Equal("lower", Assert.Single(Query("search", "Nato-Staaten Straßburg").EnumerateArray()).GetProperty("document").GetString());
        Assert.Empty(Query("search", "Soldaten Zebrastreifen").EnumerateArray());
        var bad = CliRun.Of("search", "\"unclosed", "--raw", "--db", _s.Db);
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains(ErrorCodes.InvalidSearch, bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_by_speaker_fold_the_name_and_point_at_their_evidence()
    {
        var rows = Query("query", "quotes", "--speaker", "muller").EnumerateArray().ToList();
        Assert.Equal(30, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("Angela Müller", row.GetProperty("speaker").GetString());
            string id = row.GetProperty("document").GetString()!;
            Assert.Equal(row.GetProperty("quote").GetString(), _s.Cut(id, row.GetProperty("start").GetInt32(), row.GetProperty("end").GetInt32()));
            Assert.Equal("Angela Müller", _s.Cut(id, row.GetProperty("speaker_start").GetInt32(), row.GetProperty("speaker_end").GetInt32()));
        }
        Assert.All(Query("query", "quotes", "--speaker", "WEISS").EnumerateArray(), r => Assert.Equal("Jürgen Weiß", r.GetProperty("speaker").GetString()));
    }

    [Fact]
    public void Quotes_filter_by_topic_and_date()
    {
        var energy = Query("query", "quotes", "--about", "energie").EnumerateArray().ToList();
        Assert.Equal(6, energy.Count); // reports 2, 7, …, 27: Weiß's quote names the topic
        var january = Query("query", "quotes", "--from", "2022-01-05", "--to", "2022-01-09").EnumerateArray().ToList();
        Assert.Equal(10, january.Count); // reports 4 … 8, two quotes each
        Assert.All(january, r => Assert.InRange(string.CompareOrdinal(r.GetProperty("date").GetString(), "2022-01-05"), 0, int.MaxValue));
        Assert.Empty(Query("query", "quotes", "--from", "2024").EnumerateArray());
        var bad = CliRun.Of("query", "quotes", "--from", "gestern", "--db", _s.Db);
        Assert.Equal(2, bad.Exit);
        Assert.Contains(ErrorCodes.InvalidArgument, bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Entities_are_ranked_by_reports_with_an_example()
    {
        var rows = Query("query", "entities", "--top", "3").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.GetProperty("documents").GetInt32(), 30, 31));
        var persons = Query("query", "entities", "--type", "PER").EnumerateArray().ToList();
        Assert.Equal(["Angela Müller", "Jürgen Weiß"], persons.Select(p => p.GetProperty("canonical").GetString()).Order(StringComparer.Ordinal));
        var muller = persons.Single(p => p.GetProperty("canonical").GetString() == "Angela Müller");
        Assert.Equal(60, muller.GetProperty("mentions").GetInt32());
        string id = muller.GetProperty("document").GetString()!;
        Assert.Equal("Angela Müller", _s.Cut(id, muller.GetProperty("start").GetInt32(), muller.GetProperty("end").GetInt32()));
    }

    [Fact]
    public void Events_filter_by_type_actor_and_target()
    {
        var all = Query("query", "events", "--limit", "0").EnumerateArray().ToList();
        Assert.NotEmpty(all);
        foreach (var e in all.Take(20))
        {
            Assert.Equal(e.GetProperty("trigger").GetString(), _s.Cut(e.GetProperty("document").GetString()!, e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32()));
        }
        string type = all[0].GetProperty("type").GetString()!;
        Assert.All(Query("query", "events", "--type", type.ToLowerInvariant()).EnumerateArray(), e => Assert.Equal(type, e.GetProperty("type").GetString()));
        var byMuller = Query("query", "events", "--actor", "Müller", "--target", "bundesregierung").EnumerateArray().ToList();
        Assert.Equal(30, byMuller.Count);
        Assert.All(byMuller, e => Assert.Equal("Bundesregierung", e.GetProperty("target").GetString()));
    }

    [Fact]
    public void The_timeline_of_an_entity_is_in_date_order()
    {
        var rows = Query("query", "timeline", "--entity", "Jürgen Weiss").EnumerateArray().ToList();
        var quotes = rows.Where(r => r.GetProperty("kind").GetString() == "quote").ToList();
        var mentions = rows.Where(r => r.GetProperty("kind").GetString() == "mention").ToList();
        Assert.Equal(30, quotes.Count);
        Assert.Equal(30, mentions.Count);
        Assert.All(mentions, m => Assert.StartsWith("Jürgen Weiß widersprach", m.GetProperty("what").GetString(), StringComparison.Ordinal));
        var dates = rows.Select(r => r.GetProperty("date").GetString()!).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
    }

    [Fact]
    public void Csv_and_table_formats_carry_the_same_rows()
    {
        var csv = CliRun.Of("query", "quotes", "--speaker", "muller", "--db", _s.Db, "--format", "csv");
        var lines = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("document,date,kind,speaker,quote,start,end,speaker_start,speaker_end,cue", lines[0]);
        Assert.Equal(31, lines.Length);
        var table = CliRun.Of("query", "quotes", "--speaker", "muller", "--db", _s.Db);
        Assert.Contains("(30 rows)", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_count_the_layers()
    {
        var stats = Query("stats");
        Assert.Equal(31, stats.GetProperty("documents").GetInt32());
        Assert.Equal(60, stats.GetProperty("quotes").GetInt32());
        Assert.Equal("2022-01-01", stats.GetProperty("first_date").GetString());
        Assert.Equal("2023-05-02", stats.GetProperty("last_date").GetString());
        Assert.True(stats.GetProperty("sentences").GetInt32() > 31 * 3);
        Assert.InRange(stats.GetProperty("entities").GetInt32(), 30 * Samples.Names.Length, 30 * Samples.Names.Length + 2);
    }
}

public sealed class TimelineWithoutEntitiesTests
{
    [Fact]
    public void A_store_without_an_entities_layer_still_has_a_timeline_of_speakers()
    {
        using var dir = new TempDir();
        var builder = Processing.Pipeline.CreateBuilder();
        foreach (var c in German.GermanPipeline.Create(German.Stage.Segment).Components)
        {
            builder.Add(c);
        }
        builder.Add(new Store.Bench.SyntheticAnnotator(Samples.Names, [Processing.Layers.Entities]));
        using (var store = CorpusStore.OpenWrite(dir.File("s.db")))
        {
            Ingester.Run(store, Samples.Items(Samples.JsonLines(10)), builder.Build(), new IngestOptions());
        }
        var run = CliRun.Of("query", "timeline", "--entity", "Jürgen Weiss", "--db", dir.File("s.db"), "--format", "json");
        Assert.Equal(0, run.Exit);
        var rows = run.Json().EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal("quote", r.GetProperty("kind").GetString()));
    }
}
