using System.Globalization;
using Depesche.Model;

namespace Depesche.Knowledge;

/// <summary>
/// A small query language over the knowledge base, used by the data files' <c>#?</c> examples and by
/// <c>depesche kb query</c>. Each query is one line: a verb and its arguments, dates as YYYY[-MM[-DD]].
/// </summary>
public static class KnowledgeQuery
{
    public const string Help =
        "lookup TEXT | anaphor TEXT | parent ID | code CODE | country CODE | count un-members | "
        + "member ID ORG DATE | relation ID ORG DATE | members ORG DATE | count members ORG DATE | "
        + "role NOUN [ACTOR] DATE | holder PERSON DATE | actor PERSON DATE | person NAME DATE | "
        + "age PERSON DATE | gender PERSON | cue WORD";

    /// <summary>Runs a query; a malformed one is a <see cref="ErrorCodes.KnowledgeQueryInvalid"/> error.</summary>
    public static string Run(KnowledgeBase kb, string query)
    {
        var parts = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw Invalid(query);
        }
        string rest = string.Join(' ', parts[1..]);
        switch (parts[0])
        {
            case "lookup":
                return kb.TryLookup(rest, out var m) ? Describe(m) : "none";
            case "anaphor":
                return kb.TryLookupAnaphor(rest, out var an) ? an.Id : "none";
            case "parent":
                return Actor(kb, parts[1]).Parent ?? "none";
            case "code":
                return kb.CountryCode(parts[1]) ?? "none";
            case "country":
                var c = Actor(kb, parts[1]);
                return $"{c.Canonical}|{c.Status}";
            case "count" when parts[1] == "un-members":
                return kb.Actors.Count(a => a.Kind == ActorKind.Country && a.Status == "member").ToString(CultureInfo.InvariantCulture);
            case "count" when parts.Length == 4 && parts[1] == "members":
                return kb.MembersAt(Actor(kb, parts[2]).Id, Date(parts[3])).Count.ToString(CultureInfo.InvariantCulture);
            case "member" when parts.Length == 4:
                return kb.IsMember(Actor(kb, parts[1]).Id, Actor(kb, parts[2]).Id, Date(parts[3])) ? "yes" : "no";
            case "relation" when parts.Length == 4:
                var rel = kb.RelationsAt(Actor(kb, parts[1]).Id, Actor(kb, parts[2]).Id, Date(parts[3]));
                return rel.Count == 0 ? "none" : string.Join(", ", rel);
            case "members" when parts.Length == 3:
                return string.Join(' ', kb.MembersAt(Actor(kb, parts[1]).Id, Date(parts[2])));
            case "role" when parts.Length is 3 or 4:
                if (!kb.TryGetRole(parts[1], out var role))
                {
                    return "not a role noun";
                }
                var actor = parts.Length == 4 ? Actor(kb, parts[2]) : null;
                var holders = kb.Holders(role, actor, Date(parts[^1]));
                return holders.Count == 0 ? "none" : string.Join(", ", holders.Select(h => h.Canonical));
            case "holder" when parts.Length == 3:
                return kb.HoldingAt(Actor(kb, parts[1]), Date(parts[2])) is { } h ? $"{h.Office} {h.ActorId}" : "none";
            case "actor" when parts.Length == 3:
                return kb.ActorOf(Actor(kb, parts[1]), Date(parts[2]))?.Id ?? "none";
            case "person" when parts.Length >= 3:
                return kb.ResolvePerson(string.Join(' ', parts[1..^1]), Date(parts[^1]))?.Id ?? "none";
            case "age" when parts.Length == 3:
                return kb.Age(Actor(kb, parts[1]), Date(parts[2])) is { } age
                    ? (age.Min == age.Max ? age.Min.ToString(CultureInfo.InvariantCulture) : $"{age.Min}-{age.Max}")
                    : "unknown";
            case "first-name" when parts.Length == 2:
                return kb.FirstNameGender(parts[1]) switch { Gender.Male => "m", Gender.Female => "f", _ => "unknown" };
            case "gender" when parts.Length == 2:
                return Actor(kb, parts[1]).Gender switch { Gender.Male => "m", Gender.Female => "f", _ => "unknown" };
            case "cue" when parts.Length == 2:
                return kb.Cue(parts[1]) switch
                {
                    CueClass.SpeechVerb => "speech-verb",
                    CueClass.PronounMasculine => "pronoun-m",
                    CueClass.PronounFeminine => "pronoun-f",
                    CueClass.ArticleMasculine => "article-m",
                    CueClass.ArticleFeminine => "article-f",
                    CueClass.Former => "former",
                    _ => "none",
                };
            default:
                throw Invalid(query);
        }
    }

    /// <summary><c>RU LOC name</c>; places add the country they stand for (<c>loc:kreml ORG name RU</c>).</summary>
    public static string Describe(KbMatch m)
    {
        string type = m.Actor.Type switch
        {
            EntityType.Person => "PER",
            EntityType.Organisation => "ORG",
            EntityType.Location => "LOC",
            _ => "OTH",
        };
        string kind = m.Kind.ToString().ToLowerInvariant();
        return m.Actor.Kind == ActorKind.Place && m.Actor.Parent is not null ? $"{m.Actor.Id} {type} {kind} {m.Actor.Parent}" : $"{m.Actor.Id} {type} {kind}";
    }

    private static Actor Actor(KnowledgeBase kb, string id)
        => kb[id] ?? (kb.CountryCode(id) is { } code ? kb[code]! : throw new DepescheException(ErrorCodes.KnowledgeQueryInvalid, $"unknown actor '{id}'"));

    private static DateRange Date(string s)
        => PartialDate.TryParse(s, out var d) ? DateRange.Of(d.Value)
            : throw new DepescheException(ErrorCodes.KnowledgeQueryInvalid, $"'{s}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");

    private static DepescheException Invalid(string query)
        => new(ErrorCodes.KnowledgeQueryInvalid, $"cannot read the query '{query}'; queries: {Help}");
}
