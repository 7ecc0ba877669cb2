namespace Depesche.Model;

/// <summary>
/// A name the entity recogniser found, before linking: its range, its GermEval type and whether it is the
/// name itself, a derived adjective (<c>russische</c>) or a compound that contains it (<c>US-Truppen</c>).
/// The linker turns these into entities.
/// </summary>
/// <param name="Confidence">How sure the recogniser is (the lowest token probability of the span); 1 for knowledge-base matches.</param>
public readonly record struct MentionCandidate(TextRange Range, EntityType Type, MentionKind Kind, float Confidence = 1f);
