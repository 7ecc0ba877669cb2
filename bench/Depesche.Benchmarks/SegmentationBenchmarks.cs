using System.Text;
using BenchmarkDotNet.Attributes;
using Depesche.German;
using Depesche.German.Segmentation;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Benchmarks;

/// <summary>Tokenizer and full segmentation over the project's own sample reports, repeated to ~1 MB.</summary>
[MemoryDiagnoser]
public class SegmentationBenchmarks
{
    private string _text = "";
    private readonly Tokenizer _tokenizer = new();
    private readonly Pipeline _pipeline = GermanPipeline.Create(Stage.Segment);

    [GlobalSetup]
    public void Setup()
    {
        string samples = FindSamples();
        var sb = new StringBuilder();
        while (sb.Length < 1_000_000)
        {
            foreach (string file in Directory.GetFiles(samples, "*.txt").Order(StringComparer.Ordinal))
            {
                sb.Append(File.ReadAllText(file)).Append("\n\n");
            }
        }
        _text = sb.ToString();
    }

    [Benchmark]
    public int Tokenize() => _tokenizer.Tokenize(_text).Length;

    [Benchmark]
    public int Segment() => _pipeline.Process(new Document(_text, "bench", "bench")).Sentences.Length;

    private static string FindSamples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples")))
        {
            dir = dir.Parent;
        }
        return dir is null ? throw new DirectoryNotFoundException("samples/ not found above the benchmark binaries") : Path.Combine(dir.FullName, "samples");
    }
}
