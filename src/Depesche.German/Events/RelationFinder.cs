using System.Collections.Frozen;
using System.Collections.Immutable;
using Depesche.German.Syntax;
using Depesche.Knowledge;
using Depesche.Knowledge.Linking;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>
/// Relations the text states between its entities: offices and ages (from the linker's facts),
/// memberships with polarity (<c>kein Mitglied der EU</c>), parts (<c>zur Bundeswehr gehört … das KSK</c>),
/// leadership (<c>von Polen geführt</c>), aliases (<c>der «Rote Armee Fraktion» genannten RAF</c>), borders
/// (<c>das an Polen … angrenzt</c>), contributions with their quantity (<c>Polen stellt für die VJTF 2.000
/// Soldaten</c>) and locations (<c>die litauische Hauptstadt Vilnius</c>). Rules over tokens, the dependency tree
/// and linked mentions; every relation keeps its evidence.
/// </summary>
public sealed class RelationFinder
{
    private static readonly Lazy<Words> s_words = new(Words.Load);
    private readonly KnowledgeBase _kb;
    private readonly Words _words;

    public RelationFinder(KnowledgeBase? kb = null)
    {
        _kb = kb ?? KnowledgeBase.Default;
        _words = s_words.Value;
    }

    /// <summary>The word groups of relation-words.tsv.</summary>
    internal sealed class Words
    {
        public required FrozenSet<string> Contribute { get; init; }
        public required string[] Contingent { get; init; }
        public required FrozenSet<string> Station { get; init; }
        public required string[] Settlement { get; init; }
        public required FrozenSet<string> TeamCodes { get; init; }

        public static Words Load()
        {
            var file = GermanData.Load("relation-words.tsv", "relation-words");
            var groups = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var row in file.Rows)
            {
                if (row[0] is not ("contribute" or "contingent" or "station" or "settlement" or "team-codes"))
                {
                    throw Depesche.Data.DataFile.Invalid(file.Name, row.Line, $"unknown group '{row[0]}'");
                }
                groups[row[0]] = row.Get(1).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            string[] Group(string name) => groups.TryGetValue(name, out var g) ? g : [];
            return new Words
            {
                Contribute = Group("contribute").ToFrozenSet(StringComparer.Ordinal),
                Contingent = Group("contingent"),
                Station = Group("station").ToFrozenSet(StringComparer.Ordinal),
                Settlement = Group("settlement"),
                TeamCodes = Group("team-codes").ToFrozenSet(StringComparer.Ordinal),
            };
        }

        /// <summary>For the data file's examples: "contribute stellen" → yes or no.</summary>
        public bool Has(string group, string word) => group switch
        {
            "contribute" => Contribute.Contains(word),
            "station" => Station.Contains(word),
            "contingent" => IsContingent(word),
            "settlement" => EventLexicon.InGroup(Settlement, word),
            "team-codes" => TeamCodes.Contains(word),
            _ => false,
        };

        public bool IsContingent(ReadOnlySpan<char> noun) => EventLexicon.InGroup(Contingent, noun) || EventLexicon.InGroup(EventLexicon.Default.Deployable, noun);
    }

    internal static Words WordGroups => s_words.Value;

    /// <summary>Which entity (and how) each token belongs to.</summary>
    private sealed class MentionIndex
    {
        private readonly int[] _entity;
        private readonly MentionKind[] _kind;

        public MentionIndex(Document doc, ImmutableArray<Entity> entities)
        {
            var tokens = doc.Tokens;
            _entity = new int[tokens.Length];
            _kind = new MentionKind[tokens.Length];
            Array.Fill(_entity, -1);
            foreach (var e in entities)
            {
                foreach (var m in e.Mentions)
                {
                    for (int t = TokenAtStart(tokens, m.Range.Start); t >= 0 && t < tokens.Length && tokens[t].Start < m.Range.End; t++)
                    {
                        _entity[t] = e.Id;
                        _kind[t] = m.Kind;
                    }
                }
            }
        }

        public int EntityAt(int token) => token >= 0 && token < _entity.Length ? _entity[token] : -1;

        public MentionKind KindAt(int token) => _kind[token];

        public bool IsName(int token) => EntityAt(token) >= 0 && _kind[token] is MentionKind.Name or MentionKind.Alias or MentionKind.Role;
    }

