using System.Collections.Immutable;
using Depesche.Model;

namespace Depesche.Processing;

/// <summary>Names a layer of annotation. Keys are created once, as static fields, and compared by identity.</summary>
public abstract class LayerKey
{
    private static int s_count;

    private protected LayerKey(string name)
    {
        Name = name;
        Index = Interlocked.Increment(ref s_count) - 1;
    }

    public string Name { get; }

    internal int Index { get; }

    internal static int Count => Volatile.Read(ref s_count);

    public override string ToString() => Name;
}

/// <summary>A layer holding a value of type <typeparamref name="T"/>.</summary>
public sealed class LayerKey<T> : LayerKey
    where T : notnull
{
    public LayerKey(string name)
        : base(name)
    {
    }
}

/// <summary>The layers every Depesche document may carry. Other assemblies may define more keys.</summary>
public static class Layers
{
    public static readonly LayerKey<HeaderInfo> Header = new("header");
    public static readonly LayerKey<ImmutableArray<Paragraph>> Paragraphs = new("paragraphs");
    public static readonly LayerKey<ImmutableArray<TokenInfo>> Tokens = new("tokens");
    public static readonly LayerKey<ImmutableArray<Sentence>> Sentences = new("sentences");
    public static readonly LayerKey<ImmutableArray<WordAnnotation>> Words = new("words");
    public static readonly LayerKey<ImmutableArray<Dependency>> Dependencies = new("dependencies");
    public static readonly LayerKey<ImmutableArray<MentionCandidate>> EntityMentions = new("entity-mentions");
    public static readonly LayerKey<ImmutableArray<Entity>> Entities = new("entities");
    public static readonly LayerKey<ImmutableArray<Quote>> Quotes = new("quotes");
    public static readonly LayerKey<ImmutableArray<Quantity>> Quantities = new("quantities");
    public static readonly LayerKey<ImmutableArray<TimeExpression>> Times = new("times");
    public static readonly LayerKey<ImmutableArray<Event>> Events = new("events");
    public static readonly LayerKey<ImmutableArray<Relation>> Relations = new("relations");
}
