using System.Collections.Immutable;
using System.Globalization;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.Knowledge.Linking;

/// <summary>
/// Turns the recogniser's mention candidates into entities: links names to the knowledge base, joins a
/// surname to the full name before it (never across two people who share a surname), attaches titles
/// (<c>Generalsekretär Jens Stoltenberg</c>), resolves role nouns by the report's date (<c>Kremlchef</c>),
/// age descriptions (<c>der 74-Jährige</c>), pronouns that are subjects of speech verbs (<c>fügte er hinzu</c>),
/// anaphoric names of organisations the report names (<c>Bündnis</c>), and points derived adjectives and
/// compounds at their entity. Stateless; safe on many documents at once.
/// </summary>
public sealed class EntityLinker : IComponent
{
    private readonly KnowledgeBase _kb;

    public EntityLinker(KnowledgeBase? kb = null)
    {
        _kb = kb ?? KnowledgeBase.Default;
    }

    public string Name => "linker";

    public IReadOnlyList<LayerKey> Requires { get; } = [Layers.Tokens, Layers.Sentences, Layers.EntityMentions];

    public IReadOnlyList<LayerKey> Produces { get; } = [Layers.Entities, KnowledgeLayers.EntityFacts];

    public void Process(Document document)
    {
        var run = new Run(_kb, document);
        run.Link();
        run.Emit();
    }

    private enum ItemKind : byte
    {
        Candidate,
        Role,
        Age,
        Pronoun,
        Anaphor,
    }

    private readonly record struct Item(ItemKind Kind, int FirstToken, int EndToken, int Candidate, int Age = 0);

    private sealed class WorkEntity
    {
        public required string Canonical;
        public EntityType Type;
        public Actor? Kb;
        public bool TypedByName;
        public string? Surname;
        public Gender Gender;
        public int LastToken = -1;
        public readonly List<Mention> Mentions = [];
    }

    /// <summary>The state of linking one document.</summary>
    private sealed class Run
    {
        private readonly KnowledgeBase _kb;
        private readonly Document _doc;
        private readonly string _text;
        private readonly ImmutableArray<TokenInfo> _tokens;
        private readonly ImmutableArray<Sentence> _sentences;
        private readonly MentionCandidate[] _candidates;
        private readonly DateRange? _date;
        private readonly List<WorkEntity> _entities = [];
        private readonly Dictionary<Actor, WorkEntity> _byActor = [];
        private readonly List<(WorkEntity Entity, EntityFactKind Kind, string Value, string? Office, string? Of, TextRange Evidence)> _facts = [];
        private WorkEntity? _lastSpeaker;

        public Run(KnowledgeBase kb, Document doc)
        {
            _kb = kb;
            _doc = doc;
            _text = doc.Text;
            _tokens = doc.Tokens;
            _sentences = doc.Sentences;
            // A candidate outside the text or empty is a recogniser's bug; it is skipped, never a crash.
            var cands = doc.GetOrEmpty(Layers.EntityMentions)
                .Where(c => c.Range.Start >= 0 && c.Range.End <= doc.Text.Length && c.Range.End > c.Range.Start)
                .ToArray();
            Array.Sort(cands, (a, b) => a.Range.Start != b.Range.Start ? a.Range.Start.CompareTo(b.Range.Start) : b.Range.End.CompareTo(a.Range.End));
            _candidates = cands;
            _date = doc.ReferenceDate is { } d ? DateRange.Of(d) : null;
        }

        public void Link()
        {
            foreach (var item in CollectItems())
            {
                switch (item.Kind)
                {
                    case ItemKind.Candidate:
                        LinkCandidate(item);
                        break;
                    case ItemKind.Role:
                        LinkRole(item);
                        break;
                    case ItemKind.Age:
                        LinkAge(item);
                        break;
                    case ItemKind.Pronoun:
                        LinkPronoun(item);
                        break;
                    case ItemKind.Anaphor:
                        LinkAnaphor(item);
                        break;
                }
            }
        }