    public ImmutableArray<Relation> Find(Document doc)
    {
        var entities = doc.GetOrEmpty(Layers.Entities);
        var result = ImmutableArray.CreateBuilder<Relation>();
        if (entities.IsEmpty)
        {
            return result.ToImmutable();
        }
        var seen = new HashSet<(int, RelationType, int?, string?, bool)>();
        void Add(Relation r)
        {
            if (r.ObjectEntity == r.Subject)
            {
                return;
            }
            if (seen.Add((r.Subject, r.Type, r.ObjectEntity, r.ObjectLiteral, r.Negated)))
            {
                result.Add(r);
            }
        }

        FromFacts(doc, entities, Add);
        var index = new MentionIndex(doc, entities);
        string text = doc.Text;
        var tokens = doc.Tokens;
        foreach (var sentence in doc.Sentences)
        {
            int s = sentence.FirstToken;
            int e = sentence.EndToken;
            for (int i = s; i < e; i++)
            {
                var w = tokens[i].Slice(text);
                if (w.EndsWith("Mitglied") || w.EndsWith("Mitglieder") || w.SequenceEqual("Mitgliedstaat") || w.SequenceEqual("Mitgliedsland"))
                {
                    Membership(doc, index, s, e, i, Add);
                }
                else if (w is "zählt" or "zählen" or "gehört" or "gehören")
                {
                    PartOf(doc, index, s, e, i, Add);
                }
                else if (w is "geführt" or "angeführt" or "geleitet" or "kommandiert")
                {
                    LedBy(doc, index, s, e, i, Add);
                }
                else if (w.StartsWith("genannt") && i > s && tokens[i - 1].Kind == TokenKind.ClosingQuote)
                {
                    Alias(doc, index, s, e, i, Add);
                }
                else if (w.StartsWith("angrenz") || w.SequenceEqual("grenzt") || w.SequenceEqual("grenzen"))
                {
                    Borders(doc, index, s, e, i, Add);
                }
                else if (tokens[i].Kind == TokenKind.Punctuation && w is "(")
                {
                    PartyInParentheses(doc, index, s, e, i, Add);
                }
                else if (index.KindAt(i) == MentionKind.Part && index.EntityAt(i) >= 0 && doc.GetOrEmpty(Layers.Entities)[index.EntityAt(i)].KnowledgeId is null)
                {
                    PartyCompound(doc, index, e, i, Add); // not "EU-Abgeordnete": the knowledge base's bodies are no parties
                }
            }
        }
        if (doc.Has(Layers.Dependencies))
        {
            var view = DependencyView.Of(doc);
            if (view.HasTree)
            {
                Contributions(doc, view, index, Add);
                PlacesIn(doc, view, index, Add);
                StationedAfterDeployment(doc, view, index, Add);
                Accessions(doc, view, index, Add);
            }
        }
        return result.ToImmutable();
    }

    private void FromFacts(Document doc, ImmutableArray<Entity> entities, Action<Relation> add)
    {
        if (!doc.TryGet(KnowledgeLayers.EntityFacts, out var facts))
        {
            return;
        }
        foreach (var f in facts)
        {
            switch (f.Kind)
            {
                case EntityFactKind.Role when f.OfActor is { } actorId:
                    {
                        int? obj = entities.FirstOrDefault(x => x.KnowledgeId == actorId)?.Id;
                        string? literal = obj is null ? NameOf(actorId) : null;
                        add(new Relation(f.Entity, RelationType.HoldsOffice, obj, literal, f.Value, false, f.Evidence));
                        break;
                    }
                case EntityFactKind.Age:
                    add(new Relation(f.Entity, RelationType.Age, null, f.Value, null, false, f.Evidence));
                    break;
            }
        }
    }

    private string? NameOf(string actorId) => _kb.TryGet(actorId, out var actor) ? actor.Canonical : actorId;

    private static TextRange Evidence(Document doc, int from, int to) => new(doc.Tokens[from].Start, doc.Tokens[to - 1].End);

    /// <summary>"Da Norwegen kein Mitglied der EU ist", "Polen ist Mitglied der Nato", "das Nato-Mitglied Polen".</summary>
    private void Membership(Document doc, MentionIndex index, int s, int e, int i, Action<Relation> add)
    {
        var tokens = doc.Tokens;
        string text = doc.Text;
        // the organisation: a compound's first part ("Nato-Mitglied"), else a genitive right after
        int org = index.KindAt(i) == MentionKind.Part ? index.EntityAt(i) : -1;
        int j = i + 1;
        if (org < 0 && j < e && tokens[j].Slice(text) is "des" or "der")
        {
            j++;
            while (j < e && j <= i + 4 && index.EntityAt(j) < 0 && tokens[j].Kind == TokenKind.Word)
            {
                j++;
            }
            org = index.EntityAt(j);
        }
        if (org < 0)
        {
            return;
        }
        // the member: the nearest named entity before, in the same clause (or right after a compound)
        int member = -1;
        int at = -1;
        for (int k = i - 1; k >= s && k >= i - 6; k--)
        {
            if (tokens[k].Kind == TokenKind.Punctuation && text[tokens[k].Start] is ',' or ';' or ':')
            {
                break;
            }
            if (text[tokens[k].Start] == ')')
            {
                // "Petra Hinz (SPD) war Mitglied des Bundestages": the party in parentheses is not the member
                while (k > s && text[tokens[k].Start] != '(')
                {
                    k--;
                }
                continue;
            }
            if (index.IsName(k) && index.EntityAt(k) != org && !(IsPlace(doc, index.EntityAt(k)) && !IsCountry(doc, index.EntityAt(k))))
            {
                member = index.EntityAt(k);
                at = k;
                break;
            }
        }
        if (member < 0 && index.KindAt(i) == MentionKind.Part && i + 1 < e && index.IsName(i + 1))
        {
            member = index.EntityAt(i + 1);
            at = i + 1;
        }
        if (member < 0)
        {
            return;
        }
        bool negated = false;
        int from = Math.Min(at, i);
        int to = Math.Max(j, i) + 1;
        for (int k = from; k < Math.Min(e, to + 2); k++)
        {
            var w = tokens[k].Slice(text);
            if (w is "kein" or "keine" or "nicht" or "nie")
            {
                negated = true;
            }
        }
        add(new Relation(member, RelationType.MemberOf, org, null, null, negated, Evidence(doc, from, Math.Min(e, to))));
    }

