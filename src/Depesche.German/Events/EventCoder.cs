using System.Collections.Immutable;
using Depesche.German.Syntax;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>
/// Codes events from the dependency tree: a trigger (a verb or noun of the event lexicon), its actor
/// and target from the frame, the mode from negation, modals, tense and governing verbs, and the time,
/// quantity, place and quotation it comes with. Precision first: an event without an actor is not stated.
/// </summary>
public sealed class EventCoder
{
    private readonly EventLexicon _lex;

    public EventCoder(EventLexicon? lexicon = null)
    {
        _lex = lexicon ?? EventLexicon.Default;
    }

    private sealed record Found(int Trigger, EventFrame Frame, Event Event);

    public ImmutableArray<Event> Find(Document doc)
    {
        var view = new DependencyView(doc);
        if (!view.HasTree)
        {
            return [];
        }
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        var entities = doc.GetOrEmpty(Layers.Entities);
        var times = doc.GetOrEmpty(Layers.Times);
        var quantities = doc.GetOrEmpty(Layers.Quantities);
        var paragraphs = doc.Paragraphs;
        var result = ImmutableArray.CreateBuilder<Event>();
        int w = 0;
        for (int si = 0; si < doc.Sentences.Length; si++)
        {
            var sentence = doc.Sentences[si];
            int start = w;
            while (w < view.Words.Length && view.Words[w].Token < sentence.EndToken)
            {
                w++;
            }
            if (paragraphs[sentence.Paragraph].Kind != ParagraphKind.Body)
            {
                continue;
            }
            var found = new List<Found>();
            for (int i = start; i < w; i++)
            {
                if (!TryFrame(view, i, out var frame))
                {
                    continue;
                }
                var ev = Build(view, i, frame, si, sentence, quotes, entities, times, quantities);
                if (ev is not null)
                {
                    found.Add(new Found(i, frame, ev));
                }
            }
            foreach (var f in found)
            {
                // One record per event and sentence: a noun inside the clause of a verb of the same type restates it.
                bool restated = found.Any(o => o != f && o.Frame.Type == f.Frame.Type && !o.Frame.IsNoun && f.Frame.IsNoun && view.Dominates(o.Trigger, f.Trigger, 3));
                if (!restated)
                {
                    result.Add(f.Event);
                }
            }
        }
        return result.ToImmutable();
    }

    private bool TryFrame(DependencyView view, int w, out EventFrame frame)
    {
        frame = null!;
        string upos = view.Upos(w);
        if (upos == "VERB" || (upos == "AUX" && (view.Child(w, "compound:prt") >= 0 || view.Child(w, "obj") >= 0 || view.Child(w, "obl") >= 0)))
        {
            string lemma = view.Lemma(w);
            int prt = view.Child(w, "compound:prt");
            if (prt >= 0)
            {
                string joined = view.Lemma(prt).ToLowerInvariant() + lemma;
                if (_lex.TryVerb(joined, out frame))
                {
                    return true;
                }
            }
            return _lex.TryVerb(lemma, out frame) || TryVerbByLexicon(view, w, prt, out frame);
        }
        if (upos is "NOUN")
        {
            return _lex.TryNoun(view.Lemma(w), out frame) || _lex.TryNoun(view.Form(w), out frame);
        }
        if (upos is "ADJ" && char.IsLower(view.Form(w)[0]) && view.Child(w, "obj") >= 0)
        {
            // a finite verb the tagger read as an adjective ("unterzeichneten ein Abkommen")
            return TryVerbByLexicon(view, w, -1, out frame);
        }
        return false;
    }

