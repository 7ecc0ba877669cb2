using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>Relations between entities (offices, ages, memberships, parts, leadership, aliases, borders, contributions, locations).</summary>
public sealed class RelationsComponent : IComponent
{
    private readonly RelationFinder _finder = new();

    public string Name => "relations";

    public IReadOnlyList<LayerKey> Requires => [Layers.Tokens, Layers.Sentences, Layers.Words, Layers.Dependencies, Layers.Entities, Depesche.Knowledge.Linking.KnowledgeLayers.EntityFacts, Layers.Quantities, Layers.Events];

    public IReadOnlyList<LayerKey> Produces => [Layers.Relations];

    public void Process(Model.Document document) => document.Set(Layers.Relations, _finder.Find(document));
}