    /// <summary>"Zur Bundeswehr gehört … das KSK", "Das KSK zählt zur Bundeswehr".</summary>
    private static void PartOf(Document doc, MentionIndex index, int s, int e, int v, Action<Relation> add)
    {
        var tokens = doc.Tokens;
        string text = doc.Text;
        int whole = -1;
        int part = -1;
        int first = v;
        int last = v;
        // "zu(r|m) WHOLE" before or after the verb
        for (int k = s; k < e; k++)
        {
            var w = tokens[k].Slice(text);
            if (w is "zur" or "zum" or "Zur" or "Zum" or "zu" or "Zu")
            {
                int n = k + 1;
                while (n < e && n <= k + 3 && index.EntityAt(n) < 0)
                {
                    n++;
                }
                if (n < e && index.IsName(n))
                {
                    whole = index.EntityAt(n);
                    first = Math.Min(first, k);
                    last = Math.Max(last, n);
                    break;
                }
            }
        }
        if (whole < 0)
        {
            return;
        }
        for (int k = s; k < e; k++)
        {
            if (index.IsName(k) && index.EntityAt(k) != whole && Math.Abs(k - v) <= 8)
            {
                part = index.EntityAt(k);
                first = Math.Min(first, k);
                last = Math.Max(last, k);
                break;
            }
        }
        if (part >= 0 && IsOrganisation(doc, part) && IsOrganisation(doc, whole))
        {
            add(new Relation(part, RelationType.PartOf, whole, null, null, false, Evidence(doc, first, last + 1)));
        }
    }

    /// <summary>"…, die derzeit von Polen geführt wird": the led one is the relative clause's antecedent or the subject.</summary>
    private static void LedBy(Document doc, MentionIndex index, int s, int e, int v, Action<Relation> add)
    {
        var tokens = doc.Tokens;
        string text = doc.Text;
        int leader = -1;
        int vonAt = -1;
        for (int k = v - 1; k >= s && k >= v - 5; k--)
        {
            if (tokens[k].Slice(text) is "von" or "vom")
            {
                vonAt = k;
                for (int n = k + 1; n < v; n++)
                {
                    if (index.IsName(n))
                    {
                        leader = index.EntityAt(n);
                        break;
                    }
                }
                break;
            }
        }
        if (leader < 0)
        {
            return;
        }
        // the led entity: the last named organisation before the clause that holds "von"
        int led = -1;
        int from = vonAt;
        for (int k = vonAt - 1; k >= s; k--)
        {
            if (index.IsName(k) && index.EntityAt(k) != leader && IsOrganisation(doc, index.EntityAt(k)))
            {
                led = index.EntityAt(k);
                from = k;
                break;
            }
        }
        if (led >= 0)
        {
            add(new Relation(led, RelationType.LedBy, leader, null, null, false, Evidence(doc, from, v + 1)));
        }
    }

    /// <summary>"die «Blauhelme» genannten UN-Truppen": the quoted term is another name of the entity that follows.</summary>
    private static void Alias(Document doc, MentionIndex index, int s, int e, int g, Action<Relation> add)
    {
        var tokens = doc.Tokens;
        int close = g - 1;
        int open = close - 1;
        while (open >= s && tokens[open].Kind != TokenKind.OpeningQuote && tokens[open].Kind != TokenKind.AmbiguousQuote && close - open <= 6)
        {
            open--;
        }
        if (open < s || close - open < 2)
        {
            return;
        }
        for (int k = g + 1; k < e && k <= g + 3; k++)
        {
            if (index.IsName(k) && index.KindAt(k) == MentionKind.Name)
            {
                string alias = doc.Text[tokens[open + 1].Start..tokens[close - 1].End];
                add(new Relation(index.EntityAt(k), RelationType.Alias, null, alias, null, false, Evidence(doc, open, k + 1)));
                return;
            }
        }
    }