    /// <summary>
    /// The full-form lexicon's verb lemmas for the word's form, for verbs the tagger lemmatised wrongly
    /// ("boykottierte" → "boykottieben"): the lexicon knows "boykottieren".
    /// </summary>
    private bool TryVerbByLexicon(DependencyView view, int w, int prt, out EventFrame frame)
    {
        frame = null!;
        var lexicon = SyntaxModels.DefaultLexicon;
        var form = view.Form(w);
        const LexClass verbs = LexClass.VerbFinite | LexClass.VerbInfinitive | LexClass.VerbParticiple | LexClass.VerbZuInfinitive;
        foreach (var analysis in lexicon.Lookup(form))
        {
            if ((lexicon.SignatureClass[analysis.Signature] & verbs) == 0)
            {
                continue;
            }
            string lemma = lexicon.Lemmas[analysis.Lemma];
            if (prt >= 0 && _lex.TryVerb(view.Lemma(prt).ToLowerInvariant() + lemma, out frame))
            {
                return true;
            }
            if (_lex.TryVerb(lemma, out frame))
            {
                return true;
            }
        }
        return false;
    }

    private Event? Build(DependencyView view, int w, EventFrame frame, int si, Sentence sentence,
        ImmutableArray<Quote> quotes, ImmutableArray<Entity> entities, ImmutableArray<TimeExpression> times, ImmutableArray<Quantity> quantities)
    {
        var doc = view.Document;
        var triggerRange = doc.Tokens[view.Words[w].Token].Range;
        int quote = QuoteAt(quotes, triggerRange, out bool isCue);

        // Actor and target words.
        int actor = -1;
        int target = -1;
        int verb = frame.IsNoun ? GoverningVerb(view, w) : w;
        bool isPassive = false;
        if (!frame.IsNoun)
        {
            bool passive = view.Child(w, "aux:pass") >= 0 || view.Child(w, "nsubj:pass") >= 0;
            if (passive)
            {
                isPassive = true;
                actor = view.ChildWithCase(w, "von");
                if (actor < 0)
                {
                    actor = view.ChildWithCase(w, "durch");
                }
                if (actor < 0 && frame.IsMobilize)
                {
                    // "300 US-Soldaten sollen verlegt werden": the troops' side moves them, when the text says whose they are
                    int patient = view.Child(w, "nsubj:pass");
                    if (patient < 0)
                    {
                        patient = AffiliatedNounBelow(view, w, entities); // the parser lost the subject: "mehr als 300 US-Soldaten"
                    }
                    if (patient >= 0 && HasAffiliation(view, patient, entities))
                    {
                        actor = patient;
                    }
                }
            }
            else
            {
                actor = Subject(view, w, entities);
                if (actor < 0 && frame.Target != "obj")
                {
                    actor = view.Child(w, "obj"); // "… sind die ersten US-Truppen eingetroffen": a subject read as an object
                }
            }
            if (actor < 0 && !isPassive)
            {
                actor = Controller(view, w); // a passive's missing agent is unknown, not the subject of the clause above
            }
        }
        else
        {
            // "übte Kritik", "kündigte die Verlegung an": the verb's subject acts, unless the verb states an event of
            // its own ("begrüßte die Einigung": the Einigung is someone else's)
            // Protests are made by whoever the noun says, not by the subject that reports or condemns them.
            bool borrow = frame.Type is not "PROTEST";
            if (borrow && verb >= 0 && view.Child(w, "case") < 0 && view.Rel(w) is "obj" or "iobj" or "obl" or "nmod" or "xcomp" && !TryFrame(view, verb, out _))
            {
                actor = view.Child(verb, "nsubj");
            }
            if (actor < 0)
            {
                actor = Genitive(view, w);
            }
            if (actor < 0)
            {
                actor = view.ChildWithCase(w, "von");
            }
        }
        target = FindTarget(view, w, verb, frame);

        // Location and destination.
        int location = -1;
        if (frame.IsMobilize)
        {
            location = target >= 0 && !IsTime(view, times, target) ? target : -1;
            if (location < 0)
            {
                foreach (string p in new[] { "in", "nach", "an" })
                {
                    int candidate = FindWithCase(view, w, p);
                    if (candidate >= 0 && !IsTime(view, times, candidate))
                    {
                        location = candidate;
                        break;
                    }
                }
            }
            target = location;
        }
        else
        {
            int inWord = FindWithCase(view, w, "in");
            if (inWord >= 0 && inWord != target && view.Upos(inWord) == "PROPN")
            {
                location = inWord;
            }
        }

        if (actor >= 0 && !CanAct(view, actor, entities))
        {
            actor = -1; // "Zuversicht", "September", a stray determiner: nothing that acts
        }
        var actorRef = ArgumentOf(view, actor, entities, includeAffiliation: true, core: true);
        if (isCue && quote >= 0 && quotes[quote].Speaker is { } cueSpeaker)
        {
            actorRef = cueSpeaker; // the quotation reader resolved the speaker of its own cue
        }
        else if (actor >= 0 && view.Upos(actor) == "PRON")
        {
            string lemma = view.Lemma(actor).ToLowerInvariant();
            if (lemma is "wir" or "ich" or "man" && quote >= 0 && quotes[quote].Speaker is { } speaker)
            {
                actorRef = speaker; // "wir" inside a quotation stands for its speaker
            }
            else if (actorRef is not null && actorRef.Entity is null)
            {
                actorRef = lemma is "er" or "sie" && view.HasFeature(actor, "Number=Sing") ? RecentPerson(doc, entities, quotes, triggerRange) : null;
            }
        }
        if (actorRef is null)
        {
            return null;
        }
        if (target >= 0 && !frame.IsMobilize && IsTime(view, times, target))
        {
            target = -1; // "dementiert … am 3. Dezember": a date is no target
        }
        if (target >= 0 && view.Lemma(target) is "sich" or "uns" or "einander")
        {
            target = -1; // a reflexive is no target: "zog sich zurück"
        }
        if (target >= 0 && actor >= 0 && target == actor)
        {
            target = -1;
        }
        if (target >= 0 && !CanAct(view, target, entities) && Genitive(view, target) is int owner and >= 0 && CanAct(view, owner, entities))
        {
            target = owner; // "kritisierte die Entscheidung des Gerichts": the court is the target
        }
        ArgumentRef? targetRef = ArgumentOf(view, target, entities, includeAffiliation: true, core: false);
        if (targetRef is { Entity: null } && target >= 0 && view.Lemma(target) == "Land" && view.Child(target, "det") is int det and >= 0 && view.Lemma(det) == "der")
        {
            // "das Land" takes up the country last named, other than the actor
            targetRef = LastCountry(doc, entities, triggerRange, actorRef?.Entity, targetRef.Range) ?? targetRef;
        }
        if (isCue && quote >= 0 && quotes[quote].Addressee is { } addressee && frame.Type == "REQUEST")
        {
            targetRef = addressee;
        }
        var locationRef = ArgumentOf(view, location, entities, includeAffiliation: false, core: true);
        if (NeedsTarget(frame.Type) && !(isCue && targetRef is not null && quote >= 0 && quotes[quote].Addressee == targetRef))
        {
            // Demands, accusations, sanctions, support and the like are always aimed at someone: without a target that can be one, say nothing.
            if (targetRef is null || (target >= 0 && !CanAct(view, target, entities) && targetRef.Entity is null))
            {
                return null;
            }
        }
        if (targetRef is not null && actorRef is not null && (targetRef.Range == actorRef.Range || (targetRef.Entity is not null && targetRef.Entity == actorRef.Entity)))
        {
            return null; // an actor acting on itself is a misreading
        }

        var mode = ModeOf(view, w, frame, quote >= 0 && quotes[quote].Kind != QuoteKind.Direct ? quotes[quote] : null, isCue);

        int? time = NearestTime(doc, times, sentence, triggerRange);
        int? quantity = QuantityIn(quantities, actorRef, targetRef, view, w);

        return new Event(frame.Type, frame.Cameo, mode, actorRef, targetRef, locationRef, time, quantity, triggerRange, si, quote >= 0 ? quote : null);
    }

