using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Depesche.German.Quantities;
using Depesche.German.Segmentation;
using Depesche.German.Structure;
using Depesche.German.Times;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Benchmarks;

/// <summary>
/// The times and quantities components on segmented text, without the tagger and parser that
/// <c>depesche bench --stage times</c> also runs (the two components need only tokens and sentences).
/// The corpus is the project's sample reports repeated to ~1 MB, so MB/s = 1 / mean seconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class TimesBenchmarks
{
    private string _text = "";
    private string[] _reports = [];
    private readonly Pipeline _segment = Pipeline.CreateBuilder().Add(new HeaderComponent()).Add(new SegmenterComponent()).Build();
    private readonly Pipeline _times = Pipeline.CreateBuilder().Add(new HeaderComponent()).Add(new SegmenterComponent())
        .Add(new TimesComponent()).Add(new QuantitiesComponent()).Build();

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples")))
        {
            dir = dir.Parent;
        }
        string samples = dir is null ? throw new DirectoryNotFoundException("samples/ not found") : Path.Combine(dir.FullName, "samples");
        var sb = new StringBuilder();
        var reports = new List<string>();
        while (sb.Length < 1_000_000)
        {
            foreach (string file in Directory.GetFiles(samples, "*.txt").Order(StringComparer.Ordinal))
            {
                string report = File.ReadAllText(file);
                reports.Add(report);
                sb.Append(report).Append("\n\n");
            }
        }
        _text = sb.ToString();
        _reports = [.. reports];
    }

    [Benchmark(Baseline = true)]
    public int Segment() => _segment.Process(new Document(_text, "bench", "bench")).Sentences.Length;

    [Benchmark]
    public int SegmentTimesQuantities()
    {
        var doc = _times.Process(new Document(_text, "bench", "bench", referenceDateOverride: new DateOnly(2022, 2, 25)));
        return doc.GetOrEmpty(Layers.Times).Length + doc.GetOrEmpty(Layers.Quantities).Length;
    }

    /// <summary>The same text as one document per report, as a corpus arrives.</summary>
    [Benchmark]
    public int SegmentTimesQuantitiesPerReport()
    {
        int n = 0;
        foreach (string report in _reports)
        {
            var doc = _times.Process(new Document(report, "bench", "bench", referenceDateOverride: new DateOnly(2022, 2, 25)));
            n += doc.GetOrEmpty(Layers.Times).Length + doc.GetOrEmpty(Layers.Quantities).Length;
        }
        return n;
    }
}