    /// <summary>"Litauen, das an Polen und an Lettland angrenzt", "Polen grenzt an die Ukraine".</summary>
    private static void Borders(Document doc, MentionIndex index, int s, int e, int v, Action<Relation> add)
    {
        var tokens = doc.Tokens;
        string text = doc.Text;
        // the first "an" of the verb's clause (back to the comma that opens it): "das an Polen und an Lettland angrenzt"
        int an = -1;
        for (int k = v - 1; k >= s && k >= v - 12; k--)
        {
            if (tokens[k].Kind == TokenKind.Punctuation && text[tokens[k].Start] is ',' or ';' or ':')
            {
                break;
            }
            if (tokens[k].Slice(text) is "an")
            {
                an = k;
            }
        }
        if (an < 0)
        {
            for (int k = v + 1; k < e && k <= v + 2; k++)
            {
                if (tokens[k].Slice(text) is "an")
                {
                    an = k;
                    break;
                }
            }
        }
        if (an < 0)
        {
            return;
        }
        var neighbours = new List<int>();
        int end = an < v ? v : Math.Min(e, an + 10);
        for (int k = an + 1; k < end; k++)
        {
            if (index.IsName(k) && IsPlace(doc, index.EntityAt(k)) && !neighbours.Contains(index.EntityAt(k)))
            {
                neighbours.Add(index.EntityAt(k));
            }
        }
        // the country that borders: before a relative pronoun (", das an …") or the clause's subject
        int subject = -1;
        int from = an;
        for (int k = Math.Min(an, v) - 1; k >= s; k--)
        {
            if (index.IsName(k) && IsPlace(doc, index.EntityAt(k)) && !neighbours.Contains(index.EntityAt(k)))
            {
                subject = index.EntityAt(k);
                from = k;
                break;
            }
        }
        if (subject < 0)
        {
            return;
        }
        foreach (int n in neighbours)
        {
            add(new Relation(subject, RelationType.Borders, n, null, null, false, Evidence(doc, from, Math.Max(v, an) + 1)));
        }
    }