    /// <summary>The verb a noun trigger belongs to: its head when that is a verb (through one noun at most).</summary>
    private static int GoverningVerb(DependencyView view, int w)
    {
        int h = view.Head(w);
        for (int step = 0; step < 2 && h >= 0; step++)
        {
            if (view.Upos(h) == "VERB")
            {
                return h;
            }
            h = view.Head(h);
        }
        return -1;
    }

    /// <summary>For an infinitive without a subject: who does it. Object control for demands, else the subject of the governing verb.</summary>
    private static int Controller(DependencyView view, int w)
    {
        int h = view.Head(w);
        string rel = view.Rel(w);
        for (int step = 0; step < 3 && h >= 0; step++)
        {
            if (rel is "xcomp" or "ccomp" or "acl" or "advcl" or "obj" or "nmod" or "csubj" || rel.StartsWith("acl", StringComparison.Ordinal))
            {
                if (view.Upos(h) == "VERB")
                {
                    string lemma = view.Lemma(h);
                    int prt = view.Child(h, "compound:prt");
                    if (prt >= 0)
                    {
                        lemma = view.Lemma(prt).ToLowerInvariant() + lemma;
                    }
                    if (lemma is "auffordern" or "bitten" or "drängen" or "zwingen" or "ermahnen")
                    {
                        int obj = view.Child(h, "obj");
                        if (obj >= 0)
                        {
                            return obj;
                        }
                    }
                    int subj = view.Child(h, "nsubj");
                    if (subj >= 0)
                    {
                        return subj;
                    }
                }
                else if (view.Upos(h) is "NOUN")
                {
                    int g = Genitive(view, h);
                    if (g >= 0)
                    {
                        return g;
                    }
                }
                rel = view.Rel(h);
                h = view.Head(h);
                continue;
            }
            break;
        }
        return -1;
    }

