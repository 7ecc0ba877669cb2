using System.Diagnostics;
using System.Globalization;
using Depesche.German;
using Depesche.Input;
using Depesche.Model;
using Depesche.Processing;
using Depesche.Store;
using Depesche.Store.Bench;

// Query latency of a corpus store of N reports (default 10,000): builds the store from a corpus repeated
// with distinct ids and spread-out dates, with the synthetic annotator filling the layers the German
// pipeline does not produce yet, then times each query the command line offers (median of repeated runs).
//
//   dotnet run -c Release --project bench/Depesche.Store.Bench -- ../shared/data/10kgnad/articles.jsonl [--count 10000] [--db FILE] [--runs 15]

string? corpus = null;
int count = 10_000;
int runs = 15;
string? dbPath = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--db": dbPath = args[++i]; break;
        default: corpus = args[i]; break;
    }
}
if (corpus is null)
{
    Console.Error.WriteLine("usage: Depesche.Store.Bench CORPUS [--count N] [--db FILE] [--runs N]");
    return 2;
}

var source = new InputReader().Read([corpus]).Where(r => r.Record is not null).Select(r => r.Record!).ToList();
if (source.Count == 0)
{
    Console.Error.WriteLine("the corpus holds no readable report");
    return 1;
}
bool keep = dbPath is not null;
dbPath ??= Path.Combine(Path.GetTempPath(), $"depesche-query-bench-{Environment.ProcessId}.db");
var start = new DateOnly(2022, 1, 1);
var records = Enumerable.Range(0, count).Select(k =>
{
    var r = source[k % source.Count];
    var date = PartialDate.FromDate(start.AddDays(k % 730));
    return new InputRecord($"{r.Id}-r{k / source.Count}", r.Source, r.Text, date, r.Url);
});

var german = GermanPipeline.Default;
var synthetic = new SyntheticAnnotator(producedElsewhere: german.Produces);
var builder = Pipeline.CreateBuilder();
foreach (var c in german.Components)
{
    builder.Add(c);
}
bool addSynthetic = synthetic.Produces.Count > 0;
if (addSynthetic)
{
    builder.Add(synthetic);
}
var pipeline = builder.Build();

var sw = Stopwatch.StartNew();
IngestSummary summary;
using (var store = CorpusStore.OpenWrite(dbPath))
{
    summary = Ingester.Run(store, records.Select(r => new InputItem(r, null)), pipeline, new IngestOptions());
}
Console.Error.WriteLine($"store: {summary.Added} added, {summary.Skipped} skipped in {sw.Elapsed.TotalSeconds:F1} s (synthetic layers: {string.Join(", ", synthetic.Produces)}); {new FileInfo(dbPath).Length / 1_000_000.0:F0} MB");

int exit = 0;
using (var store = CorpusStore.OpenRead(dbPath))
{
    var q = new StoreQueries(store);
    var stats = q.Stats();
    Console.Error.WriteLine(string.Join(", ", stats.Columns.Select((c, i) => $"{c}={stats.Rows[0][i]}")));
    string topPerson = (string)q.Entities("PER", 1).Rows[0][0]!;
    string topOrg = (string)q.Entities("ORG", 1).Rows[0][0]!;
    string word = topPerson.Split(' ')[^1];
    var someQuotes = q.Quotes(new QuoteFilter(Limit: 0)).Rows;
    string speaker = someQuotes.Select(r => r[3] as string).FirstOrDefault(s => s is not null)?.Split(' ')[^1] ?? word;
    var someEvents = q.Events(new EventFilter(Limit: 0)).Rows;
    string eventType = someEvents.GroupBy(r => (string)r[2]!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "MOBILIZE";
    string actor = someEvents.Select(r => r[5] as string).FirstOrDefault(a => a is not null)?.Split(' ')[^1] ?? word;
    string target = someEvents.Select(r => r[6] as string).FirstOrDefault(a => a is not null)?.Split(' ')[^1] ?? topOrg;
    string about = someQuotes.SelectMany(r => ((string)r[4]!).Split(' ')).FirstOrDefault(w => w.Length >= 8 && w.All(char.IsLetter)) ?? "Regierung";
    var queries = new (string Name, Func<QueryResult> Run)[]
    {
        ("stats", () => q.Stats()),
        ("query quotes", () => q.Quotes(new QuoteFilter())),
        ($"query quotes --speaker {speaker}", () => q.Quotes(new QuoteFilter(Speaker: speaker))),
        ($"query quotes --about {about}", () => q.Quotes(new QuoteFilter(About: about))),
        ("query quotes --from 2022-03-01 --to 2022-03-31", () => q.Quotes(new QuoteFilter(From: new DateOnly(2022, 3, 1), To: new DateOnly(2022, 3, 31)))),
        ("query entities --top 20", () => q.Entities(null, 20)),
        ("query entities --type PER --top 20", () => q.Entities("PER", 20)),
        ("query events", () => q.Events(new EventFilter())),
        ($"query events --type {eventType}", () => q.Events(new EventFilter(Type: eventType))),
        ($"query events --actor {actor}", () => q.Events(new EventFilter(Actor: actor))),
        ($"query events --target {target}", () => q.Events(new EventFilter(Target: target))),
        ($"query timeline --entity {word}", () => q.Timeline(word)),
        ("search Regierung", () => q.Search("Regierung")),
        ("search Bundnis Soldaten", () => q.Search("Bundnis Soldaten")),
    };
    Console.WriteLine($"| query ({summary.Added + summary.Skipped} reports) | rows | median ms | max ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var (name, run) in queries)
    {
        int rows = run().Rows.Count;
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var t = Stopwatch.StartNew();
            run();
            times.Add(t.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {rows} | {median:F1} | {times[^1]:F1} |"));
        if (median >= 100)
        {
            exit = 1;
        }
    }
    var open = Stopwatch.StartNew();
    for (int i = 0; i < runs; i++)
    {
        using var s = CorpusStore.OpenRead(dbPath);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| (opening the store) | | {open.Elapsed.TotalMilliseconds / runs:F1} | |"));
}
if (!keep)
{
    foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
    {
        File.Delete(f);
    }
}
return exit;