    /// <summary>
    /// "Polen stellt für die Eingreiftruppe der Nato rund 2.000 Soldaten", "Kanada beteiligt sich mit 500 Soldaten an
    /// der Mission", "sind 900 niederländische Soldaten für die VJTF eingemeldet", "stellt der Nato 300 Soldaten zur
    /// Verfügung": troops or equipment that a contribution verb governs, given to an organisation (für, zu, an, or
    /// the dative) by the verb's subject or, in the passive, by the country of the troops' adjective or their "aus"
    /// attribute; with the quantity that counts them, if any, and negated by "keine" or "nicht".
    /// </summary>
    private void Contributions(Document doc, DependencyView view, MentionIndex index, Action<Relation> add)
    {
        var quantities = doc.GetOrEmpty(Layers.Quantities);
        var tokens = doc.Tokens;
        for (int noun = 0; noun < view.Words.Length; noun++)
        {
            if (view.Upos(noun) is not ("NOUN" or "PROPN") || !_words.IsContingent(view.Form(noun)))
            {
                continue;
            }
            int verb = view.Head(noun);
            for (int up = 0; up < 2 && verb >= 0 && view.Upos(verb) != "VERB"; up++)
            {
                verb = view.Head(verb);
            }
            if (verb < 0 || view.Upos(verb) != "VERB" || !_words.Contribute.Contains(view.JoinedLemma(verb)))
            {
                continue;
            }
            // how many: the quantity that ends with the noun ("rund 2.000 Soldaten")
            int last = view.Words[noun].Token;
            int? quantity = null;
            for (int qi = 0; qi < quantities.Length; qi++)
            {
                if (LastTokenIn(tokens, quantities[qi].Range) == last)
                {
                    quantity = qi;
                }
            }
            int recipient = -1;
            int recipientWord = -1;
            foreach (string prep in (ReadOnlySpan<string>)["für", "zu", "an"])
            {
                int c = view.ChildWithCase(verb, prep);
                c = c >= 0 ? c : view.ChildWithCase(noun, prep);
                if (c >= 0 && EntityOf(view, index, c) is int r and >= 0 && IsOrganisation(doc, r))
                {
                    recipient = r;
                    recipientWord = c;
                    break;
                }
            }
            if (recipient < 0)
            {
                // "stellt der Nato 300 Soldaten zur Verfügung": the dative object, or a noun phrase with "dem"/"der" after
                // the verb that the parser took for a second subject
                foreach (int c in view.Children(verb))
                {
                    bool dative = view.Rel(c) == "iobj"
                        || (view.Rel(c) == "nsubj" && c > verb && view.Child(c, "det") is int d and >= 0 && view.Form(d) is "dem" or "der");
                    if (dative && EntityOf(view, index, c) is int r and >= 0 && IsOrganisation(doc, r))
                    {
                        recipient = r;
                        recipientWord = c;
                        break;
                    }
                }
            }
            if (recipient < 0)
            {
                continue;
            }
            int giverWord = -1;
            int giver = -1;
            // the subject hangs from the verb or from its modal ("Frankreich will … stellen")
            var candidates = new List<int>();
            foreach (int c in view.Children(verb))
            {
                candidates.Add(c);
                if (view.Rel(c) == "aux")
                {
                    foreach (int a in view.Children(c))
                    {
                        candidates.Add(a);
                    }
                }
            }
            foreach (int c in candidates)
            {
                // the subject; or a country's name before the verb that the tagger took for something else
                // ("Norwegen steuert … bei" with "Norwegen" as an adverb)
                int ct = view.Words[c].Token;
                if (c != recipientWord && (view.Rel(c) == "nsubj" || (view.Rel(c) is "advmod" or "dep" && c < verb && index.EntityAt(ct) >= 0 && index.KindAt(ct) == MentionKind.Name))
                    && EntityOf(view, index, c) is int g and >= 0 && (IsPlace(doc, g) || IsOrganisation(doc, g)))
                {
                    (giver, giverWord) = (g, c);
                    break;
                }
            }
            if (giver < 0)
            {
                // the troops' country: "niederländische Soldaten", "Soldaten aus den Niederlanden"
                foreach (int c in view.Children(noun))
                {
                    int at = index.EntityAt(view.Words[c].Token);
                    if ((view.Rel(c) == "amod" && at >= 0 && index.KindAt(view.Words[c].Token) == MentionKind.Deriv)
                        || (view.Rel(c) == "nmod" && view.Child(c, "case") is int cs and >= 0 && view.Lemma(cs) == "aus" && (at = EntityOf(view, index, c)) >= 0))
                    {
                        if (IsPlace(doc, at))
                        {
                            (giver, giverWord) = (at, c);
                            break;
                        }
                    }
                }
            }
            if (giver < 0 || giver == recipient)
            {
                continue;
            }
            // "keine Soldaten stellen", "stellt nicht"
            bool negated = view.Child(noun, "det") is int det and >= 0 && view.Lemma(det) is "kein" or "keine";
            foreach (int c in view.Children(verb))
            {
                if (view.Rel(c) == "advmod" && view.Lemma(c) is "nicht" or "nie" or "niemals")
                {
                    negated = true;
                }
            }
            int from = Math.Min(Math.Min(view.Words[giverWord].Token, view.Words[verb].Token), Math.Min(view.Words[recipientWord].Token, view.Words[noun].Token));
            int to = Math.Max(Math.Max(view.Words[giverWord].Token, view.Words[verb].Token), Math.Max(view.Words[recipientWord].Token, last));
            int prt = view.Child(verb, "compound:prt");
            if (prt >= 0)
            {
                to = Math.Max(to, view.Words[prt].Token);
            }
            add(new Relation(giver, RelationType.ContributesTo, recipient, null, null, negated, Evidence(doc, from, to + 1), quantity));
        }
    }

    /// <summary>
    /// "in Tapa in Estland", "die litauische Hauptstadt Vilnius", "im estnischen Dorf Tapa", "im litauischen Rukla":
    /// a named place (not itself a country) attributed to a country by "in" or by the country's adjective.
    /// </summary>
    private void PlacesIn(Document doc, DependencyView view, MentionIndex index, Action<Relation> add)
    {
        for (int w = 0; w < view.Words.Length; w++)
        {
            if (view.Upos(w) is not ("NOUN" or "PROPN"))
            {
                continue;
            }
            int place = index.EntityAt(view.Words[w].Token);
            bool named = place >= 0 && index.KindAt(view.Words[w].Token) == MentionKind.Name && IsPlace(doc, place) && !IsCountry(doc, place);
            // "Tapa in Estland"
            if (named && view.ChildWithCase(w, "in") is int n and >= 0 && view.BaseRel(n).SequenceEqual("nmod")
                && view.Child(n, "case") is int inWord && view.Words[inWord].Token == LastTokenOfMention(index, view.Words[w].Token) + 1
                && index.EntityAt(view.Words[n].Token) is int c and >= 0 && IsCountry(doc, c))
            {
                AddLocated(doc, place, c, view.Words[w].Token, view.Words[n].Token, add);
            }
            // "im litauischen Rukla": the name itself takes the adjective
            if (named && CountryAdjective(view, index, doc, w) is (int country, int adj))
            {
                AddLocated(doc, place, country, view.Words[adj].Token, view.Words[w].Token, add);
            }
            // "die litauische Hauptstadt Vilnius": a settlement noun takes the adjective and the name
            if (!named && EventLexicon.InGroup(_words.Settlement, view.Form(w)) && CountryAdjective(view, index, doc, w) is (int country2, int adj2))
            {
                foreach (int k in view.Children(w))
                {
                    int t = view.Words[k].Token;
                    if (view.Rel(k) is "appos" or "flat" or "flat:name" or "nmod" && view.Child(k, "case") < 0
                        && index.EntityAt(t) is int p and >= 0 && index.KindAt(t) == MentionKind.Name && IsPlace(doc, p) && !IsCountry(doc, p))
                    {
                        AddLocated(doc, p, country2, view.Words[adj2].Token, t, add);
                    }
                }
            }
        }
    }