    private static int Genitive(DependencyView view, int w)
    {
        foreach (int c in view.Children(w))
        {
            if (view.BaseRel(c).SequenceEqual("nmod") && view.Child(c, "case") < 0 && view.HasFeature(c, "Case=Gen") && view.Upos(c) is "PROPN" or "NOUN")
            {
                return c;
            }
        }
        return -1;
    }

    private static int FindTarget(DependencyView view, int w, int verb, EventFrame frame)
    {
        switch (frame.Target)
        {
            case null:
                return -1;
            case "obj":
                {
                    if (frame.IsNoun)
                    {
                        return Genitive(view, w);
                    }
                    int obj = view.Child(w, "obj");
                    if (obj >= 0)
                    {
                        return obj;
                    }
                    // A tagger that read the object as a second subject, or as a bare oblique: the other argument is the target.
                    int subj = view.Child(w, "nsubj");
                    foreach (int c in view.Children(w))
                    {
                        var rel = view.BaseRel(c);
                        if (c != subj && (rel.SequenceEqual("nsubj") || rel.SequenceEqual("obl")) && view.Child(c, "case") < 0 && view.Upos(c) is "NOUN" or "PROPN")
                        {
                            return c;
                        }
                    }
                    return -1;
                }
            case "dat":
                {
                    int v = frame.IsNoun ? verb : w;
                    if (v < 0)
                    {
                        return -1;
                    }
                    int iobj = view.Child(v, "iobj");
                    if (iobj >= 0)
                    {
                        return iobj;
                    }
                    int obj = view.Child(v, "obj");
                    if (obj >= 0 && view.HasFeature(obj, "Case=Dat"))
                    {
                        return obj;
                    }
                    // any bare dative noun of the verb ("sprach dem ukrainischen Volk … Solidarität aus")
                    foreach (int c in view.Children(v))
                    {
                        if (view.Child(c, "case") < 0 && view.HasFeature(c, "Case=Dat") && view.Upos(c) is "NOUN" or "PROPN")
                        {
                            return c;
                        }
                    }
                    // a second "subject" the parser gave the verb is its dative object ("warf der Regierung … vor")
                    int first = -1;
                    foreach (int c in view.Children(v))
                    {
                        if (view.Rel(c) != "nsubj")
                        {
                            continue;
                        }
                        if (first < 0)
                        {
                            first = c;
                        }
                        else
                        {
                            return c;
                        }
                    }
                    return -1;
                }
            default:
                {
                    int t = FindWithCase(view, w, frame.Target);
                    if (t < 0 && frame.IsNoun && verb >= 0)
                    {
                        t = view.ChildWithCase(verb, frame.Target);
                    }
                    return t;
                }
        }
    }

