using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Tests;

public class PipelineTests
{
    private sealed class Fake(string name, LayerKey[] requires, LayerKey[] produces, Action<Document>? run = null) : IComponent
    {
        public string Name => name;

        public IReadOnlyList<LayerKey> Requires => requires;

        public IReadOnlyList<LayerKey> Produces => produces;

        public void Process(Document document) => run?.Invoke(document);
    }

    [Fact]
    public void Build_refuses_a_component_whose_requirement_comes_later()
    {
        var builder = Pipeline.CreateBuilder()
            .Add(new Fake("quotes", [Layers.Entities], [Layers.Quotes]))
            .Add(new Fake("entities", [], [Layers.Entities]));
        var ex = Assert.Throws<DepescheException>(() => builder.Build());
        Assert.Equal(ErrorCodes.PipelineOrder, ex.Code);
        Assert.Contains("entities", ex.Message);
    }

    [Fact]
    public void Build_refuses_a_layer_produced_twice()
    {
        var builder = Pipeline.CreateBuilder()
            .Add(new Fake("a", [], [Layers.Entities]))
            .Add(new Fake("b", [], [Layers.Entities]));
        Assert.Equal(ErrorCodes.PipelineOrder, Assert.Throws<DepescheException>(() => builder.Build()).Code);
    }

    [Fact]
    public void Components_run_in_order()
    {
        var order = new List<string>();
        var pipeline = Pipeline.CreateBuilder()
            .Add(new Fake("first", [], [Layers.Entities], d => { order.Add("first"); d.Set(Layers.Entities, ImmutableArray<Entity>.Empty); }))
            .Add(new Fake("second", [Layers.Entities], [Layers.Quotes], _ => order.Add("second")))
            .Build();
        pipeline.Process(new Document("x", "a", "t"));
        Assert.Equal(["first", "second"], order);
    }
}