        public void Emit()
        {
            var ordered = _entities.Where(e => e.Mentions.Count > 0)
                .OrderBy(e => e.Mentions.Min(m => m.Range.Start))
                .ToList();
            var index = new Dictionary<WorkEntity, int>(ReferenceEqualityComparer.Instance);
            var entities = ImmutableArray.CreateBuilder<Entity>(ordered.Count);
            for (int i = 0; i < ordered.Count; i++)
            {
                var e = ordered[i];
                index[e] = i;
                var mentions = e.Mentions.DistinctBy(m => m.Range).OrderBy(m => m.Range.Start).ToArray();
                entities.Add(new Entity(i, e.Canonical, e.Type, e.Kb?.Id, mentions));
            }
            foreach (var e in ordered)
            {
                Actor? acts = e.Kb switch
                {
                    { Kind: ActorKind.Person } p when _date is { } date => _kb.ActorOf(p, date),
                    // A seat of power always stands for its government; a capital only where it is used as an actor (ORG).
                    { Kind: ActorKind.Place, Parent: { } parent, Status: var status } when status == "seat" || e.Type == EntityType.Organisation => _kb[parent],
                    _ => null,
                };
                if (acts is not null)
                {
                    _facts.Add((e, EntityFactKind.Represents, acts.Id, null, acts.Id, e.Mentions.MinBy(m => m.Range.Start).Range));
                }
            }
            var facts = _facts.Where(f => index.ContainsKey(f.Entity))
                .Select(f => new EntityFact(index[f.Entity], f.Kind, f.Value, f.Office, f.Of, f.Evidence))
                .Distinct()
                .ToImmutableArray();
            _doc.Set(Layers.Entities, entities.MoveToImmutable());
            _doc.Set(KnowledgeLayers.EntityFacts, facts);
        }

        // ------------------------------------------------------------ collecting what to link

