using Depesche.Data;

namespace Depesche.German.Lexicon;

/// <summary>How a verb form stands in its clause.</summary>
public enum VerbFormKind : byte
{
    /// <summary>A finite form with nothing missing: <c>sagte</c>, <c>mitteilte</c> (verb-final).</summary>
    Finite,
    /// <summary>The finite part of a separable verb whose particle comes later: <c>teilte</c> … <c>mit</c>.</summary>
    Separated,
    /// <summary>A past participle: <c>gesagt</c>, <c>mitgeteilt</c>.</summary>
    Participle,
    /// <summary>An infinitive, with its particle attached: <c>mitteilen</c>; with "zu" inside: <c>mitzuteilen</c>.</summary>
    Infinitive,
}

/// <summary>
/// Generates the forms of a German verb that the rule readers look for, from its lemma, its separable
/// particle and (for strong verbs) its principal parts: present 3rd person singular, past singular
/// and plural, the 3rd person plural (= infinitive), the participle, and the zu-infinitive.
/// </summary>
public static class VerbForms
{
    private static readonly string[] s_inseparablePrefixes = ["be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "über", "unter", "wider", "hinter"];

    /// <summary>Every form the readers look for, with how it stands in the clause.</summary>
    public static IEnumerable<(string Form, VerbFormKind Kind)> Generate(string lemma, string? particle, string conjugation, string file, int line)
    {
        // The base verb: "mitteilen" → "teilen", "deutlich machen" → "machen".
        string baseVerb = lemma;
        if (particle is not null)
        {
            if (lemma.StartsWith(particle + " ", StringComparison.Ordinal))
            {
                baseVerb = lemma[(particle.Length + 1)..];
            }
            else if (lemma.StartsWith(particle, StringComparison.Ordinal))
            {
                baseVerb = lemma[particle.Length..];
            }
            else
            {
                throw DataFile.Invalid(file, line, $"the lemma '{lemma}' does not start with its particle '{particle}'");
            }
        }
        if (!baseVerb.EndsWith('n'))
        {
            throw DataFile.Invalid(file, line, $"'{lemma}' is not an infinitive");
        }
        string stem = baseVerb.EndsWith("en", StringComparison.Ordinal) ? baseVerb[..^2] : baseVerb[..^1];
        bool eInsert = stem.EndsWith('t') || stem.EndsWith('d') || (stem.EndsWith('n') && !stem.EndsWith("rn") && !stem.EndsWith("ln") && stem.Length > 1 && !"aeiouäöüh".Contains(stem[^2]));
        bool noGe = baseVerb.EndsWith("ieren", StringComparison.Ordinal) || s_inseparablePrefixes.Any(p => baseVerb.StartsWith(p, StringComparison.Ordinal) && baseVerb.Length > p.Length + 3);

        string present3, pastSg, participle;
        if (conjugation == "weak")
        {
            present3 = stem + (eInsert ? "et" : "t");
            pastSg = stem + (eInsert ? "ete" : "te");
            participle = (noGe ? "" : "ge") + stem + (eInsert ? "et" : "t");
        }
        else
        {
            var parts = conjugation.Split('|');
            if (parts.Length != 3)
            {
                throw DataFile.Invalid(file, line, "a strong verb gives '3sg|past|participle'");
            }
            (present3, pastSg, participle) = (parts[0], parts[1], parts[2]);
        }
        string pastPl = pastSg.EndsWith('e') ? pastSg + "n" : pastSg + "en";
        string[] finite = [present3, pastSg, pastPl, baseVerb];
        bool separable = particle is not null && !lemma.Contains(' ');
        foreach (string f in finite)
        {
            if (particle is null)
            {
                yield return (f, VerbFormKind.Finite);
            }
            else
            {
                yield return (f, VerbFormKind.Separated);
                if (separable)
                {
                    yield return (particle + f, VerbFormKind.Finite); // verb-final: "wie … mitteilte"
                }
            }
        }
        yield return ((separable ? particle : "") + participle, VerbFormKind.Participle);
        if (separable)
        {
            yield return (particle + "zu" + baseVerb, VerbFormKind.Infinitive); // "abzuziehen"
        }
        if (particle is not null && !separable)
        {
            yield return (participle, VerbFormKind.Participle); // "deutlich gemacht"
        }
    }
}