    /// <summary>A phrase with the given preposition among the trigger's dependents, or deeper in its phrase (attachment errors), never inside a clause.</summary>
    private static int FindWithCase(DependencyView view, int w, string preposition)
    {
        int direct = view.ChildWithCase(w, preposition);
        if (direct >= 0)
        {
            return direct;
        }
        var queue = new Queue<(int Word, int Depth)>();
        foreach (int c in view.Children(w))
        {
            queue.Enqueue((c, 1));
        }
        while (queue.Count > 0)
        {
            var (c, depth) = queue.Dequeue();
            var rel = view.BaseRel(c);
            if (rel.SequenceEqual("ccomp") || rel.SequenceEqual("xcomp") || rel.SequenceEqual("advcl") || rel.SequenceEqual("acl") || rel.SequenceEqual("parataxis") || view.Rel(c) == "nsubj" || view.Upos(c) == "VERB")
            {
                continue;
            }
            int deeper = view.ChildWithCase(c, preposition);
            if (deeper >= 0)
            {
                return deeper;
            }
            if (depth < 3)
            {
                foreach (int d in view.Children(c))
                {
                    queue.Enqueue((d, depth + 1));
                }
            }
        }
        return -1;
    }

    private EventMode ModeOf(DependencyView view, int w, EventFrame frame, Quote? reportingQuote, bool isCue)
    {
        if (IsNegated(view, w))
        {
            return EventMode.Negated;
        }
        int head = view.Head(w);
        if (head >= 0 && view.Upos(head) == "AUX" && view.HasFeature(w, "VerbForm=Inf"))
        {
            // a parser that hung the infinitive on its auxiliary: "werden … zusammenkommen"
            string aux = view.Form(head).ToLowerInvariant();
            string auxLemma = view.Lemma(head).ToLowerInvariant();
            if (aux is "könnte" or "könnten" or "würde" or "würden" or "dürfte" or "dürften")
            {
                return EventMode.Hypothetical;
            }
            if (auxLemma is "werden" or "sollen" or "wollen")
            {
                return EventMode.Planned;
            }
        }
        // Walk from the trigger up through the words that govern it (two steps): negation, modality and announcement.
        int node = w;
        for (int step = 0; step < 3 && node >= 0; step++)
        {
            foreach (int c in view.Children(node))
            {
                string lemma = view.Lemma(c).ToLowerInvariant();
                var rel = view.BaseRel(c);
                if ((rel.SequenceEqual("advmod") || rel.SequenceEqual("det") || rel.SequenceEqual("neg")) && lemma is "nicht" or "kein" or "keine" or "nie" or "niemals")
                {
                    return EventMode.Negated;
                }
            }
            if (step > 0)
            {
                string lemma = view.Lemma(node);
                int prt = view.Child(node, "compound:prt");
                string joined = prt >= 0 ? view.Lemma(prt).ToLowerInvariant() + lemma : lemma;
                if (joined is "ankündigen" or "bekanntgeben" or "verkünden")
                {
                    return EventMode.Announced;
                }
                if (joined is "auffordern" or "fordern" or "verlangen" or "appellieren" or "bitten" or "drängen")
                {
                    return EventMode.Requested;
                }
                if (joined is "planen" or "beabsichtigen" or "vorhaben" or "Plan" or "Absicht")
                {
                    return EventMode.Planned;
                }
                if (joined is "drohen")
                {
                    return EventMode.Hypothetical;
                }
            }
            foreach (int c in view.Children(node))
            {
                if (!view.BaseRel(c).SequenceEqual("aux"))
                {
                    continue;
                }
                string aux = view.Form(c).ToLowerInvariant();
                string lemma = view.Lemma(c).ToLowerInvariant();
                if (aux is "könnte" or "könnten" or "würde" or "würden" or "dürfte" or "dürften" or "müsste" or "müssten" or "sollte" or "sollten")
                {
                    return EventMode.Hypothetical;
                }
                if (lemma is "sollen" or "wollen")
                {
                    return EventMode.Planned;
                }
                if (lemma == "werden" && view.Rel(c) == "aux" && view.HasFeature(c, "Tense=Pres") && !view.HasFeature(node, "VerbForm=Part"))
                {
                    return EventMode.Planned;
                }
                if (lemma == "werden" && view.Rel(c) == "aux" && !view.HasFeature(node, "VerbForm=Part") && view.Form(c).ToLowerInvariant() is "werden" or "wird" or "werde")
                {
                    return EventMode.Planned;
                }
            }
            string rel2 = view.Rel(node);
            if (!(rel2 is "xcomp" or "ccomp" or "obj" or "acl" or "nmod" or "obl" || rel2.StartsWith("acl", StringComparison.Ordinal)) || (step == 0 && isCue))
            {
                break;
            }
            node = view.Head(node);
        }
        _ = frame;
        _ = reportingQuote;
        return EventMode.Asserted;
    }

