using Depesche.German.Quotes;
using Depesche.German.Quantities;
using Depesche.German.Segmentation;
using Depesche.German.Structure;
using Depesche.German.Times;
using Depesche.Processing;

namespace Depesche.German;

/// <summary>
/// How far the German pipeline runs. Stages are ordered: a stage includes every stage before it,
/// so <c>depesche bench --stage tag</c> measures header, segmentation and tagging together.
/// </summary>
public enum Stage
{
    /// <summary>Header, paragraphs, tokens and sentences.</summary>
    Segment,
    /// <summary>Quantities and time expressions (they need tokens only).</summary>
    Times,
    /// <summary>Part of speech, lemma and morphology.</summary>
    Tag,
    /// <summary>Dependency trees.</summary>
    Parse,
    /// <summary>Named entities and their links.</summary>
    Entities,
    /// <summary>Quotations with speaker, cue and addressee.</summary>
    Quotes,
    /// <summary>Events and relations.</summary>
    Events,
    /// <summary>Everything Depesche can read.</summary>
    All,
}

/// <summary>Wires the German components into a pipeline. A thin class: the components hold the mechanisms, the data files hold the German.</summary>
public static class GermanPipeline
{
    private static readonly Lazy<Pipeline> s_all = new(() => Create(Stage.All));

    /// <summary>The full pipeline, built once and shared (pipelines are immutable and thread-safe).</summary>
    public static Pipeline Default => s_all.Value;

    /// <summary>Parses a stage name as the command line spells it (<c>segment</c>, <c>tag</c>, …).</summary>
    public static bool TryParseStage(string name, out Stage stage)
        => Enum.TryParse(name, ignoreCase: true, out stage) && Enum.IsDefined(stage) && !name.Any(char.IsDigit);

    public static IEnumerable<string> StageNames => Enum.GetNames<Stage>().Select(n => n.ToLowerInvariant());

    public static Pipeline Create(Stage stage = Stage.All)
    {
        var builder = Pipeline.CreateBuilder()
            .Add(new HeaderComponent())
            .Add(new SegmenterComponent());
        if (stage >= Stage.Times)
        {
            builder.Add(new TimesComponent()).Add(new QuantitiesComponent());
        }
        if (stage >= Stage.Parse)
        {
            Syntax.SyntaxModels.PreloadParser();
        }
        if (stage >= Stage.Tag)
        {
            builder.Add(new Syntax.TaggerComponent());
        }
        if (stage >= Stage.Parse)
        {
            builder.Add(new Syntax.ParserComponent());
        }
        if (stage >= Stage.Entities)
        {
            // Names from the knowledge base's gazetteer, then the linker: entities, roles, pronoun speakers.
            builder.Add(new Depesche.Knowledge.Linking.GazetteerMentions()).Add(new Depesche.Knowledge.Linking.EntityLinker());
        }
        if (stage >= Stage.Quotes)
        {
            builder.Add(new QuotesComponent());
        }
        if (stage >= Stage.Events)
        {
            builder.Add(new Events.EventsComponent()).Add(new Events.RelationsComponent());
        }
        return builder.Build();
    }
}
