namespace Depesche.Model;

/// <summary>
/// A name the entity recogniser found, before linking: its range, its GermEval type and whether it is the
/// name itself, a derived adjective (<c>russische</c>) or a compound that contains it (<c>US-Truppen</c>).
/// The linker turns these into entities.
/// </summary>
public readonly record struct MentionCandidate(TextRange Range, EntityType Type, MentionKind Kind);
