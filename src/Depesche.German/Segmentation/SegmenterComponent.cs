using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Segmentation;

/// <summary>Tokens and sentences for German text.</summary>
public sealed class SegmenterComponent : IComponent
{
    private readonly Tokenizer _tokenizer;
    private readonly SentenceSplitter _splitter;

    public SegmenterComponent(SegmenterData? data = null)
    {
        data ??= SegmenterData.Default;
        _tokenizer = new Tokenizer(data);
        _splitter = new SentenceSplitter(data);
    }

    public string Name => "segmenter";

    public IReadOnlyList<LayerKey> Requires => [Layers.Header, Layers.Paragraphs];

    public IReadOnlyList<LayerKey> Produces => [Layers.Tokens, Layers.Sentences];

    public void Process(Document document)
    {
        var tokens = ImmutableCollectionsMarshal.AsImmutableArray(_tokenizer.Tokenize(document.Text));
        var header = document.Get(Layers.Header);
        var sentences = _splitter.Split(document.Text, tokens, document.Get(Layers.Paragraphs), header.BodyStart);
        document.Set(Layers.Tokens, tokens);
        document.Set(Layers.Sentences, sentences);
    }
}