    /// <summary>"nicht" or "kein" on the trigger, on its object, or on the words that govern it ("keine Pläne, … zu schicken").</summary>
    private static bool IsNegated(DependencyView view, int w)
    {
        int node = w;
        for (int step = 0; step < 3 && node >= 0; step++)
        {
            foreach (int c in view.Children(node))
            {
                if (IsNegator(view, c))
                {
                    return true;
                }
                if (step == 0 && view.BaseRel(c).SequenceEqual("obj"))
                {
                    foreach (int d in view.Children(c))
                    {
                        if (IsNegator(view, d))
                        {
                            return true;
                        }
                    }
                }
            }
            string rel = view.Rel(node);
            if (!(rel is "xcomp" or "ccomp" or "acl" || rel.StartsWith("acl", StringComparison.Ordinal)))
            {
                break;
            }
            node = view.Head(node);
        }
        return false;
    }

    private static bool IsNegator(DependencyView view, int c)
    {
        var rel = view.BaseRel(c);
        if (!(rel.SequenceEqual("advmod") || rel.SequenceEqual("det") || rel.SequenceEqual("neg")))
        {
            return false;
        }
        return view.Lemma(c).ToLowerInvariant() is "nicht" or "kein" or "keine" or "nie" or "niemals";
    }

    private static int QuoteAt(ImmutableArray<Quote> quotes, TextRange trigger, out bool isCue)
    {
        isCue = false;
        for (int q = 0; q < quotes.Length; q++)
        {
            if (quotes[q].Cue is { } cue && cue.Range.Overlaps(trigger))
            {
                isCue = true;
                return q;
            }
        }
        for (int q = 0; q < quotes.Length; q++)
        {
            if (quotes[q].Content.Contains(trigger))
            {
                return q;
            }
        }
        return -1;
    }

    private static ArgumentRef? ArgumentOf(DependencyView view, int word, ImmutableArray<Entity> entities, bool includeAffiliation, bool core)
    {
        if (word < 0)
        {
            return null;
        }
        var phrase = view.Phrase(word);
        var shown = core ? view.Phrase(word, core: true) : phrase;
        // An affiliation may sit in a "von" attribute: "ein Kontingent von 40 amerikanischen Soldaten".
        int von = view.ChildWithCase(word, "von");
        var search = von >= 0 ? Union(phrase, view.Phrase(von)) : phrase;
        int? entity = EntityIn(entities, search, includeAffiliation);
        return new ArgumentRef(entity, shown.IsEmpty ? phrase : shown);
    }

