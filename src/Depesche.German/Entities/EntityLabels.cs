using Depesche.Model;

namespace Depesche.German.Entities;

/// <summary>The GermEval 2014 outer-level types (<c>PER</c>, <c>ORGpart</c>, <c>LOCderiv</c>, …) and their mapping to <see cref="EntityType"/> and <see cref="MentionKind"/>.</summary>
public static class EntityLabels
{
    /// <summary>The twelve types in the recogniser's fixed order.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["PER", "ORG", "LOC", "OTH", "PERderiv", "ORGderiv", "LOCderiv", "OTHderiv", "PERpart", "ORGpart", "LOCpart", "OTHpart"];

    public static string Label(EntityType type, MentionKind kind)
    {
        string b = type switch
        {
            EntityType.Person => "PER",
            EntityType.Organisation => "ORG",
            EntityType.Location => "LOC",
            _ => "OTH",
        };
        return kind switch
        {
            MentionKind.Deriv => b + "deriv",
            MentionKind.Part => b + "part",
            _ => b,
        };
    }

    public static bool TryParseType(ReadOnlySpan<char> label, out EntityType type, out MentionKind kind)
    {
        type = EntityType.Other;
        kind = MentionKind.Name;
        if (label.Length < 3)
        {
            return false;
        }
        switch (label[..3])
        {
            case "PER": type = EntityType.Person; break;
            case "ORG": type = EntityType.Organisation; break;
            case "LOC": type = EntityType.Location; break;
            case "OTH": type = EntityType.Other; break;
            default: return false;
        }
        var rest = label[3..];
        if (rest.IsEmpty)
        {
            return true;
        }
        if (rest is "deriv")
        {
            kind = MentionKind.Deriv;
            return true;
        }
        if (rest is "part")
        {
            kind = MentionKind.Part;
            return true;
        }
        return false;
    }
}