    /// <summary>
    /// "Die Bundeswehr verlegt Soldaten nach Litauen. Die Truppen sollen in Pabrade stationiert werden": where the
    /// troops just sent to a country are put (a named place that is not a country) lies in that country. The
    /// troops must be taken up (a pronoun or a definite troop noun) in the sentence after the deployment or in it.
    /// </summary>
    private void StationedAfterDeployment(Document doc, DependencyView view, MentionIndex index, Action<Relation> add)
    {
        if (!doc.TryGet(Layers.Events, out var events) || events.IsEmpty)
        {
            return;
        }
        for (int v = 0; v < view.Words.Length; v++)
        {
            if (view.Upos(v) != "VERB" || !_words.Station.Contains(view.JoinedLemma(v)))
            {
                continue;
            }
            // the troops, taken up: "Die Truppen", "Die Soldaten", "sie"
            bool takenUp = false;
            foreach (int c in view.Children(v))
            {
                if (view.BaseRel(c).SequenceEqual("nsubj")
                    && (view.Upos(c) == "PRON" || (_words.IsContingent(view.Form(c)) && view.Child(c, "det") is int d and >= 0 && view.Lemma(d) == "der")))
                {
                    takenUp = true;
                }
            }
            if (!takenUp)
            {
                continue;
            }
            int sentence = SentenceOf(doc, view.Words[v].Token);
            foreach (string prep in (ReadOnlySpan<string>)["in", "auf", "an"])
            {
                int obl = view.ChildWithCase(v, prep);
                if (obl < 0)
                {
                    continue;
                }
                var (first, lastToken) = view.SubtreeTokens(obl);
                int place = -1;
                int placeToken = -1;
                for (int t = first; t <= lastToken && place < 0; t++)
                {
                    if (index.EntityAt(t) is int p and >= 0 && index.KindAt(t) == MentionKind.Name && IsPlace(doc, p) && !IsCountry(doc, p))
                    {
                        (place, placeToken) = (p, t);
                    }
                }
                if (place < 0)
                {
                    continue;
                }
                // the deployment just before: the latest one in this sentence (before the verb) or the one before it
                for (int i = events.Length - 1; i >= 0; i--)
                {
                    var ev = events[i];
                    if (ev.Type != "MOBILIZE" || ev.Mode == EventMode.Negated || ev.Sentence > sentence || ev.Sentence < sentence - 1
                        || (ev.Sentence == sentence && ev.Trigger.Start >= doc.Tokens[view.Words[v].Token].Start))
                    {
                        continue;
                    }
                    if ((ev.Location ?? ev.Target) is { Entity: int country, Origin: ArgumentOrigin.Stated } where && IsCountry(doc, country))
                    {
                        AddLocated(doc, place, country, TokenAtStart(doc.Tokens, where.Range.Start), placeToken, add);
                    }
                    break;
                }
                break;
            }
        }
    }

    /// <summary>Adds <paramref name="place"/> located_in <paramref name="country"/> unless the knowledge base puts the place in another country.</summary>
    private void AddLocated(Document doc, int place, int country, int token1, int token2, Action<Relation> add)
    {
        var entities = doc.GetOrEmpty(Layers.Entities);
        if (entities[place].KnowledgeId is { } pid && _kb.TryGet(pid, out var actor) && actor.Parent is { } parent
            && entities[country].KnowledgeId is { } cid && parent != cid)
        {
            return;
        }
        add(new Relation(place, RelationType.LocatedIn, country, null, null, false, Evidence(doc, Math.Min(token1, token2), Math.Max(token1, token2) + 1)));
    }

    /// <summary>A country's adjective among the word's modifiers ("litauischen"): the country and the adjective's word.</summary>
    private (int Country, int Word)? CountryAdjective(DependencyView view, MentionIndex index, Document doc, int w)
    {
        foreach (int c in view.Children(w))
        {
            int t = view.Words[c].Token;
            if (view.Rel(c) == "amod" && index.EntityAt(t) is int e and >= 0 && index.KindAt(t) == MentionKind.Deriv && IsCountry(doc, e))
            {
                return (e, c);
            }
        }
        return null;
    }

