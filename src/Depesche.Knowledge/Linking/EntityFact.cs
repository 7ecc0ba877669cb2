using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Knowledge.Linking;

public enum EntityFactKind : byte
{
    /// <summary>The entity carries a role (<c>Generalsekretär</c>), with the office and actor where the knowledge base knows them.</summary>
    Role,
    /// <summary>The report gives the entity's age (<c>der 74-Jährige</c>).</summary>
    Age,
    /// <summary>
    /// The knowledge base says whom the entity acts for at the report's date: a person the actor of their
    /// office (Stoltenberg: org:nato), a seat of power or capital its country (Kreml: RU). Value and OfActor hold the id.
    /// </summary>
    Represents,
}

/// <summary>
/// What the linker learned about an entity from the report: a role it carries or an age. The relation
/// extractor turns these into <c>holds_office</c> and <c>age</c> relations.
/// </summary>
/// <param name="Entity">Index into the entities layer.</param>
/// <param name="Value">The role noun as written, or the age.</param>
/// <param name="Office">The office the role names (head-of-government), when known.</param>
/// <param name="OfActor">The knowledge-base id of the actor the office belongs to (IT), when known.</param>
/// <param name="Evidence">The stretch of text that states it.</param>
public sealed record EntityFact(int Entity, EntityFactKind Kind, string Value, string? Office, string? OfActor, TextRange Evidence);

/// <summary>Layers the knowledge assembly adds.</summary>
public static class KnowledgeLayers
{
    public static readonly LayerKey<ImmutableArray<EntityFact>> EntityFacts = new("entity-facts");
}