    private static bool NeedsTarget(string type) => type is "REQUEST" or "SANCTION" or "ACCUSE" or "SUPPORT" or "AID" or "CONCEDE" or "COOPERATE" or "THREATEN";

    /// <summary>The subject: among several words the parser marked as subject, the first that can act.</summary>
    private int Subject(DependencyView view, int w, ImmutableArray<Entity> entities)
    {
        int first = -1;
        foreach (int c in view.Children(w))
        {
            if (view.Rel(c) != "nsubj")
            {
                continue;
            }
            if (CanAct(view, c, entities))
            {
                return c;
            }
            // "Tausende Demonstranten": the counted noun acts, not the number word
            foreach (int d in view.Children(c))
            {
                if (view.BaseRel(d) is "appos" or "nmod" or "flat" && CanAct(view, d, entities))
                {
                    return d;
                }
            }
            if (first < 0)
            {
                first = c;
            }
        }
        return first;
    }

    /// <summary>A name, a pronoun, a linked entity, or a common noun of an institution, group or role.</summary>
    private bool CanAct(DependencyView view, int word, ImmutableArray<Entity> entities)
    {
        string upos = view.Upos(word);
        if (upos is "PROPN" or "PRON")
        {
            return true;
        }
        if (EntityIn(entities, view.Phrase(word), includeAffiliation: true) is not null)
        {
            return true;
        }
        if (upos is "NOUN" or "ADJ" or "X")
        {
            return _lex.IsActorNoun(view.Lemma(word)) || _lex.IsActorNoun(view.Form(word))
                || (view.Form(word).Contains('-') && char.IsUpper(view.Form(word)[0]) && view.Form(word).IndexOf('-') <= 4);
        }
        return false;
    }

    /// <summary>A noun in the clause (not inside a prepositional phrase or another clause) that says whose it is.</summary>
    private static int AffiliatedNounBelow(DependencyView view, int w, ImmutableArray<Entity> entities)
    {
        var queue = new Queue<(int Word, int Depth)>();
        foreach (int c in view.Children(w))
        {
            queue.Enqueue((c, 1));
        }
        while (queue.Count > 0)
        {
            var (c, depth) = queue.Dequeue();
            var rel = view.BaseRel(c);
            if (view.Child(c, "case") >= 0 || rel is "ccomp" or "xcomp" or "advcl" or "acl" or "parataxis" || view.Upos(c) == "VERB")
            {
                continue;
            }
            if (view.Upos(c) is "NOUN" or "PROPN" && HasAffiliation(view, c, entities))
            {
                return c;
            }
            if (depth < 3)
            {
                foreach (int d in view.Children(c))
                {
                    queue.Enqueue((d, depth + 1));
                }
            }
        }
        return -1;
    }

    /// <summary>Whether a phrase says whose it is: a linked entity in it, or (before entities exist) a compound or adjective of a name.</summary>
    private static bool HasAffiliation(DependencyView view, int word, ImmutableArray<Entity> entities)
    {
        var phrase = view.Phrase(word);
        if (!entities.IsEmpty)
        {
            return EntityIn(entities, phrase, includeAffiliation: true) is not null;
        }
        var text = view.Document.Slice(phrase);
        int dash = text.IndexOf('-');
        return dash > 0 && char.IsUpper(text[0..dash][^1]) || text.Contains("isch", StringComparison.Ordinal);
    }

    private static bool IsTime(DependencyView view, ImmutableArray<TimeExpression> times, int word)
    {
        var range = view.Document.Tokens[view.Words[word].Token].Range;
        foreach (var t in times)
        {
            if (t.Range.Overlaps(range))
            {
                return true;
            }
        }
        return view.Lemma(word) is "Nacht" or "Tag" or "Woche" or "Monat" or "Jahr" or "Morgen" or "Abend" or "Mittag" or "Zeit";
    }