    /// <summary>The entity a word's phrase names: the word's own mention, else the first mention inside its core phrase.</summary>
    private static int EntityOf(DependencyView view, MentionIndex index, int word)
    {
        int t = view.Words[word].Token;
        if (index.EntityAt(t) is int own and >= 0)
        {
            return own;
        }
        var doc = view.Document;
        var range = view.Phrase(word);
        for (int k = TokenAtStart(doc.Tokens, range.Start); k >= 0 && k < doc.Tokens.Length && doc.Tokens[k].Start < range.End; k++)
        {
            if (index.EntityAt(k) is int e and >= 0 && index.KindAt(k) != MentionKind.Pronoun)
            {
                return e;
            }
        }
        return -1;
    }

    private bool IsCountry(Document doc, int entity) =>
        doc.GetOrEmpty(Layers.Entities)[entity].KnowledgeId is { } id && _kb.TryGet(id, out var actor) && actor.Kind == ActorKind.Country;

    private static int SentenceOf(Document doc, int token) => Positions.SentenceOfToken(doc, token);

    /// <summary>The token that starts at or covers a character offset (the first whose end lies after it), or -1.</summary>
    private static int TokenAtStart(ImmutableArray<TokenInfo> tokens, int start)
    {
        int t = Positions.TokenFrom(tokens, start);
        return t < tokens.Length ? t : -1;
    }

    /// <summary>The last token inside a character range.</summary>
    private static int LastTokenIn(ImmutableArray<TokenInfo> tokens, TextRange range)
    {
        int t = TokenAtStart(tokens, range.End - 1);
        return t >= 0 ? t : tokens.Length - 1;
    }

    /// <summary>"Olaf Scholz (SPD)": a person's name right before an organisation in parentheses belongs to it; not a
    /// country's code in a result list ("(AUT)", "(GER)").</summary>
    private void PartyInParentheses(Document doc, MentionIndex index, int s, int e, int open, Action<Relation> add)
    {
        var tokens = doc.Tokens;
        int org = open + 1 < e ? index.EntityAt(open + 1) : -1;
        int close = open + 1;
        while (close < e && close <= open + 4 && index.EntityAt(close) == org && org >= 0)
        {
            close++;
        }
        if (org < 0 || close >= e || doc.TextOf(tokens[close].Range) != ")" || open == s || index.KindAt(open + 1) != MentionKind.Name || !IsOrganisation(doc, org))
        {
            return;
        }
        string code = doc.TextOf(new TextRange(tokens[open + 1].Start, tokens[close - 1].End));
        if (code.Length == 3 && code.All(char.IsAsciiLetterUpper) && (_kb.CountryCode(code) is not null || _words.TeamCodes.Contains(code)))
        {
            return;
        }
        int person = index.EntityAt(open - 1);
        int first = FirstTokenOf(index, open - 1, s);
        if (person >= 0 && index.KindAt(open - 1) == MentionKind.Name && doc.GetOrEmpty(Layers.Entities)[person].Type == EntityType.Person
            && !AreInitials(doc, first, open, open + 1, close))
        {
            add(new Relation(person, RelationType.MemberOf, org, null, null, false, Evidence(doc, first, close + 1)));
        }
    }

    /// <summary>The nouns after an organisation's name in a compound that make the named person its member ("der
    /// SPD-Politiker Karl Lauterbach") or its leader ("CDU-Chef Friedrich Merz": the CDU is led by him). Offices such as
    /// "Nato-Generalsekretär" are the linker's.</summary>
    private static readonly string[] s_memberNouns = ["Politiker", "Politikerin", "Abgeordnete", "Abgeordneter", "Mitglied", "Fraktionschef", "Fraktionschefin", "Spitzenkandidat", "Spitzenkandidatin", "Kandidat", "Kandidatin", "Landeschef", "Landeschefin", "Parteivize"];

    private static readonly string[] s_leaderNouns = ["Chef", "Chefin", "Vorsitzende", "Vorsitzender", "Parteichef", "Parteichefin"];

    private static void PartyCompound(Document doc, MentionIndex index, int e, int i, Action<Relation> add)
    {
        var text = doc.TextOf(doc.Tokens[i].Range);
        int dash = text.LastIndexOf('-');
        bool leads = dash > 0 && Array.IndexOf(s_leaderNouns, text[(dash + 1)..]) >= 0;
        if (dash <= 0 || i + 1 >= e || !(leads || Array.IndexOf(s_memberNouns, text[(dash + 1)..]) >= 0))
        {
            return;
        }
        int org = index.EntityAt(i);
        int person = index.EntityAt(i + 1);
        if (!IsOrganisation(doc, org) || person < 0 || index.KindAt(i + 1) != MentionKind.Name || doc.GetOrEmpty(Layers.Entities)[person].Type != EntityType.Person)
        {
            return;
        }
        int last = i + 1;
        while (last + 1 < e && index.EntityAt(last + 1) == person)
        {
            last++;
        }
        add(leads
            ? new Relation(org, RelationType.LedBy, person, null, null, false, Evidence(doc, i, last + 1))
            : new Relation(person, RelationType.MemberOf, org, null, null, false, Evidence(doc, i, last + 1)));
    }

