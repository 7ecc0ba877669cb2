using System.Collections.Immutable;
using Depesche.Model;

namespace Depesche.Processing;

/// <summary>
/// A step of the pipeline. A component is built once (loading its data), holds no mutable state
/// afterwards, and may process many documents at once on different threads.
/// </summary>
public interface IComponent
{
    string Name { get; }

    /// <summary>The layers that must exist before <see cref="Process"/> runs.</summary>
    IReadOnlyList<LayerKey> Requires { get; }

    /// <summary>The layers this component sets.</summary>
    IReadOnlyList<LayerKey> Produces { get; }

    void Process(Document document);
}

/// <summary>An immutable, thread-safe, ordered list of components whose requirements were checked when it was built.</summary>
public sealed class Pipeline
{
    internal Pipeline(ImmutableArray<IComponent> components)
    {
        Components = components;
    }

    public ImmutableArray<IComponent> Components { get; }

    /// <summary>The layers this pipeline produces.</summary>
    public IEnumerable<LayerKey> Produces => Components.SelectMany(c => c.Produces);

    public Document Process(Document document)
    {
        foreach (var component in Components)
        {
            component.Process(document);
        }
        return document;
    }

    public static PipelineBuilder CreateBuilder() => new();
}

/// <summary>Collects components and checks, when built, that each one's requirements are produced before it.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IComponent> _components = [];

    public PipelineBuilder Add(IComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _components.Add(component);
        return this;
    }

    public Pipeline Build()
    {
        var available = new HashSet<LayerKey>();
        foreach (var component in _components)
        {
            foreach (var required in component.Requires)
            {
                if (!available.Contains(required))
                {
                    throw new DepescheException(
                        ErrorCodes.PipelineOrder,
                        $"Component '{component.Name}' requires layer '{required.Name}', which no component before it produces.");
                }
            }
            foreach (var produced in component.Produces)
            {
                if (!available.Add(produced))
                {
                    throw new DepescheException(
                        ErrorCodes.PipelineOrder,
                        $"Layer '{produced.Name}' is produced twice (again by '{component.Name}').");
                }
            }
        }
        return new Pipeline([.. _components]);
    }
}
