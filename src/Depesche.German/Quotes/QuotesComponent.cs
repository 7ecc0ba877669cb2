using Depesche.Processing;

namespace Depesche.German.Quotes;

/// <summary>Who said what: direct, indirect and mixed quotations. Uses the entities layer when an earlier component produced it.</summary>
public sealed class QuotesComponent : IComponent
{
    private readonly QuoteFinder _finder;

    public QuotesComponent(SpeechLexicon? lexicon = null)
    {
        _finder = new QuoteFinder(lexicon);
    }

    public string Name => "quotes";

    public IReadOnlyList<LayerKey> Requires => [Layers.Paragraphs, Layers.Tokens, Layers.Sentences, Layers.Words, Layers.Dependencies, Layers.Entities];

    public IReadOnlyList<LayerKey> Produces => [Layers.Quotes];

    public void Process(Model.Document document) => document.Set(Layers.Quotes, _finder.Find(document));
}
