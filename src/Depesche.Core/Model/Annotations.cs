namespace Depesche.Model;

// The annotation layers that later components fill. They exist as types from the start so
// that writers, the store and tests can rely on their shape; a layer nobody produced is empty.

/// <summary>Entity types at GermEval 2014's outer level.</summary>
public enum EntityType : byte
{
    Person,
    Organisation,
    Location,
    Other,
}

/// <summary>How a mention refers to its entity.</summary>
public enum MentionKind : byte
{
    Name,
    Alias,
    Role,
    Pronoun,
    /// <summary>A derived adjective (<c>russische</c>).</summary>
    Deriv,
    /// <summary>A compound that contains the name (<c>Nato-Staaten</c>).</summary>
    Part,
}

public readonly record struct Mention(TextRange Range, MentionKind Kind);

/// <summary>One entity of a report with all its mentions.</summary>
/// <param name="KnowledgeId">Identifier in the knowledge base, if linked.</param>
public sealed record Entity(int Id, string Canonical, EntityType Type, string? KnowledgeId, IReadOnlyList<Mention> Mentions);

public enum QuoteKind : byte
{
    Direct,
    Indirect,
    Mixed,
}

/// <summary>A reference from a quote or event role to a stretch of text and, where known, an entity.</summary>
/// <param name="Origin">Whether the clause itself names the argument, an earlier sentence of the report does
/// (the range is then that earlier mention), or nobody is named (the range is empty, at the trigger).</param>
public sealed record ArgumentRef(int? Entity, TextRange Range, ArgumentOrigin Origin = ArgumentOrigin.Stated);

/// <summary>Where an argument comes from.</summary>
public enum ArgumentOrigin : byte
{
    /// <summary>The clause that states the event (or quote) names it.</summary>
    Stated,

    /// <summary>Taken from the report's earlier statement of the same event or of its cause
    /// ("Dabei wurden drei Wachleute verletzt" after "Rebellen überfielen die Kaserne").</summary>
    Context,

    /// <summary>Nobody is named anywhere ("Eine Bombe explodierte"): an unknown perpetrator.</summary>
    Unknown,
}

/// <summary>A cue (<c>sagte</c>, <c>forderte … auf</c>): the first part's range and the whole lemma.</summary>
public sealed record Cue(TextRange Range, string? Lemma);

/// <summary>A quotation: its content (without quotation marks), speaker, cue and addressee.</summary>
public sealed record Quote(QuoteKind Kind, TextRange Content, ArgumentRef? Speaker, Cue? Cue, ArgumentRef? Addressee);

public enum Approximation : byte
{
    Exact,
    About,
    MoreThan,
    LessThan,
    Range,
}

/// <summary>A quantity: value, approximator, upper bound for ranges, and what is counted.</summary>
public sealed record Quantity(TextRange Range, double Value, Approximation Approx, double? Upper, string? Unit);

public enum TimeType : byte
{
    Date,
    Time,
    Duration,
    Set,
}

/// <summary>A time expression with its TIMEX3-style type and value.</summary>
public sealed record TimeExpression(TextRange Range, TimeType Type, string Value);

public enum EventMode : byte
{
    Asserted,
    Negated,
    Planned,
    Announced,
    Hypothetical,
    Requested,
}

/// <summary>An event: PLOVER type with CAMEO root, mode, roles and the trigger that states it.</summary>
/// <param name="Time">Index into the times layer.</param>
/// <param name="Quantity">Index into the quantities layer.</param>
/// <param name="SourceQuote">Index of the quote whose speaker states the event, if it is inside one.</param>
public sealed record Event(
    string Type,
    string Cameo,
    EventMode Mode,
    ArgumentRef? Actor,
    ArgumentRef? Target,
    ArgumentRef? Location,
    int? Time,
    int? Quantity,
    TextRange Trigger,
    int Sentence,
    int? SourceQuote = null);

public enum RelationType : byte
{
    HoldsOffice,
    MemberOf,
    PartOf,
    LedBy,
    ContributesTo,
    LocatedIn,
    Borders,
    Alias,
    Age,
}

/// <summary>A relation between two entities, or between an entity and a literal (an age). <paramref name="Quantity"/>
/// indexes the quantities layer: how much a contribution is (<c>stellt 750 Soldaten</c>).</summary>
public sealed record Relation(int Subject, RelationType Type, int? ObjectEntity, string? ObjectLiteral, string? Role, bool Negated, TextRange Evidence, int? Quantity = null);
