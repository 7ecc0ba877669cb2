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
        var array = _tokenizer.Tokenize(document.Text);
        var tokens = ImmutableCollectionsMarshal.AsImmutableArray(array);
        var header = document.Get(Layers.Header);
        var sentences = _splitter.Split(document.Text, tokens, document.Get(Layers.Paragraphs), header.BodyStart);
        foreach (var sentence in sentences)
        {
            // the layer is not set yet: its array can still take the flag
            if (sentence.TokenCount > 0)
            {
                array[sentence.FirstToken] = array[sentence.FirstToken] with { Flags = array[sentence.FirstToken].Flags | TokenFlags.SentenceStart };
            }
        }
        document.Set(Layers.Tokens, tokens);
        document.Set(Layers.Sentences, sentences);
    }
}
