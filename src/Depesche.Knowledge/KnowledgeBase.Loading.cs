using Depesche.Data;
using Depesche.Model;

namespace Depesche.Knowledge;

public sealed partial class KnowledgeBase
{
    /// <summary>The embedded data files, in load order, with their kinds.</summary>
    public static readonly IReadOnlyList<(string File, string Kind)> FileKinds =
    [
        ("countries.tsv", "countries"),
        ("country-forms.tsv", "country-forms"),
        ("organisations.tsv", "organisations"),
        ("memberships.tsv", "memberships"),
        ("roles.tsv", "roles"),
        ("persons.tsv", "persons"),
        ("offices.tsv", "offices"),
        ("linking-cues.tsv", "linking-cues"),
        ("first-names.tsv", "first-names"),
    ];

    /// <summary>Builds the knowledge base from the data files embedded in this assembly.</summary>
    public static KnowledgeBase Load()
    {
        var files = FileKinds.Select(f => KnowledgeData.Load(f.File, f.Kind)).ToArray();
        return Load(files);
    }

    /// <summary>Builds the knowledge base from data files given in the order of <see cref="FileKinds"/> (tests pass their own).</summary>
    public static KnowledgeBase Load(IReadOnlyList<DataFile> files)
    {
        var b = new Builder();
        foreach (var f in files)
        {
            b.Files.Add((f.Name, f.Kind, f.Rows.Count, f.Examples.Count));
        }
        var byKind = files.ToDictionary(f => f.Kind, StringComparer.Ordinal);
        b.Countries(Need(byKind, "countries"));
        b.CountryForms(Need(byKind, "country-forms"));
        b.Organisations(Need(byKind, "organisations"));
        b.MembershipRows(Need(byKind, "memberships"));
        b.RoleNouns(Need(byKind, "roles"));
        b.Persons(Need(byKind, "persons"));
        b.Offices(Need(byKind, "offices"));
        b.LinkingCues(Need(byKind, "linking-cues"));
        if (byKind.TryGetValue("first-names", out var firstNames))
        {
            b.FirstNames(firstNames);
        }
        return new KnowledgeBase(b);
    }

    private static DataFile Need(Dictionary<string, DataFile> byKind, string kind)
        => byKind.TryGetValue(kind, out var f) ? f : throw new DepescheException(ErrorCodes.KnowledgeDataInvalid, $"no '{kind}' data file was given");

    private sealed class Builder
    {
        private const int PriorityName = 0;
        private const int PriorityAbbreviation = 1;
        private const int PriorityDemonym = 2;

        private readonly Dictionary<string, Actor> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Actor> _personByName = new(StringComparer.Ordinal);
        private readonly HashSet<string> _noGenitive = new(StringComparer.Ordinal);

        public List<(string Name, string Kind, int Rows, int Examples)> Files { get; } = [];

        public List<Actor> Actors { get; } = [];

