using Depesche.German.Segmentation;
using Depesche.German.Structure;
using Depesche.Processing;

namespace Depesche.German;

/// <summary>Which stages of the German pipeline to run.</summary>
public enum Stage
{
    /// <summary>Header, paragraphs, tokens and sentences.</summary>
    Segment,
    /// <summary>Everything Depesche can read.</summary>
    All,
}

/// <summary>Wires the German components into a pipeline. A thin class: the components hold the mechanisms, the data files hold the German.</summary>
public static class GermanPipeline
{
    private static readonly Lazy<Pipeline> s_all = new(() => Create(Stage.All));

    /// <summary>The full pipeline, built once and shared (pipelines are immutable and thread-safe).</summary>
    public static Pipeline Default => s_all.Value;

    public static Pipeline Create(Stage stage = Stage.All)
    {
        var builder = Pipeline.CreateBuilder()
            .Add(new HeaderComponent())
            .Add(new SegmenterComponent());
        _ = stage; // later stages are added here as their components arrive
        return builder.Build();
    }
}
