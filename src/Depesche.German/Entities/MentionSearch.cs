using System.Collections.Immutable;
using Depesche.Model;

namespace Depesche.German.Entities;

/// <summary>Looking back through the linker's mentions: who was named last before a point of the text.</summary>
public static class MentionSearch
{
    /// <summary>
    /// The mention that ends last within [<paramref name="from"/>, <paramref name="before"/>) and that
    /// <paramref name="accept"/> admits, as a reference to its entity; null when there is none.
    /// </summary>
    public static ArgumentRef? LastBefore(ImmutableArray<Entity> entities, int from, int before, Func<Entity, Mention, bool> accept)
    {
        ArgumentRef? best = null;
        int bestEnd = -1;
        foreach (var e in entities)
        {
            foreach (var m in e.Mentions)
            {
                if (m.Range.Start >= from && m.Range.End <= before && m.Range.End > bestEnd && accept(e, m))
                {
                    best = new ArgumentRef(e.Id, m.Range);
                    bestEnd = m.Range.End;
                }
            }
        }
        return best;
    }
}