        public Dictionary<string, List<(KbMatch Match, int Priority)>> Surfaces { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Actor> Adjectives { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Actor> Prefixes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Actor> Anaphors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, RoleNoun> Roles { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<Actor>> PersonNames { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<Actor>> Surnames { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CueClass> Cues { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Gender> FirstNameGenders { get; } = new(StringComparer.Ordinal);

        public List<Holding> Holdings { get; } = [];

        public List<Membership> Memberships { get; } = [];

        private readonly HashSet<string> _offices = new(StringComparer.Ordinal);

        public void Countries(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                var a = NewActor(file, row, row[0], row.Get(3, row[0]), ActorKind.Country, EntityType.Location);
                a.Alpha3 = row.Get(1, null!);
                a.Status = row.Get(6, "territory");
                foreach (string form in new[] { row.Get(3) , row.Get(4) }.Concat(Split(row.Get(5))))
                {
                    AddSurface(form, a, MentionKind.Name, PriorityName);
                }
            }
        }

        public void CountryForms(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                var forms = Split(row.Get(2));
                if (row.Get(1) == "region")
                {
                    var region = NewActor(file, row, row[0], forms[0], ActorKind.Place, EntityType.Location);
                    region.Status = "region";
                    forms.ForEach(f => AddSurface(f, region, MentionKind.Name, PriorityName));
                    continue;
                }
                var country = Existing(file, row, row[0]);
                switch (row.Get(1))
                {
                    case "canonical":
                        country.Canonical = forms[0];
                        AddSurface(forms[0], country, MentionKind.Name, PriorityName);
                        break;
                    case "name":
                        forms.ForEach(f => AddSurface(f, country, MentionKind.Name, PriorityName));
                        break;
                    case "article":
                        _noGenitive.Add(country.Id);
                        break;
                    case "adj":
                        foreach (string stem in forms)
                        {
                            Adjectives.TryAdd(stem, country);
                            Adjectives.TryAdd(char.ToUpperInvariant(stem[0]) + stem[1..], country);
                        }
                        break;
                    case "demonym":
                        forms.ForEach(f => AddSurface(f, country, MentionKind.Deriv, PriorityDemonym));
                        break;
                    case "abbr":
                        foreach (string f in forms)
                        {
                            AddSurface(f, country, MentionKind.Name, PriorityAbbreviation);
                            Prefixes.TryAdd(f, country);
                        }
                        break;
                    case "prefix":
                        forms.ForEach(f => Prefixes.TryAdd(f, country));
                        break;
                    case "capital":
                    case "seat":
                        var place = NewActor(file, row, "loc:" + Text.Slug(forms[0]), forms[0], ActorKind.Place,
                            row.Get(1) == "capital" ? EntityType.Location : EntityType.Organisation);
                        place.Parent = country.Id;
                        place.Status = row.Get(1);
                        forms.ForEach(f => AddSurface(f, place, MentionKind.Name, PriorityName));
                        break;
                    default:
                        throw DataFile.Invalid(file.Name, row.Line, $"unknown kind '{row.Get(1)}'");
                }
            }
            // What every country gets: its canonical name as a compound prefix and, where German forms one, its genitive.
            foreach (var a in Actors.Where(a => a.Kind == ActorKind.Country).ToArray())
            {
                string name = a.Canonical;
                if (!name.Contains(' ', StringComparison.Ordinal))
                {
                    Prefixes.TryAdd(name, a);
                    if (!_noGenitive.Contains(a.Id) && !EndsInSibilant(name))
                    {
                        AddSurface(name + "s", a, MentionKind.Name, PriorityName);
                    }
                }
            }
        }

        public void Organisations(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                var a = NewActor(file, row, row[0], row.Get(1, row[0]), ActorKind.Organisation, EntityType.Organisation);
                a.Status = row.Get(2, null!);
                a.Parent = row.Get(3, null!);
                AddSurface(a.Canonical, a, MentionKind.Name, PriorityName);
                foreach (string f in Split(row.Get(4)))
                {
                    AddSurface(f, a, MentionKind.Name, PriorityName);
                    if (!f.Contains(' ', StringComparison.Ordinal) && !f.Contains('-', StringComparison.Ordinal))
                    {
                        Prefixes.TryAdd(f, a);
                    }
                }
                Split(row.Get(5)).ForEach(f => Anaphors.TryAdd(f, a));
                Split(row.Get(6)).ForEach(f => Prefixes[f] = a);
            }
            foreach (var a in Actors.Where(a => a.Kind == ActorKind.Organisation && a.Parent is not null))
            {
                if (!_byId.ContainsKey(a.Parent!))
                {
                    throw new DepescheException(ErrorCodes.KnowledgeDataInvalid, $"organisations.tsv: {a.Id} is part of unknown '{a.Parent}'");
                }
            }
        }

        public void MembershipRows(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                Existing(file, row, row[0]);
                Existing(file, row, row.Get(1));
                Memberships.Add(new Membership(row[0], row[1], row.Get(2, "member"),
                    ParseDate(file, row, row.Get(3)) ?? DateOnly.MinValue, ParseDate(file, row, row.Get(4))));
            }
        }

        public void RoleNouns(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                var offices = Split(row.Get(1));
                offices.ForEach(o => _offices.Add(o));
                string? actor = row.Get(2, null!);
                if (actor is not null)
                {
                    Existing(file, row, actor);
                }
                var gender = row.Get(3) switch { "m" => Gender.Male, "f" => Gender.Female, _ => Gender.Unknown };
                foreach (string form in Split(row[0]))
                {
                    Roles[form] = new RoleNoun(form, offices, actor, gender, row.Get(4) != "no");
                }
            }
        }

        public void Persons(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                string name = row[0];
                var p = NewActor(file, row, "per:" + Text.Slug(name), name, ActorKind.Person, EntityType.Person);
                _personByName[name] = p;
                p.Gender = row.Get(1) switch { "m" => Gender.Male, "f" => Gender.Female, _ => Gender.Unknown };
                p.Born = ParseDate(file, row, row.Get(2));
                if (row.Get(3) is { Length: > 0 } nat)
                {
                    Existing(file, row, nat);
                    p.Nationality = nat;
                }
                string lastWord = name[(name.LastIndexOf(' ') + 1)..];
                string surname = row.Get(4, lastWord);
                p.Surname = surname == "-" ? null : surname;
                var names = new List<string> { name };
                names.AddRange(Split(row.Get(5)));
                foreach (string n in names.ToArray())
                {
                    names.Add(Text.Fold(n));
                }
                foreach (string n in names.Distinct())
                {
                    AddPersonName(PersonNames, n, p);
                    if (!EndsInSibilant(n) && !n.EndsWith('.'))
                    {
                        AddPersonName(PersonNames, n + "s", p);
                    }
                }
                if (p.Surname is { } s)
                {
                    AddPersonName(Surnames, s, p);
                    AddPersonName(Surnames, Text.Fold(s), p);
                    if (s != lastWord && s.EndsWith(" " + lastWord, StringComparison.Ordinal))
                    {
                        AddPersonName(Surnames, lastWord, p);
                        AddPersonName(Surnames, Text.Fold(lastWord), p);
                    }
                }
            }
        }