    private static ArgumentRef? LastCountry(Document doc, ImmutableArray<Entity> entities, TextRange before, int? except, TextRange shown)
    {
        int best = -1;
        int bestEnd = -1;
        foreach (var e in entities)
        {
            if (e.Type != EntityType.Location || e.Id == except || e.KnowledgeId is null || e.KnowledgeId.Length != 2)
            {
                continue;
            }
            foreach (var m in e.Mentions)
            {
                if (m.Kind == MentionKind.Name && m.Range.End <= before.Start && m.Range.End > bestEnd)
                {
                    best = e.Id;
                    bestEnd = m.Range.End;
                }
            }
        }
        _ = doc;
        return best >= 0 ? new ArgumentRef(best, shown) : null;
    }

    private static TextRange Union(TextRange a, TextRange b) => new(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));

    /// <summary>"er"/"sie" without a link from the linker: the most recent person before it (an entity mention, else a quotation's speaker), within two paragraphs' distance.</summary>
    private static ArgumentRef? RecentPerson(Document doc, ImmutableArray<Entity> entities, ImmutableArray<Quote> quotes, TextRange before)
    {
        ArgumentRef? best = null;
        int bestEnd = -1;
        foreach (var e in entities)
        {
            if (e.Type != EntityType.Person)
            {
                continue;
            }
            foreach (var m in e.Mentions)
            {
                if (m.Range.End <= before.Start && m.Range.End > bestEnd && m.Kind is MentionKind.Name or MentionKind.Role)
                {
                    best = new ArgumentRef(e.Id, m.Range);
                    bestEnd = m.Range.End;
                }
            }
        }
        foreach (var q in quotes)
        {
            if (q.Speaker is { } sp && sp.Range.End <= before.Start && sp.Range.End > bestEnd)
            {
                best = sp;
                bestEnd = sp.Range.End;
            }
        }
        if (best is null || ParagraphOf(doc, bestEnd) < ParagraphOf(doc, before.Start) - 2)
        {
            return null;
        }
        return best;
    }

    private static int ParagraphOf(Document doc, int position)
    {
        var paragraphs = doc.Paragraphs;
        for (int p = 0; p < paragraphs.Length; p++)
        {
            if (position <= paragraphs[p].End)
            {
                return p;
            }
        }
        return paragraphs.Length;
    }

    /// <summary>The entity named in a phrase: a name first, else (for actors) a derived adjective or compound ("US-Truppen" → USA).</summary>
    private static int? EntityIn(ImmutableArray<Entity> entities, TextRange range, bool includeAffiliation)
    {
        int? name = null;
        int? affiliation = null;
        foreach (var e in entities)
        {
            foreach (var m in e.Mentions)
            {
                if (!range.Contains(m.Range))
                {
                    continue;
                }
                if (m.Kind is MentionKind.Deriv or MentionKind.Part)
                {
                    affiliation ??= e.Id;
                }
                else
                {
                    name ??= e.Id;
                }
            }
        }
        return name ?? (includeAffiliation ? affiliation : null);
    }

    private static int? NearestTime(Document doc, ImmutableArray<TimeExpression> times, Sentence sentence, TextRange trigger)
    {
        int? best = null;
        int bestDistance = int.MaxValue;
        for (int t = 0; t < times.Length; t++)
        {
            var r = times[t].Range;
            if (!sentence.Range.Contains(r))
            {
                continue;
            }
            int distance = Math.Abs(r.Start - trigger.Start);
            if (distance < bestDistance)
            {
                best = t;
                bestDistance = distance;
            }
        }
        _ = doc;
        return best;
    }

    private static int? QuantityIn(ImmutableArray<Quantity> quantities, ArgumentRef? actor, ArgumentRef? target, DependencyView view, int w)
    {
        var objRange = view.Child(w, "obj") is int obj and >= 0 ? view.Phrase(obj) : (TextRange?)null;
        for (int q = 0; q < quantities.Length; q++)
        {
            var r = quantities[q].Range;
            if ((actor is not null && r.Overlaps(actor.Range)) || (target is not null && r.Overlaps(target.Range)) || (objRange is { } o && r.Overlaps(o)))
            {
                return q;
            }
        }
        return null;
    }
}
