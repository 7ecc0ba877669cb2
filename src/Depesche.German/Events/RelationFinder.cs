using System.Collections.Immutable;
using Depesche.Knowledge;
using Depesche.Knowledge.Linking;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>
/// Relations the text states between its entities: offices and ages (from the linker's facts),
/// memberships with polarity (<c>kein Mitglied der EU</c>), parts (<c>zur Bundeswehr gehört … das KSK</c>),
/// leadership (<c>von Polen geführt</c>), aliases (<c>der «Rote Armee Fraktion» genannten RAF</c>) and borders
/// (<c>das an Polen … angrenzt</c>). Rules over tokens and linked mentions; every relation keeps its evidence.
/// </summary>
public sealed class RelationFinder
{
    private readonly KnowledgeBase _kb;

    public RelationFinder(KnowledgeBase? kb = null)
    {
        _kb = kb ?? KnowledgeBase.Default;
    }

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
                    for (int t = TokenAt(tokens, m.Range.Start); t >= 0 && t < tokens.Length && tokens[t].Start < m.Range.End; t++)
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

        private static int TokenAt(ImmutableArray<TokenInfo> tokens, int start)
        {
            int lo = 0;
            int hi = tokens.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                if (tokens[mid].End <= start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            return lo < tokens.Length ? lo : -1;
        }
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
    private static void Membership(Document doc, MentionIndex index, int s, int e, int i, Action<Relation> add)
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
            if (index.IsName(k) && index.EntityAt(k) != org)
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
        int an = -1;
        for (int k = v - 1; k >= s && k >= v - 10; k--)
        {
            if (tokens[k].Slice(text) is "an")
            {
                an = k;
                break;
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

    private static bool IsOrganisation(Document doc, int entity) => doc.GetOrEmpty(Layers.Entities)[entity].Type == EntityType.Organisation;

    private static bool IsPlace(Document doc, int entity) => doc.GetOrEmpty(Layers.Entities)[entity].Type == EntityType.Location;
}