        private List<Item> CollectItems()
        {
            var items = new List<Item>(_candidates.Length + 8);
            var covered = new bool[_tokens.Length];
            var present = new HashSet<Actor>();
            for (int c = 0; c < _candidates.Length; c++)
            {
                var range = _candidates[c].Range;
                int first = TokenAt(range.Start);
                int end = first;
                while (end < _tokens.Length && _tokens[end].Start < range.End)
                {
                    covered[end] = true;
                    end++;
                }
                if (end == first)
                {
                    continue;
                }
                items.Add(new Item(ItemKind.Candidate, first, end, c));
                // "US-Präsident", "UN-Generalsekretär": a part of the country and a role noun at once.
                if (_candidates[c].Kind == MentionKind.Part && end == first + 1 && _kb.TryGetRole(_tokens[first].Slice(_text), out _)
                    && !(end < _tokens.Length && CandidateStartingAt(end) is { } after && _candidates[after].Type == EntityType.Person))
                {
                    items.Add(new Item(ItemKind.Role, first, end, -1));
                }
                if (_candidates[c].Type != EntityType.Person && _kb.TryLookup(_doc.Slice(range), out var m))
                {
                    present.Add(m.Actor);
                }
            }
            for (int i = 0; i < _tokens.Length; i++)
            {
                if (covered[i])
                {
                    continue;
                }
                var tok = _tokens[i];
                var word = tok.Slice(_text);
                if (tok.Kind != TokenKind.Word)
                {
                    continue;
                }
                var cue = _kb.Cue(word);
                if (cue is CueClass.ArticleMasculine or CueClass.ArticleFeminine && i + 1 < _tokens.Length && !covered[i + 1]
                    && AgeOf(_tokens[i + 1].Slice(_text)) is { } age)
                {
                    items.Add(new Item(ItemKind.Age, i, i + 2, -1, age));
                    i++;
                    continue;
                }
                if (cue is CueClass.PronounMasculine or CueClass.PronounFeminine && IsSpeechSubject(i, cue))
                {
                    items.Add(new Item(ItemKind.Pronoun, i, i + 1, -1));
                    continue;
                }
                if (char.IsUpper(word[0]) && _kb.TryGetRole(word, out _))
                {
                    // A title right before a person's name goes with the name.
                    if (!(i + 1 < _tokens.Length && covered[i + 1] && CandidateStartingAt(i + 1) is { } next && _candidates[next].Type == EntityType.Person))
                    {
                        items.Add(new Item(ItemKind.Role, i, i + 1, -1));
                    }
                    continue;
                }
                if (present.Count > 0 && AnaphorAt(i, covered, present) is { } n)
                {
                    items.Add(new Item(ItemKind.Anaphor, i, i + n, -1));
                    i += n - 1;
                }
            }
            items.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));
            return items;
        }

        private int? AnaphorAt(int i, bool[] covered, HashSet<Actor> present)
        {
            Span<char> buffer = stackalloc char[128];
            for (int n = Math.Min(3, _tokens.Length - i); n >= 1; n--)
            {
                bool free = true;
                for (int k = i; k < i + n; k++)
                {
                    free &= !covered[k] && _tokens[k].Kind == TokenKind.Word;
                }
                if (!free)
                {
                    continue;
                }
                var span = Gazetteer.Join(_text, _tokens.AsSpan(i, n), buffer);
                if (!span.IsEmpty && _kb.TryLookupAnaphor(span, out var org))
                {
                    foreach (var p in present)
                    {
                        if (_kb.IsWithin(org, p) || _kb.IsWithin(p, org))
                        {
                            return n;
                        }
                    }
                }
            }
            return null;
        }

        /// <summary>A pronoun right after a speech verb (<c>fügte er hinzu</c>) or right before one (<c>Er sagte</c>).</summary>
        private bool IsSpeechSubject(int i, CueClass pronoun)
        {
            bool Verb(int k) => k >= 0 && k < _tokens.Length && _kb.Cue(_tokens[k].Slice(_text)) == CueClass.SpeechVerb
                // "sagten sie" is plural; a feminine singular subject needs a singular verb.
                && !(pronoun == CueClass.PronounFeminine && _tokens[k].Slice(_text).EndsWith("en", StringComparison.Ordinal));
            return Verb(i - 1) || Verb(i + 1);
        }

        private static int? AgeOf(ReadOnlySpan<char> word)
        {
            int hyphen = word.IndexOf('-');
            if (hyphen is < 1 or > 3)
            {
                return null;
            }
            var rest = word[(hyphen + 1)..];
            if (!(rest is "Jährige" or "Jährigen" or "Jähriger"))
            {
                return null;
            }
            return int.TryParse(word[..hyphen], NumberStyles.None, CultureInfo.InvariantCulture, out int age) ? age : null;
        }

        // ------------------------------------------------------------ linking each kind

        private void LinkCandidate(Item item)
        {
            var cand = _candidates[item.Candidate];
            var span = _doc.Slice(cand.Range);
            if (cand.Type == EntityType.Person && cand.Kind is MentionKind.Name or MentionKind.Alias)
            {
                LinkPerson(item, cand, span);
                return;
            }
            if (_kb.TryLookup(span, out var m))
            {
                var kind = cand.Kind == MentionKind.Name ? m.Kind : cand.Kind;
                var entity = ForActor(m.Actor, kind == MentionKind.Name ? cand.Type : (EntityType?)null);
                AddMention(entity, cand.Range, kind, item.FirstToken);
                if (m.Kind == MentionKind.Deriv && item.EndToken == item.FirstToken + 1 && _kb.TryLookupName(span, out var noun) && noun.Kind == MentionKind.Deriv)
                {
                    LinkDescription(item, m.Actor, span);
                }
                return;
            }
            if (cand.Kind == MentionKind.Part && span.IndexOf('-') is var hyphen and > 0)
            {
                var prefix = span[..hyphen];
                var owner = FindBySurname(prefix) ?? FindByText(cand.Type, prefix);
                if (owner is null && _kb.ResolvePerson(prefix, _date) is { } person)
                {
                    owner = ForActor(person, EntityType.Person);
                }
                owner ??= NewEntity(prefix.ToString(), cand.Type, byName: false);
                AddMention(owner, cand.Range, MentionKind.Part, item.FirstToken);
                return;
            }
            // An anaphoric name the recogniser tagged (Bündnis) is the organisation when the report names it.
            if (_kb.TryLookupAnaphor(span, out var org) && _byActor.Keys.Any(a => _kb.IsWithin(org, a) || _kb.IsWithin(a, org)))
            {
                AddMention(ForActor(org, null), cand.Range, MentionKind.Alias, item.FirstToken);
                return;
            }
            var same = FindByText(cand.Type, span);
            if (same is null && span.Length > 3 && span[^1] == 's')
            {
                same = FindByText(cand.Type, span[..^1]);
            }
            same ??= NewEntity(span.ToString(), cand.Type, byName: cand.Kind == MentionKind.Name);
            AddMention(same, cand.Range, cand.Kind, item.FirstToken);
        }

        private void LinkPerson(Item item, MentionCandidate cand, ReadOnlySpan<char> span)
        {
            // A title right before the name: "Generalsekretär Jens Stoltenberg".
            RoleMatch? title = null;
            int titleToken = item.FirstToken - 1;
            if (titleToken >= 0 && _tokens[titleToken].Kind == TokenKind.Word && _kb.TryGetRole(_tokens[titleToken].Slice(_text), out var r))
            {
                title = r;
            }
            else
            {
                titleToken = -1;
            }

            WorkEntity? entity = null;
            var hits = _kb.FindPersons(span, out bool bySurname);
            Actor? person = null;
            if (!bySurname)
            {
                person = Pick(hits, title);
            }
            else
            {
                entity = FindBySurname(span);
                if (entity is null && hits.Length > 0)
                {
                    // A bare surname never named in full here: with a title, whoever holds that office;
                    // else the knowledge base's rule (in office at the report's date).
                    person = title is not null ? Pick(hits, title) : _kb.ResolvePerson(span, _date);
                }
            }
            if (person is not null)
            {
                entity = ForActor(person, EntityType.Person);
            }
            else if (entity is null)
            {
                entity = FindByText(EntityType.Person, span) ?? NewEntity(span.ToString(), EntityType.Person, byName: true);
                int space = span.LastIndexOf(' ');
                entity.Surname ??= span[(space + 1)..].ToString();
            }
            AddMention(entity, cand.Range, MentionKind.Name, item.FirstToken);

            if (title is { } t)
            {
                var titleRange = _tokens[titleToken].Range;
                AddMention(entity, titleRange, MentionKind.Role, titleToken);
                if (entity.Gender == Gender.Unknown)
                {
                    entity.Gender = t.Role.Gender;
                }
                AddRoleFact(entity, t, new TextRange(titleRange.Start, cand.Range.End));
            }

            // The subject of a speech verb next to the name: "sagte Stoltenberg", "Draghi erklärte".
            int before = titleToken >= 0 ? titleToken - 1 : item.FirstToken - 1;
            bool verbBefore = before >= 0 && _kb.Cue(_tokens[before].Slice(_text)) == CueClass.SpeechVerb;
            bool verbAfter = item.EndToken < _tokens.Length && _kb.Cue(_tokens[item.EndToken].Slice(_text)) == CueClass.SpeechVerb
                && !(item.EndToken + 1 < _tokens.Length && _kb.Cue(_tokens[item.EndToken + 1].Slice(_text)) is CueClass.PronounMasculine or CueClass.PronounFeminine);
            if (verbBefore || verbAfter)
            {
                _lastSpeaker = entity;
            }
        }

        private Actor? Pick(ReadOnlySpan<Actor> hits, RoleMatch? title)
        {
            if (hits.Length == 1)
            {
                return hits[0];
            }
            if (hits.Length == 0 || _date is not { } date)
            {
                return null;
            }
            Actor? only = null;
            foreach (var p in hits)
            {
                if (_kb.HoldingAt(p, date, title?.Role.Offices) is not null)
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

        private void LinkRole(Item item)
        {
            var word = _tokens[item.FirstToken].Slice(_text);
            if (!_kb.TryGetRole(word, out var role) || role.Former || IsFormerBefore(item.FirstToken))
            {
                return;
            }
            // "die Außenminister" with a masculine form is a plural: a group, not one person.
            if (role.Role.Gender == Gender.Male && item.FirstToken > 0 && _kb.Cue(_tokens[item.FirstToken - 1].Slice(_text)) == CueClass.ArticleFeminine)
            {
                return;
            }
            var range = _tokens[item.FirstToken].Range;
            var actor = role.Actor ?? ActorAround(item.FirstToken);
            WorkEntity? entity = null;
            if (actor is not null && _date is { } date)
            {
                var holders = _kb.Holders(role, actor, date);
                if (holders.Count == 1 && !(role.Role.Gender == Gender.Female && holders[0].Gender == Gender.Male))
                {
                    // not "Kanzlerin" for a man in office: someone else is meant (a masculine form is also said of women:
                    // "Regierungschef Meloni")
                    entity = ForActor(holders[0], EntityType.Person);
                }
            }
            if (entity is null && actor is null && role.Role.Alone && DefiniteSingular(item.FirstToken))
            {
                // "der Regierungschef" without an actor: the most recent person who holds such an office or carries the title.
                entity = MostRecent(e => e.Type == EntityType.Person && HoldsRole(e, role), item.FirstToken, excludeSentenceOf: -1);
            }
            if (entity is null)
            {
                return;
            }
            AddMention(entity, range, MentionKind.Role, item.FirstToken);
            AddRoleFact(entity, role with { Actor = actor }, range);
        }

        /// <summary>
        /// "der Regierungschef", "des Regierungschefs", "die Präsidentin": one person. Not "Staats- und
        /// Regierungschefs" (no article) or "der Regierungschefs" (a genitive plural).
        /// </summary>
        private bool DefiniteSingular(int token)
        {
            if (token == 0)
            {
                return false;
            }
            var prev = _tokens[token - 1].Slice(_text);
            var cue = _kb.Cue(prev);
            if (cue is not (CueClass.ArticleMasculine or CueClass.ArticleFeminine))
            {
                return false;
            }
            return !(prev is "der" or "Der" && _tokens[token].Slice(_text)[^1] == 's');
        }

        private bool IsFormerBefore(int token)
            => token > 0 && _kb.Cue(_tokens[token - 1].Slice(_text)) == CueClass.Former;

        /// <summary>The actor a role noun's neighbours give: <c>der italienische Regierungschef</c>, <c>Italiens Regierungschef</c>, <c>Regierungschef Italiens</c>.</summary>
        private Actor? ActorAround(int token)
        {
            if (token > 0)
            {
                var prev = _tokens[token - 1].Slice(_text);
                if (_kb.TryLookupAdjective(prev, out var adj))
                {
                    return adj;
                }
                if (prev.Length > 2 && prev[^1] == 's' && _kb.TryLookupName(prev, out var gen) && gen.Actor.Kind is ActorKind.Country or ActorKind.Organisation)
                {
                    return gen.Actor;
                }
            }
            if (token + 1 < _tokens.Length)
            {
                var next = _tokens[token + 1].Slice(_text);
                if (next.Length > 2 && next[^1] == 's' && _kb.TryLookupName(next, out var gen) && gen.Actor.Kind is ActorKind.Country or ActorKind.Organisation)
                {
                    return gen.Actor;
                }
                // "Präsident der Ukraine", "Generalsekretär der Nato"
                if (next is "der" or "des" && token + 2 < _tokens.Length
                    && _kb.TryLookupName(_tokens[token + 2].Slice(_text), out var after) && after.Kind == MentionKind.Name
                    && after.Actor.Kind is ActorKind.Country or ActorKind.Organisation)
                {
                    return after.Actor;
                }
            }
            return null;
        }

        private bool HoldsRole(WorkEntity e, RoleMatch role)
        {
            if (e.Kb is { } p && _date is { } date && _kb.HoldingAt(p, date, role.Role.Offices) is not null)
            {
                return true;
            }
            foreach (var f in _facts)
            {
                if (ReferenceEquals(f.Entity, e) && f.Kind == EntityFactKind.Role && f.Value == role.Role.Form)
                {
                    return true;
                }
            }
            return false;
        }

        private void LinkAge(Item item)
        {
            int age = item.Age;
            var gender = _kb.Cue(_tokens[item.FirstToken].Slice(_text)) == CueClass.ArticleFeminine ? Gender.Female : Gender.Male;
            var entity = MostRecent(e => e.Type == EntityType.Person && AgeFits(e, age) == true, item.FirstToken, -1)
                ?? MostRecent(e => e.Type == EntityType.Person && AgeFits(e, age) is null && Compatible(e, gender), item.FirstToken, -1);
            if (entity is null)
            {
                return;
            }
            var range = new TextRange(_tokens[item.FirstToken].Start, _tokens[item.EndToken - 1].End);
            AddMention(entity, range, MentionKind.Alias, item.FirstToken);
            _facts.Add((entity, EntityFactKind.Age, age.ToString(CultureInfo.InvariantCulture), null, null, range));
        }

        /// <summary>
        /// "Der Norweger betonte": an inhabitant noun after a singular article describes the most recent person
        /// of that country (Stoltenberg), as "der 74-Jährige" does by age. The noun stays the country's
        /// derived mention too.
        /// </summary>
        private void LinkDescription(Item item, Actor country, ReadOnlySpan<char> noun)
        {
            if (item.FirstToken == 0)
            {
                return;
            }
            var article = _kb.Cue(_tokens[item.FirstToken - 1].Slice(_text));
            Gender gender;
            if (article == CueClass.ArticleMasculine && !noun.EndsWith("en", StringComparison.Ordinal) && !noun.EndsWith("ern", StringComparison.Ordinal))
            {
                gender = Gender.Male;
            }
            else if (article == CueClass.ArticleFeminine && noun.EndsWith("in", StringComparison.Ordinal))
            {
                gender = Gender.Female;
            }
            else
            {
                return;
            }
            var entity = MostRecent(e => e.Type == EntityType.Person && e.Kb?.Nationality == country.Id && Compatible(e, gender), item.FirstToken, -1);
            if (entity is not null)
            {
                var range = new TextRange(_tokens[item.FirstToken - 1].Start, _tokens[item.FirstToken].End);
                AddMention(entity, range, MentionKind.Alias, item.FirstToken);
            }
        }

        private bool? AgeFits(WorkEntity e, int age)
        {
            if (e.Kb is { } p && _date is { } date && _kb.Age(p, date) is { } known)
            {
                return age >= known.Min && age <= known.Max;
            }
            foreach (var f in _facts)
            {
                if (ReferenceEquals(f.Entity, e) && f.Kind == EntityFactKind.Age)
                {
                    return f.Value == age.ToString(CultureInfo.InvariantCulture);
                }
            }
            return null;
        }

        private void LinkPronoun(Item item)
        {
            var gender = _kb.Cue(_tokens[item.FirstToken].Slice(_text)) == CueClass.PronounFeminine ? Gender.Female : Gender.Male;
            int sentence = SentenceOf(item.FirstToken);
            // A subject pronoun does not mean another person named in its own clause ("Putin forderte er auf"):
            // the last speaker if compatible and not named in this sentence, else the most recent such person.
            // The last speaker wins even within the sentence («…», sagte Merz, «…», fügte er hinzu).
            WorkEntity? entity = null;
            if (_lastSpeaker is { } s && Compatible(s, gender) && s.LastToken < item.FirstToken)
            {
                entity = s;
            }
            entity ??= MostRecent(e => e.Type == EntityType.Person && Compatible(e, gender), item.FirstToken, sentence);
            if (entity is null)
            {
                return;
            }
            AddMention(entity, _tokens[item.FirstToken].Range, MentionKind.Pronoun, item.FirstToken);
            _lastSpeaker = entity;
        }

        private void LinkAnaphor(Item item)
        {
            Span<char> buffer = stackalloc char[128];
            var span = Gazetteer.Join(_text, _tokens.AsSpan(item.FirstToken, item.EndToken - item.FirstToken), buffer);
            if (!_kb.TryLookupAnaphor(span, out var org))
            {
                return;
            }
            var range = new TextRange(_tokens[item.FirstToken].Start, _tokens[item.EndToken - 1].End);
            AddMention(ForActor(org, null), range, MentionKind.Alias, item.FirstToken);
        }

        // ------------------------------------------------------------ helpers

        private static bool Compatible(WorkEntity e, Gender g) => e.Gender == Gender.Unknown || e.Gender == g;

        private WorkEntity? MostRecent(Func<WorkEntity, bool> fits, int beforeToken, int excludeSentenceOf)
        {
            WorkEntity? best = null;
            foreach (var e in _entities)
            {
                if (e.LastToken < 0 || e.LastToken >= beforeToken || !fits(e))
                {
                    continue;
                }
                if (excludeSentenceOf >= 0 && MentionedInSentence(e, excludeSentenceOf))
                {
                    continue;
                }
                if (best is null || e.LastToken > best.LastToken)
                {
                    best = e;
                }
            }
            return best;
        }

        private bool MentionedInSentence(WorkEntity e, int sentence)
        {
            if (sentence < 0 || sentence >= _sentences.Length)
            {
                return false;
            }
            var s = _sentences[sentence];
            foreach (var m in e.Mentions)
            {
                if (m.Kind != MentionKind.Pronoun && m.Range.Start >= s.Start && m.Range.Start < s.End)
                {
                    return true;
                }
            }
            return false;
        }

        private WorkEntity? FindBySurname(ReadOnlySpan<char> name)
        {
            WorkEntity? best = null;
            foreach (var e in _entities)
            {
                if (e.Type != EntityType.Person || e.Surname is not { } s)
                {
                    continue;
                }
                bool same = name.SequenceEqual(s) || (name.Length == s.Length + 1 && name[^1] == 's' && name.StartsWith(s, StringComparison.Ordinal));
                // Two people who share a surname stay two: a bare surname goes to the one named most recently.
                if (same && (best is null || e.LastToken > best.LastToken))
                {
                    best = e;
                }
            }
            return best;
        }

        private WorkEntity? FindByText(EntityType type, ReadOnlySpan<char> text)
        {
            foreach (var e in _entities)
            {
                if (e.Kb is null && e.Type == type && text.SequenceEqual(e.Canonical))
                {
                    return e;
                }
            }
            return null;
        }

        private WorkEntity ForActor(Actor actor, EntityType? typeFromName)
        {
            if (!_byActor.TryGetValue(actor, out var e))
            {
                e = new WorkEntity
                {
                    Canonical = actor.Canonical,
                    Type = typeFromName ?? actor.Type,
                    Kb = actor,
                    TypedByName = typeFromName is not null,
                    Surname = actor.Surname,
                    Gender = actor.Gender,
                };
                _byActor[actor] = e;
                _entities.Add(e);
            }
            else if (typeFromName is { } t && !e.TypedByName)
            {
                e.Type = t;
                e.TypedByName = true;
            }
            return e;
        }

        private WorkEntity NewEntity(string canonical, EntityType type, bool byName)
        {
            var e = new WorkEntity { Canonical = canonical, Type = type, TypedByName = byName };
            int space = canonical.IndexOf(' ');
            if (type == EntityType.Person && space > 0)
            {
                e.Gender = _kb.FirstNameGender(canonical.AsSpan(0, space)); // "Anna Kreuzer" is "sie", "Markus Feld" is "er"
            }
            _entities.Add(e);
            return e;
        }

        private static void AddMention(WorkEntity e, TextRange range, MentionKind kind, int token)
        {
            e.Mentions.Add(new Mention(range, kind));
            e.LastToken = Math.Max(e.LastToken, token);
        }

        private void AddRoleFact(WorkEntity entity, RoleMatch role, TextRange evidence)
        {
            string? office = null;
            string? of = role.Actor?.Id;
            if (entity.Kb is { } p && _date is { } date && _kb.HoldingAt(p, date, role.Role.Offices) is { } h)
            {
                office = h.Office;
                of = h.ActorId;
            }
            else if (role.Role.Offices.Count == 1)
            {
                office = role.Role.Offices[0];
            }
            _facts.Add((entity, EntityFactKind.Role, role.Role.Form, office, of, evidence));
        }

        private int TokenAt(int position)
        {
            int lo = 0;
            int hi = _tokens.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_tokens[mid].Start < position)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        private int? CandidateStartingAt(int token)
        {
            int start = _tokens[token].Start;
            for (int c = 0; c < _candidates.Length; c++)
            {
                if (_candidates[c].Range.Start == start)
                {
                    return c;
                }
                if (_candidates[c].Range.Start > start)
                {
                    break;
                }
            }
            return null;
        }

        private int SentenceOf(int token)
        {
            for (int s = 0; s < _sentences.Length; s++)
            {
                if (token >= _sentences[s].FirstToken && token < _sentences[s].EndToken)
                {
                    return s;
                }
            }
            return -1;
        }
    }
}
