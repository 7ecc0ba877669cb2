using System.Collections.Frozen;
using Depesche.Data;
using Depesche.Model;

namespace Depesche.Knowledge;

/// <summary>
/// The knowledge base of actors: countries and territories, organisations with their bodies and members,
/// places that stand for governments, and office holders with dates. Loaded once from the embedded data
/// files into frozen lookups; immutable and thread-safe afterwards. Lookups take spans and allocate nothing.
/// </summary>
public sealed partial class KnowledgeBase
{
    private static readonly Lazy<KnowledgeBase> s_default = new(() => Load());

    /// <summary>Adjective endings: a stem matches itself and these (<c>russisch</c>, <c>russische</c>, …).</summary>
    private static readonly string[] s_adjectiveEndings = ["en", "em", "er", "es", "e", ""];

    private readonly Actor[] _actors;
    private readonly FrozenDictionary<string, Actor> _byId;
    private readonly FrozenDictionary<string, KbMatch[]> _surfaces;
    private readonly FrozenDictionary<string, KbMatch[]>.AlternateLookup<ReadOnlySpan<char>> _surfacesSpan;
    private readonly FrozenDictionary<string, Actor>.AlternateLookup<ReadOnlySpan<char>> _adjectivesSpan;
    private readonly FrozenDictionary<string, Actor>.AlternateLookup<ReadOnlySpan<char>> _prefixesSpan;
    private readonly FrozenDictionary<string, Actor>.AlternateLookup<ReadOnlySpan<char>> _anaphorsSpan;
    private readonly FrozenDictionary<string, RoleNoun>.AlternateLookup<ReadOnlySpan<char>> _rolesSpan;
    private readonly FrozenDictionary<string, Actor[]>.AlternateLookup<ReadOnlySpan<char>> _personNamesSpan;
    private readonly FrozenDictionary<string, Actor[]>.AlternateLookup<ReadOnlySpan<char>> _surnamesSpan;
    private readonly FrozenDictionary<string, CueClass>.AlternateLookup<ReadOnlySpan<char>> _cuesSpan;
    private readonly FrozenDictionary<string, Gender>.AlternateLookup<ReadOnlySpan<char>> _firstNames;
    private readonly FrozenDictionary<string, Holding[]> _holdingsByPerson;
    private readonly FrozenDictionary<string, Holding[]> _holdingsByActorOffice;
    private readonly FrozenDictionary<string, Membership[]> _membershipsByOrg;
    private readonly FrozenDictionary<string, string> _alpha3;

