using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>Who did what to whom: PLOVER-coded events from the dependency tree. Reads quotations, entities, times and quantities when present.</summary>
public sealed class EventsComponent : IComponent
{
    private readonly EventCoder _coder;

    public EventsComponent(EventLexicon? lexicon = null)
    {
        _coder = new EventCoder(lexicon);
    }

    public string Name => "events";

    public IReadOnlyList<LayerKey> Requires => [Layers.Tokens, Layers.Sentences, Layers.Words, Layers.Dependencies, Layers.Entities, Layers.Quotes, Layers.Times, Layers.Quantities];

    public IReadOnlyList<LayerKey> Produces => [Layers.Events];

    public void Process(Model.Document document) => document.Set(Layers.Events, _coder.Find(document));
}