        public void Offices(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                if (!_personByName.TryGetValue(row[0], out var person))
                {
                    throw new DepescheException(ErrorCodes.KnowledgeDataInvalid, $"{file.Name}:{row.Line}: '{row[0]}' is not in persons.tsv");
                }
                Existing(file, row, row.Get(1));
                string office = row.Get(2);
                if (!_offices.Contains(office))
                {
                    throw new DepescheException(ErrorCodes.KnowledgeDataInvalid, $"{file.Name}:{row.Line}: no role noun in roles.tsv names the office '{office}'");
                }
                var from = ParseDate(file, row, row.Get(3))
                    ?? throw DataFile.Invalid(file.Name, row.Line, "a term of office needs its first day");
                Holdings.Add(new Holding(person, row[1], office, from, ParseDate(file, row, row.Get(4))));
            }
        }

        public void LinkingCues(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                Cues[row[0]] = row.Get(1) switch
                {
                    "speech-verb" => CueClass.SpeechVerb,
                    "pronoun-m" => CueClass.PronounMasculine,
                    "pronoun-f" => CueClass.PronounFeminine,
                    "article-m" => CueClass.ArticleMasculine,
                    "article-f" => CueClass.ArticleFeminine,
                    "former" => CueClass.Former,
                    var other => throw DataFile.Invalid(file.Name, row.Line, $"unknown class '{other}'"),
                };
            }
        }

        public void FirstNames(DataFile file)
        {
            foreach (var row in file.Rows)
            {
                FirstNameGenders[row[0]] = row.Get(1) switch
                {
                    "m" => Gender.Male,
                    "f" => Gender.Female,
                    var other => throw DataFile.Invalid(file.Name, row.Line, $"gender must be m or f, not '{other}'"),
                };
            }
        }

        private Actor NewActor(DataFile file, DataRow row, string id, string canonical, ActorKind kind, EntityType type)
        {
            if (_byId.ContainsKey(id))
            {
                throw DataFile.Invalid(file.Name, row.Line, $"the id '{id}' is defined twice");
            }
            var a = new Actor(Actors.Count, id, canonical, kind, type);
            Actors.Add(a);
            _byId[id] = a;
            return a;
        }

        private Actor Existing(DataFile file, DataRow row, string id)
            => _byId.TryGetValue(id, out var a) ? a
                : throw new DepescheException(ErrorCodes.KnowledgeDataInvalid, $"{file.Name}:{row.Line}: unknown actor '{id}'");

        private void AddSurface(string form, Actor actor, MentionKind kind, int priority)
        {
            if (form.Length == 0)
            {
                return;
            }
            if (!Surfaces.TryGetValue(form, out var list))
            {
                Surfaces[form] = list = [];
            }
            if (!list.Any(e => ReferenceEquals(e.Match.Actor, actor)))
            {
                list.Add((new KbMatch(actor, kind), priority));
            }
        }

        private static void AddPersonName(Dictionary<string, List<Actor>> map, string name, Actor p)
        {
            if (!map.TryGetValue(name, out var list))
            {
                map[name] = list = [];
            }
            if (!list.Contains(p))
            {
                list.Add(p);
            }
        }

        private static DateOnly? ParseDate(DataFile file, DataRow row, string s)
        {
            if (s.Length == 0)
            {
                return null;
            }
            return PartialDate.TryParse(s, out var d) ? DateRange.Of(d.Value).First
                : throw DataFile.Invalid(file.Name, row.Line, $"'{s}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }

        private static bool EndsInSibilant(string name) => name[^1] is 's' or 'ß' or 'x' or 'z';

        private static List<string> Split(string cell)
            => [.. cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }
}

/// <summary>Loads the data files embedded in Depesche.Knowledge.</summary>
public static class KnowledgeData
{
    public const string ResourcePrefix = "Depesche.Knowledge.Data.";

    public static DataFile Load(string fileName, string kind)
        => DataFile.LoadEmbedded(typeof(KnowledgeData).Assembly, ResourcePrefix + fileName, kind);

    /// <summary>Every embedded data file's name.</summary>
    public static IReadOnlyList<string> FileNames => typeof(KnowledgeData).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();
}
