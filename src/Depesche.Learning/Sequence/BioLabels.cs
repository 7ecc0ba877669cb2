using System.Collections.Immutable;

namespace Depesche.Learning.Sequence;

/// <summary>
/// A BIO label inventory over a list of span types: column 0 is <c>O</c>, then <c>B-T</c> and <c>I-T</c>
/// for each type T in order. Knows which transitions are well formed (an <c>I-T</c> continues only a
/// <c>B-T</c> or <c>I-T</c>) and how to read spans back out of a label sequence.
/// </summary>
public sealed class BioLabels
{
    public BioLabels(IEnumerable<string> types)
    {
        Types = [.. types];
        var labels = ImmutableArray.CreateBuilder<string>(1 + 2 * Types.Length);
        labels.Add("O");
        foreach (string t in Types)
        {
            labels.Add("B-" + t);
            labels.Add("I-" + t);
        }
        Labels = labels.MoveToImmutable();
        var allowed = new bool[Labels.Length + 1][];
        for (int prev = 0; prev <= Labels.Length; prev++)
        {
            // Row Labels.Length stands for "sentence start".
            allowed[prev] = new bool[Labels.Length];
            for (int cur = 0; cur < Labels.Length; cur++)
            {
                allowed[prev][cur] = !IsInside(cur) || (prev < Labels.Length && prev != 0 && TypeOf(prev) == TypeOf(cur));
            }
        }
        _allowed = allowed;
    }

    private readonly bool[][] _allowed;

    /// <summary>The span types (e.g. <c>PER</c>, <c>LOCderiv</c>).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>All labels: <c>O</c>, then <c>B-T</c>, <c>I-T</c> per type.</summary>
    public ImmutableArray<string> Labels { get; }

    public int Count => Labels.Length;

    /// <summary>The history index that stands for "no previous label".</summary>
    public int Start => Labels.Length;

    public static bool IsBegin(int label) => label > 0 && label % 2 == 1;

    public static bool IsInside(int label) => label > 0 && label % 2 == 0;

    /// <summary>The type index of a B or I label (-1 for O).</summary>
    public static int TypeOf(int label) => label == 0 ? -1 : (label - 1) / 2;

    public static int Begin(int type) => 1 + 2 * type;

    public static int Inside(int type) => 2 + 2 * type;

    /// <summary>Which labels may follow <paramref name="previous"/> (<see cref="Start"/> at a sentence's start).</summary>
    public ReadOnlySpan<bool> Allowed(int previous) => _allowed[previous];

    /// <summary>The label's index, or -1.</summary>
    public int IndexOf(string label) => Labels.IndexOf(label);

    /// <summary>Spans (start, end exclusive, type index) in a label sequence; an <c>I-T</c> without its B starts a span.</summary>
    public static List<(int Start, int End, int Type)> Spans(ReadOnlySpan<int> labels)
    {
        var spans = new List<(int, int, int)>();
        int start = -1, type = -1;
        for (int i = 0; i <= labels.Length; i++)
        {
            int l = i < labels.Length ? labels[i] : 0;
            bool continues = IsInside(l) && TypeOf(l) == type;
            if (!continues)
            {
                if (type >= 0)
                {
                    spans.Add((start, i, type));
                    type = -1;
                }
                if (l != 0)
                {
                    start = i;
                    type = TypeOf(l);
                }
            }
        }
        return spans;
    }
}