    /// <summary>"Thai Rak Thai (TRT)": the parenthesis abbreviates the name before it (its initials), so it is the same one.</summary>
    private static bool AreInitials(Document doc, int nameStart, int nameEnd, int abbrStart, int abbrEnd)
    {
        var initials = new System.Text.StringBuilder();
        for (int k = nameStart; k < nameEnd; k++)
        {
            var w = doc.Slice(doc.Tokens[k].Range);
            if (w.Length > 0 && char.IsLetter(w[0]))
            {
                initials.Append(char.ToUpperInvariant(w[0]));
            }
        }
        var abbr = string.Concat(Enumerable.Range(abbrStart, abbrEnd - abbrStart).Select(k => doc.TextOf(doc.Tokens[k].Range))).ToUpperInvariant();
        return initials.Length > 1 && abbr.StartsWith(initials.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The last token of the mention that holds <paramref name="token"/> ("Tapa", "Port-au-Prince", "New York").</summary>
    private static int LastTokenOfMention(MentionIndex index, int token)
    {
        int entity = index.EntityAt(token);
        while (index.EntityAt(token + 1) == entity && entity >= 0)
        {
            token++;
        }
        return token;
    }

    private static int FirstTokenOf(MentionIndex index, int token, int s)
    {
        int entity = index.EntityAt(token);
        while (token > s && index.EntityAt(token - 1) == entity)
        {
            token--;
        }
        return token;
    }

    /// <summary>
    /// "Finnland ist der Nato beigetreten", "Schweden trat der Nato bei": a member; "Großbritannien ist aus der EU
    /// ausgetreten": a member no more (negated). An accession still wanted or planned ("will der EU beitreten") is none.
    /// </summary>
    private void Accessions(Document doc, DependencyView view, MentionIndex index, Action<Relation> add)
    {
        for (int v = 0; v < view.Words.Length; v++)
        {
            if (view.Upos(v) != "VERB")
            {
                continue;
            }
            string lemma = view.JoinedLemma(v);
            bool join = lemma == "beitreten";
            bool leave = lemma == "austreten";
            if (!join && !leave)
            {
                continue;
            }
            bool notYet = false;
            foreach (int c in view.Children(v))
            {
                notYet |= view.BaseRel(c).SequenceEqual("aux") && view.Lemma(c) is "wollen" or "sollen" or "möchten" or "mögen" or "können" or "dürfen" or "müssen"
                    || (view.Lemma(c) == "werden" && !view.HasFeature(v, "VerbForm=Part"));
            }
            if (notYet)
            {
                continue;
            }
            int org = -1;
            int orgWord = -1;
            int member = -1;
            int memberWord = -1;
            foreach (int c in view.Children(v))
            {
                int entity = EntityOf(view, index, c);
                if (entity < 0)
                {
                    continue;
                }
                string rel = view.Rel(c);
                bool dative = view.Child(c, "det") is int d and >= 0 && view.Form(d) is "der" or "dem";
                if (join && IsOrganisation(doc, entity) && (rel is "iobj" or "obl:arg" || (rel is "nsubj" or "obj" && dative)) && org < 0)
                {
                    (org, orgWord) = (entity, c);
                }
                else if (leave && IsOrganisation(doc, entity) && view.Child(c, "case") is int cs and >= 0 && view.Lemma(cs) == "aus")
                {
                    (org, orgWord) = (entity, c);
                }
                else if (rel == "nsubj" && member < 0 && (IsPlace(doc, entity) || IsOrganisation(doc, entity)))
                {
                    (member, memberWord) = (entity, c);
                }
            }
            if (org < 0 || member < 0 || org == member)
            {
                continue;
            }
            bool negated = leave;
            foreach (int c in view.Children(v))
            {
                if (view.Rel(c) == "advmod" && view.Lemma(c) is "nicht" or "nie")
                {
                    negated = !negated; // "ist nicht beigetreten", "ist nicht ausgetreten"
                }
            }
            int from = Math.Min(view.Words[memberWord].Token, view.Words[orgWord].Token);
            int to = Math.Max(view.Words[v].Token, Math.Max(view.Words[memberWord].Token, view.Words[orgWord].Token));
            int prt = view.Child(v, "compound:prt");
            if (prt >= 0)
            {
                to = Math.Max(to, view.Words[prt].Token);
            }
            add(new Relation(member, RelationType.MemberOf, org, null, null, negated, Evidence(doc, from, to + 1)));
        }
    }

    private static bool IsOrganisation(Document doc, int entity) => doc.GetOrEmpty(Layers.Entities)[entity].Type == EntityType.Organisation;

    private static bool IsPlace(Document doc, int entity) => doc.GetOrEmpty(Layers.Entities)[entity].Type == EntityType.Location;
}
