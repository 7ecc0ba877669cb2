using System.Collections.Immutable;
using Depesche.Model;

namespace Depesche.German.Entities;

/// <summary>Looking through the linker's mentions: who was named last before a point of the text, who is named inside a span.</summary>
public static class MentionSearch
{
    /// <summary>
    /// The mention that ends last within [<paramref name="from"/>, <paramref name="before"/>) and that
    /// <paramref name="accept"/> admits (of two that end at the same place, the one met first in entity order), as a
    /// reference to its entity; null when there is none.
    /// </summary>
    public static ArgumentRef? LastBefore(ImmutableArray<Entity> entities, int from, int before, Func<Entity, Mention, bool> accept) =>
        MentionTable.For(entities).LastBefore(from, before, accept);
}

/// <summary>
/// A report's mentions sorted by where they end and where they start, so that a look-back or a look-inside costs
/// a binary search and the mentions near the point, not a pass over all of them (one table per entities layer,
/// kept per thread for the report being read).
/// </summary>
public sealed class MentionTable
{
    [ThreadStatic]
    private static MentionTable? t_last;

    private readonly Entry[] _byEnd;
    private readonly Entry[] _byStart;

    private readonly record struct Entry(int Start, int End, int Entity, int Mention, int Order);

    private MentionTable(ImmutableArray<Entity> entities)
    {
        Entities = entities;
        var list = new List<Entry>();
        for (int e = 0; e < entities.Length; e++)
        {
            var mentions = entities[e].Mentions;
            for (int m = 0; m < mentions.Count; m++)
            {
                list.Add(new Entry(mentions[m].Range.Start, mentions[m].Range.End, e, m, list.Count));
            }
        }
        _byEnd = [.. list];
        Array.Sort(_byEnd, (a, b) => a.End != b.End ? a.End.CompareTo(b.End) : a.Order.CompareTo(b.Order));
        _byStart = [.. list];
        Array.Sort(_byStart, (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));
    }

    public ImmutableArray<Entity> Entities { get; }

    /// <summary>The table of <paramref name="entities"/>: the one built last on this thread when it is of the same layer.</summary>
    public static MentionTable For(ImmutableArray<Entity> entities)
    {
        var last = t_last;
        if (last is not null && last.Entities == entities)
        {
            return last;
        }
        return t_last = new MentionTable(entities);
    }

    /// <summary>See <see cref="MentionSearch.LastBefore"/>.</summary>
    public ArgumentRef? LastBefore(int from, int before, Func<Entity, Mention, bool> accept)
    {
        // the entries that end at or before `before`, then back from the last of them
        int lo = Positions.Partition(_byEnd.Length, i => _byEnd[i].End <= before);
        Entry? best = null;
        for (int i = lo - 1; i >= 0; i--)
        {
            var x = _byEnd[i];
            if (x.End < from || (best is { } b && x.End < b.End))
            {
                break;
            }
            if (x.Start >= from && (best is null || x.Order < best.Value.Order))
            {
                var entity = Entities[x.Entity];
                if (accept(entity, entity.Mentions[x.Mention]))
                {
                    best = x;
                }
            }
        }
        return best is { } found ? new ArgumentRef(Entities[found.Entity].Id, Entities[found.Entity].Mentions[found.Mention].Range) : null;
    }

    /// <summary>The mentions inside <paramref name="range"/> that <paramref name="accept"/> admits, in the order of their start.</summary>
    public IEnumerable<(Entity Entity, Mention Mention)> Inside(TextRange range, Func<Entity, Mention, bool>? accept = null)
    {
        int lo = Positions.Partition(_byStart.Length, i => _byStart[i].Start < range.Start);
        for (int i = lo; i < _byStart.Length && _byStart[i].Start < range.End; i++)
        {
            var x = _byStart[i];
            if (x.End > range.End)
            {
                continue;
            }
            var entity = Entities[x.Entity];
            var mention = entity.Mentions[x.Mention];
            if (accept is null || accept(entity, mention))
            {
                yield return (entity, mention);
            }
        }
    }
}
