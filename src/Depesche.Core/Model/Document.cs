using System.Collections.Immutable;
using Depesche.Processing;

namespace Depesche.Model;

/// <summary>
/// One report: an immutable text and its annotation layers. Each layer is written once, by the
/// component that produces it, and read by those after it; the text itself is never edited,
/// so every offset points into exactly what was read.
/// </summary>
public sealed class Document
{
    private object?[] _layers = new object?[Math.Max(16, LayerKey.Count)];

    public Document(string text, string id, string source, PartialDate? recordDate = null, string? url = null, DateOnly? referenceDateOverride = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Id = id;
        Source = source;
        RecordDate = recordDate;
        Url = url;
        ReferenceDateOverride = referenceDateOverride;
    }

    public string Text { get; }

    public string Id { get; }

    /// <summary>Where the report came from: a path, <c>stdin</c>, or <c>path:line</c> for JSON Lines.</summary>
    public string Source { get; }

    /// <summary>The date the input record gave (JSON Lines <c>date</c>).</summary>
    public PartialDate? RecordDate { get; }

    public string? Url { get; }

    /// <summary>The reference date the user set (<c>--date</c>); it wins over every other date.</summary>
    public DateOnly? ReferenceDateOverride { get; }

    /// <summary>The report's own date: the input record's, else the header line's.</summary>
    public PartialDate? Date => RecordDate ?? (TryGet(Layers.Header, out var h) ? h.Date : null);

    /// <summary>The date relative expressions are resolved against: <c>--date</c>, else the most precise date known.</summary>
    public PartialDate? ReferenceDate
    {
        get
        {
            if (ReferenceDateOverride is { } o)
            {
                return PartialDate.FromDate(o);
            }
            PartialDate? header = TryGet(Layers.Header, out var h) ? h.Date : null;
            if (RecordDate is { } r && header is { } hd)
            {
                return r.IsAtLeastAsPreciseAs(hd) ? r : hd;
            }
            return RecordDate ?? header;
        }
    }

    public bool Has(LayerKey key) => key.Index < _layers.Length && _layers[key.Index] is not null;

    public bool TryGet<T>(LayerKey<T> key, out T value)
        where T : notnull
    {
        if (key.Index < _layers.Length && _layers[key.Index] is T v)
        {
            value = v;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The layer's value; throws when no component has produced it.</summary>
    public T Get<T>(LayerKey<T> key)
        where T : notnull
    {
        if (!TryGet(key, out T value))
        {
            throw new InvalidOperationException($"Layer '{key.Name}' has not been produced for document '{Id}'.");
        }
        return value;
    }

    /// <summary>An array layer, or an empty array when nobody produced it.</summary>
    public ImmutableArray<T> GetOrEmpty<T>(LayerKey<ImmutableArray<T>> key)
        => TryGet(key, out var value) && !value.IsDefault ? value : ImmutableArray<T>.Empty;

    /// <summary>Sets a layer; each layer is set once.</summary>
    public void Set<T>(LayerKey<T> key, T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(value);
        if (key.Index >= _layers.Length)
        {
            Array.Resize(ref _layers, Math.Max(key.Index + 1, _layers.Length * 2));
        }
        if (_layers[key.Index] is not null)
        {
            throw new InvalidOperationException($"Layer '{key.Name}' was already set for document '{Id}'.");
        }
        _layers[key.Index] = value;
    }

    public ImmutableArray<TokenInfo> Tokens => GetOrEmpty(Layers.Tokens);

    public ImmutableArray<Sentence> Sentences => GetOrEmpty(Layers.Sentences);

    public ImmutableArray<Paragraph> Paragraphs => GetOrEmpty(Layers.Paragraphs);

    public ReadOnlySpan<char> Slice(TextRange range) => Text.AsSpan(range.Start, range.Length);

    public string TextOf(TextRange range) => Text.Substring(range.Start, range.Length);

    public override string ToString() => $"Document({Id}, {Text.Length} chars)";
}
