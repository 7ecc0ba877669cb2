using Depesche.Model;

namespace Depesche.Knowledge;

public enum ActorKind : byte
{
    Country,
    Organisation,
    /// <summary>A capital or seat of power that stands for a country's government (<c>Moskau</c>, <c>Kreml</c>).</summary>
    Place,
    Person,
}

public enum Gender : byte
{
    Unknown,
    Male,
    Female,
}

/// <summary>
/// One actor of the knowledge base: a country or territory, an organisation (or a body, force or
/// ministry), a place that stands for a government, or a person. Immutable after loading.
/// </summary>
public sealed class Actor
{
    internal Actor(int index, string id, string canonical, ActorKind kind, EntityType type)
    {
        Index = index;
        Id = id;
        Canonical = canonical;
        Kind = kind;
        Type = type;
    }

    public int Index { get; }

    /// <summary>Country code (<c>RU</c>), <c>org:nato</c>, <c>loc:kreml</c> or <c>per:wladimir-putin</c>.</summary>
    public string Id { get; }

    public string Canonical { get; internal set; }

    public ActorKind Kind { get; }

    public EntityType Type { get; }

    /// <summary>For an organisation the actor it is part of; for a place the country whose government it stands for.</summary>
    public string? Parent { get; internal set; }

    /// <summary>Countries: member, observer, partial, disputed, associated, territory. Organisations: their class.</summary>
    public string? Status { get; internal set; }

    public string? Alpha3 { get; internal set; }

    public Gender Gender { get; internal set; }

    public DateOnly? Born { get; internal set; }

    /// <summary>A person's country.</summary>
    public string? Nationality { get; internal set; }

    /// <summary>How the person is named alone (<c>Stoltenberg</c>); null when never.</summary>
    public string? Surname { get; internal set; }

    public override string ToString() => $"{Id} ({Canonical})";
}

/// <summary>A hit of a surface-form lookup: the actor and how the form refers to it.</summary>
public readonly record struct KbMatch(Actor Actor, MentionKind Kind);

/// <summary>A German role noun (<c>Kremlchef</c>, <c>Regierungschef</c>) and the offices it can name.</summary>
/// <param name="Alone">Whether the noun may mean a person of the report without an actor (<c>der Regierungschef</c>: yes; <c>der Chef</c>: no).</param>
public sealed record RoleNoun(string Form, IReadOnlyList<string> Offices, string? DefaultActor, Gender Gender, bool Alone = true);

/// <summary>A role noun as found in text: the noun, the actor its compound prefix or its own meaning gives, and whether it names a former holder (<c>Ex-Präsident</c>).</summary>
public readonly record struct RoleMatch(RoleNoun Role, Actor? Actor, bool Former);

/// <summary>A term of office: who held which office of which actor, from the first day to the first day out (null: still in office).</summary>
public sealed record Holding(Actor Person, string ActorId, string Office, DateOnly From, DateOnly? To)
{
    public bool Overlaps(DateRange range) => From <= range.Last && (To is not { } t || t > range.First);
}

/// <summary>A relation of a member to an organisation over a time.</summary>
public sealed record Membership(string Member, string Organisation, string Relation, DateOnly From, DateOnly? To)
{
    public bool Overlaps(DateRange range) => From <= range.Last && (To is not { } t || t > range.First);
}

/// <summary>An inclusive range of days: what a partial date (<c>2022-02</c>) can mean.</summary>
public readonly record struct DateRange(DateOnly First, DateOnly Last)
{
    public static DateRange Of(PartialDate date)
    {
        if (date.AsDate is { } d)
        {
            return new DateRange(d, d);
        }
        if (date.Month is { } m)
        {
            return new DateRange(new DateOnly(date.Year, m, 1), new DateOnly(date.Year, m, DateTime.DaysInMonth(date.Year, m)));
        }
        return new DateRange(new DateOnly(date.Year, 1, 1), new DateOnly(date.Year, 12, 31));
    }

    public static DateRange Of(DateOnly day) => new(day, day);
}