    private KnowledgeBase(Builder b)
    {
        _actors = [.. b.Actors];
        _byId = b.Actors.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        _surfaces = b.Surfaces.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderBy(e => e.Priority).Select(e => e.Match).Distinct().ToArray(),
            StringComparer.Ordinal);
        _surfacesSpan = _surfaces.GetAlternateLookup<ReadOnlySpan<char>>();
        _adjectivesSpan = b.Adjectives.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixesSpan = b.Prefixes.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Anaphors = b.Anaphors.ToFrozenDictionary(StringComparer.Ordinal);
        _anaphorsSpan = Anaphors.GetAlternateLookup<ReadOnlySpan<char>>();
        Roles = b.Roles.ToFrozenDictionary(StringComparer.Ordinal);
        _rolesSpan = Roles.GetAlternateLookup<ReadOnlySpan<char>>();
        _personNamesSpan = b.PersonNames.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _surnamesSpan = b.Surnames.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _cuesSpan = b.Cues.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _firstNames = b.FirstNameGenders.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Holdings = [.. b.Holdings];
        _holdingsByPerson = b.Holdings.GroupBy(h => h.Person.Id)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(h => h.From).ToArray(), StringComparer.Ordinal);
        _holdingsByActorOffice = b.Holdings.GroupBy(h => h.ActorId + "|" + h.Office)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(h => h.From).ToArray(), StringComparer.Ordinal);
        Memberships = [.. b.Memberships];
        _membershipsByOrg = b.Memberships.GroupBy(m => m.Organisation)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _alpha3 = b.Actors.Where(a => a.Alpha3 is not null).ToFrozenDictionary(a => a.Alpha3!, a => a.Id, StringComparer.Ordinal);
        _multiWordFirsts = b.Surfaces.Keys.Concat(b.PersonNames.Keys).Concat(b.Surnames.Keys).Concat(b.Anaphors.Keys)
            .Where(k => k.Contains(' ', StringComparison.Ordinal))
            .Select(k => k[..k.IndexOf(' ', StringComparison.Ordinal)])
            .ToFrozenSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        MaxWords = b.Surfaces.Keys.Concat(b.PersonNames.Keys).Concat(b.Surnames.Keys).Concat(b.Anaphors.Keys).Max(k => k.Count(c => c == ' ') + 1);
        DataFiles = b.Files;
    }

    /// <summary>The knowledge base built from the embedded files, loaded once.</summary>
    public static KnowledgeBase Default => s_default.Value;

    public IReadOnlyList<Actor> Actors => _actors;

    public IReadOnlyList<Holding> Holdings { get; }

    public IReadOnlyList<Membership> Memberships { get; }

    public FrozenDictionary<string, RoleNoun> Roles { get; }

    /// <summary>Forms that name an organisation only where the report names it otherwise (<c>Bündnis</c>).</summary>
    public FrozenDictionary<string, Actor> Anaphors { get; }

    /// <summary>First words of multi-word forms, so that span matching tries longer spans only where one can start.</summary>
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _multiWordFirsts;

    /// <summary>Whether a multi-word form starts with <paramref name="word"/>.</summary>
    public bool StartsMultiWordForm(ReadOnlySpan<char> word) => _multiWordFirsts.Contains(word);

    /// <summary>The most words any form has.</summary>
    public int MaxWords { get; }

    /// <summary>The data files it was built from (name, kind, row count), for <c>depesche kb stats</c>.</summary>
    public IReadOnlyList<(string Name, string Kind, int Rows, int Examples)> DataFiles { get; }

    public int Count(ActorKind kind) => _actors.Count(a => a.Kind == kind);

    public Actor? this[string id] => _byId.GetValueOrDefault(id);

    public bool TryGet(string id, out Actor actor) => _byId.TryGetValue(id, out actor!);

    /// <summary>The alpha-2 code of an ISO alpha-3 code, or the alpha-2 code itself when it is one.</summary>
    public string? CountryCode(string code) =>
        _alpha3.TryGetValue(code, out var a2) ? a2 : _byId.TryGetValue(code, out var a) && a.Kind == ActorKind.Country ? a.Id : null;

    // ------------------------------------------------------------------ surface forms

    /// <summary>
    /// Looks a surface form up: a name of a country, organisation or place (inflected forms included:
    /// <c>Russlands</c>), an inhabitant or an adjective (<c>russischen</c>: kind deriv), or a compound with a
    /// known first part (<c>US-Truppen</c>: kind part). Multi-word forms are joined by single spaces.
    /// Persons are looked up with <see cref="FindPersons"/>.
    /// </summary>
    public bool TryLookup(ReadOnlySpan<char> surface, out KbMatch match)
    {
        if (TryLookupName(surface, out match))
        {
            return true;
        }
        if (TryLookupAdjective(surface, out var adj))
        {
            match = new KbMatch(adj, MentionKind.Deriv);
            return true;
        }
        if (TryLookupCompound(surface, out var part))
        {
            match = new KbMatch(part, MentionKind.Part);
            return true;
        }
        match = default;
        return false;
    }

    /// <summary>Names, abbreviations and inhabitants only (no adjectives, no compounds).</summary>
    public bool TryLookupName(ReadOnlySpan<char> surface, out KbMatch match)
    {
        if (_surfacesSpan.TryGetValue(surface, out var hits))
        {
            match = hits[0];
            return true;
        }
        match = default;
        return false;
    }

    /// <summary>Every actor a name form can mean, best first (<c>Kongo</c> may be ambiguous).</summary>
    public ReadOnlySpan<KbMatch> LookupAll(ReadOnlySpan<char> surface)
        => _surfacesSpan.TryGetValue(surface, out var hits) ? hits : [];

    /// <summary>A derived adjective in any ending (<c>russisch</c>, <c>Russische</c>, <c>russischen</c>).</summary>
    public bool TryLookupAdjective(ReadOnlySpan<char> word, out Actor actor)
    {
        if (word.IsEmpty)
        {
            actor = null!;
            return false;
        }
        foreach (string ending in s_adjectiveEndings)
        {
            // Without an ending only the predicative lower-case form counts: "Deutsch" is a language.
            if (ending.Length == 0 && !char.IsLower(word[0]))
            {
                continue;
            }
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal)
                && _adjectivesSpan.TryGetValue(word[..^ending.Length], out actor!))
            {
                return true;
            }
        }
        actor = null!;
        return false;
    }

    /// <summary>A hyphenated compound whose first part names an actor (<c>Nato-Staaten</c>, <c>US-Truppen</c>), or a truncated one (<c>Nato-</c>).</summary>
    public bool TryLookupCompound(ReadOnlySpan<char> word, out Actor actor)
    {
        int hyphen = word.IndexOf('-');
        if (hyphen > 0 && _prefixesSpan.TryGetValue(word[..hyphen], out actor!))
        {
            return true;
        }
        actor = null!;
        return false;
    }

    /// <summary>An anaphoric form (<c>Bündnis</c>) and the organisation it names where that organisation is in the report.</summary>
    public bool TryLookupAnaphor(ReadOnlySpan<char> surface, out Actor actor) => _anaphorsSpan.TryGetValue(surface, out actor!);

    // ------------------------------------------------------------------ roles and offices

    /// <summary>
    /// A role noun, plain (<c>Kremlchef</c>, <c>Außenministerin</c>) or with an actor as compound prefix
    /// (<c>Nato-Generalsekretär</c>, <c>US-Präsident</c>, <c>Ex-Präsident</c>).
    /// </summary>
    public bool TryGetRole(ReadOnlySpan<char> word, out RoleMatch match)
    {
        match = default;
        bool former = false;
        Actor? prefixActor = null;
        while (true)
        {
            if (_rolesSpan.TryGetValue(word, out var role))
            {
                Actor? actor = role.DefaultActor is { } d ? this[d] : null;
                if (prefixActor is not null && (actor is null || !IsWithin(actor, prefixActor)))
                {
                    actor = prefixActor;
                }
                match = new RoleMatch(role, actor, former);
                return true;
            }
            int hyphen = word.IndexOf('-');
            if (hyphen <= 0 || hyphen == word.Length - 1)
            {
                return false;
            }
            var head = word[..hyphen];
            if (_cuesSpan.TryGetValue(head, out var cue) && cue == CueClass.Former)
            {
                former = true;
            }
            else if (_prefixesSpan.TryGetValue(head, out var p) && prefixActor is null)
            {
                prefixActor = p;
            }
            else
            {
                return false;
            }
            word = word[(hyphen + 1)..];
        }
    }

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or part of it (VJTF within Nato).</summary>
    public bool IsWithin(Actor inner, Actor outer)
    {
        for (Actor? a = inner; a is not null; a = a.Parent is { } p ? this[p] : null)
        {
            if (ReferenceEquals(a, outer))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Who held the office a role noun names for <paramref name="actorId"/> during <paramref name="date"/>,
    /// in order of taking office. The role's offices are tried in order (Präsident: head of state, then president).
    /// </summary>
    public IReadOnlyList<Actor> Holders(RoleNoun role, string actorId, DateRange date)
    {
        foreach (string office in role.Offices)
        {
            if (_holdingsByActorOffice.TryGetValue(actorId + "|" + office, out var list))
            {
                var found = new List<Actor>();
                foreach (var h in list)
                {
                    if (h.Overlaps(date) && !found.Contains(h.Person))
                    {
                        found.Add(h.Person);
                    }
                }
                if (found.Count > 0)
                {
                    return found;
                }
            }
        }
        return [];
    }

    /// <summary>The holders of a role noun as found in text; its actor comes from the match or from <paramref name="actor"/>.</summary>
    public IReadOnlyList<Actor> Holders(RoleMatch role, Actor? actor, DateRange date)
    {
        var a = role.Actor ?? actor;
        return a is null || role.Former ? [] : Holders(role.Role, a.Id, date);
    }

    /// <summary>The person's terms of office, most recent first.</summary>
    public ReadOnlySpan<Holding> HoldingsOf(Actor person)
        => _holdingsByPerson.TryGetValue(person.Id, out var h) ? h : [];

    /// <summary>The person's term that overlaps <paramref name="date"/> and matches one of <paramref name="offices"/> (any office when null).</summary>
    public Holding? HoldingAt(Actor person, DateRange date, IReadOnlyList<string>? offices = null)
    {
        foreach (var h in HoldingsOf(person))
        {
            if (h.Overlaps(date) && (offices is null || offices.Contains(h.Office)))
            {
                return h;
            }
        }
        return null;
    }

    /// <summary>
    /// The actor a person represents at a date: the country or organisation of an office held then
    /// (Stoltenberg on 2022-02-25: Nato), else the person's country.
    /// </summary>
    public Actor? ActorOf(Actor person, DateRange date)
    {
        if (HoldingAt(person, date) is { } h)
        {
            return this[h.ActorId];
        }
        return person.Nationality is { } n ? this[n] : null;
    }

    /// <summary>The ages a person can have during <paramref name="date"/>: one number, or two around a birthday.</summary>
    public (int Min, int Max)? Age(Actor person, DateRange date)
    {
        if (person.Born is not { } born)
        {
            return null;
        }
        return (YearsBetween(born, date.First), YearsBetween(born, date.Last));
    }

    private static int YearsBetween(DateOnly born, DateOnly day)
    {
        int years = day.Year - born.Year;
        if (day.Month < born.Month || (day.Month == born.Month && day.Day < born.Day))
        {
            years--;
        }
        return years;
    }

    // ------------------------------------------------------------------ persons

    /// <summary>
    /// Persons a name can mean: full names and other forms (<c>Jens Stoltenberg</c>, <c>Stoltenbergs</c>),
    /// else surnames (<c>Stoltenberg</c>, <c>von der Leyen</c>).
    /// </summary>
    public ReadOnlySpan<Actor> FindPersons(ReadOnlySpan<char> name, out bool bySurname)
    {
        bySurname = false;
        if (_personNamesSpan.TryGetValue(name, out var hits))
        {
            return hits;
        }
        bySurname = true;
        if (_surnamesSpan.TryGetValue(name, out hits))
        {
            return hits;
        }
        if (name.Length > 3 && name[^1] == 's' && _surnamesSpan.TryGetValue(name[..^1], out hits))
        {
            return hits;
        }
        return [];
    }

    /// <summary>
    /// The one person a name means at a date: a full name; or a surname that, at a known date, exactly one
    /// person in office then has (a bare "Schmid" or "Kurz" is far more often someone else); or, without a
    /// date, a surname only one known person has. Null when unknown or ambiguous.
    /// </summary>
    public Actor? ResolvePerson(ReadOnlySpan<char> name, DateRange? date)
    {
        var hits = FindPersons(name, out bool bySurname);
        if (hits.Length == 1 && (!bySurname || date is null))
        {
            return hits[0];
        }
        if (hits.Length == 0 || date is not { } d)
        {
            return null;
        }
        Actor? only = null;
        foreach (var p in hits)
        {
            if (HoldingAt(p, d) is not null)
            {
                if (only is not null)
                {
                    return null;
                }
                only = p;
            }
        }
        return only;
    }

    // ------------------------------------------------------------------ memberships

    /// <summary>The relations (member, partner, candidate, …) of <paramref name="memberId"/> to <paramref name="orgId"/> during the date.</summary>
    public IReadOnlyList<string> RelationsAt(string memberId, string orgId, DateRange date)
    {
        var found = new List<string>();
        if (orgId == "org:un")
        {
            if (this[memberId] is { Kind: ActorKind.Country, Status: "member" })
            {
                found.Add("member");
            }
            return found;
        }
        if (_membershipsByOrg.TryGetValue(orgId, out var list))
        {
            foreach (var m in list)
            {
                if (m.Member == memberId && m.Overlaps(date) && !found.Contains(m.Relation))
                {
                    found.Add(m.Relation);
                }
            }
        }
        return found;
    }

    /// <summary>Whether <paramref name="memberId"/> is a full member of <paramref name="orgId"/> on a date (Ukraine is no Nato member).</summary>
    public bool IsMember(string memberId, string orgId, DateRange date)
        => RelationsAt(memberId, orgId, date).Contains("member");

    /// <summary>The full members of an organisation during a date, ordered by id.</summary>
    public IReadOnlyList<string> MembersAt(string orgId, DateRange date)
    {
        if (orgId == "org:un")
        {
            return [.. _actors.Where(a => a.Kind == ActorKind.Country && a.Status == "member").Select(a => a.Id).Order(StringComparer.Ordinal)];
        }
        if (!_membershipsByOrg.TryGetValue(orgId, out var list))
        {
            return [];
        }
        return [.. list.Where(m => m.Relation == "member" && m.Overlaps(date)).Select(m => m.Member).Distinct().Order(StringComparer.Ordinal)];
    }

    // ------------------------------------------------------------------ linking cues

    /// <summary>What a word is to the linker: a speech verb, a pronoun, an article, a "former" word.</summary>
    public CueClass Cue(ReadOnlySpan<char> word) => _cuesSpan.TryGetValue(word, out var c) ? c : CueClass.None;

    /// <summary>The usual gender of a first name (first-names.tsv), or unknown.</summary>
    public Gender FirstNameGender(ReadOnlySpan<char> name) => _firstNames.TryGetValue(name, out var g) ? g : Gender.Unknown;
}

/// <summary>Classes of the words in linking-cues.tsv.</summary>
public enum CueClass : byte
{
    None,
    SpeechVerb,
    PronounMasculine,
    PronounFeminine,
    ArticleMasculine,
    ArticleFeminine,
    Former,
}
