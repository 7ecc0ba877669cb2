using System.Collections.Immutable;
using Depesche.German.Entities;
using Depesche.German.Syntax;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>
/// Codes events from the dependency tree: a trigger (a verb or noun of the event lexicon), its actor
/// and target from the frame, the mode from negation, modals, tense and governing verbs, and the time,
/// quantity, place and quotation it comes with. Precision first: an event without an actor is not stated.
/// </summary>
public sealed partial class EventCoder
{
    private readonly EventLexicon _lex;

    public EventCoder(EventLexicon? lexicon = null)
    {
        _lex = lexicon ?? EventLexicon.Default;
    }

    /// <param name="MayBeUnknown">An attack whose perpetrator may be named nowhere.</param>
    /// <param name="MayContinue">Without an actor of its own, the event may take the actor of the report's last event
    /// of its type: a contentious event (attack, coercion, protest, sanction, retreat) told again or continued
    /// ("Bei dem Attentat …", "Dabei wurden … verletzt"); an indefinite noun ("ein Angriff") starts a new one instead.</param>
    /// <param name="Also">The clause says "ebenfalls" or "auch": the same act as the last one, by another actor.</param>
    /// <param name="ClaimTarget">The target is a claim ("dies", "die Darstellung"): its maker is the target.</param>
    /// <param name="Definite">A noun with a definite article or demonstrative ("bei dem Attentat", "diesen Zusammenstößen"): told again.</param>
    /// <param name="TargetIsAct">The target is an act, not someone ("verurteilte den Angriff"): the event stands only
    /// when the report names that act's doer, who then becomes the target.</param>
    private sealed record Found(int Trigger, EventFrame Frame, Event Event, bool MayBeUnknown, bool MayContinue, bool Also = false, bool ClaimTarget = false, bool Definite = false, bool TargetIsAct = false);

    public ImmutableArray<Event> Find(Document doc)
    {
        var view = DependencyView.Of(doc);
        if (!view.HasTree)
        {
            return [];
        }
        var quotes = doc.GetOrEmpty(Layers.Quotes);
        var entities = doc.GetOrEmpty(Layers.Entities);
        var times = doc.GetOrEmpty(Layers.Times);
        var quantities = doc.GetOrEmpty(Layers.Quantities);
        var paragraphs = doc.Paragraphs;
        var all = new List<Found>();
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
                // "machen … verantwortlich": the clause of "machen" holds the roles, the adjective is the trigger
                int clause = frame.Lemma == "verantwortlich" ? view.Head(i) : i;
                var f = Build(view, clause, frame, si, sentence, quotes, entities, times, quantities, triggerWord: i);
                if (f is not null)
                {
                    found.Add(f);
                }
            }
            foreach (var f in found)
            {
                // One record per event and sentence: a noun inside the clause of a verb of the same type restates it.
                // A verb without an actor of its own gives way to the noun it governs ("Bei einem Anschlag … wurden … getötet").
                bool restated = found.Any(o => o != f && o.Event.Type == f.Event.Type && !o.Frame.IsNoun && f.Frame.IsNoun && o.Event.Actor is not null
                        && (o.Event.Target is not null || f.Event.Target is null) && view.Dominates(o.Trigger, f.Trigger, 3))
                    || (!f.Frame.IsNoun && f.Event.Actor is null && found.Any(o => o != f && o.Frame.Type == f.Frame.Type && o.Frame.IsNoun && (view.Dominates(f.Trigger, o.Trigger, 3) || view.Dominates(o.Trigger, f.Trigger, 3))));
                if (!restated)
                {
                    all.Add(f);
                }
            }
        }
        AddDemandsInQuotes(view, quotes, entities, all);
        all.Sort((x, y) => x.Event.Trigger.Start.CompareTo(y.Event.Trigger.Start));
        return Resolve(all, view, entities);
    }

    /// <summary>The verb is itself an event word (so a noun it governs is someone else's act): "begrüßte die Einigung".</summary>
    private bool StatesOwnEvent(DependencyView view, int verb)
    {
        if (!TryFrame(view, verb, out var vf))
        {
            return false;
        }
        // "sprach seine Solidarität aus": "aussprechen" is an event only with "gegen"/"für"
        return !(vf.Target is { } need && need.EndsWith('!') && FindWithCase(view, verb, need[..^1]) < 0 && FindWithCase(view, verb, "für") < 0);
    }

    /// <summary>"bestreitet, dass …", "bestritt dies", "bestritt die Vorwürfe", "bestritt jede Beteiligung": something said or done is denied.</summary>
    private bool DeniesSomething(DependencyView view, int w)
    {
        foreach (int c in view.Children(w))
        {
            if (view.Rel(c) is "ccomp" or "xcomp")
            {
                return true;
            }
            if (view.Rel(c) is "obj" or "nsubj:pass")
            {
                string lemma = view.Lemma(c);
                return _lex.ClaimWords.Contains(lemma) || _lex.ClaimWords.Contains(view.Form(c)) || _lex.TryNoun(lemma, out _)
                    || lemma is "Beteiligung" or "Mitgliedschaft" or "Schuld" or "Verantwortung" or "Existenz" or "Zusammenhang" or "Verbindung";
            }
        }
        return view.Child(w, "compound:prt") >= 0; // "Die Regierung streitet ab": said of what came before; a bare "bestreiten" performs
    }

    /// <summary>A verb's lemma with its separated particle joined: "kündigte … an" → "ankündigen".</summary>
    /// <summary>"androhen" with the act as its object, or "drohen mit" the act.</summary>
    private static bool IsThreatVerb(DependencyView view, int verb, int w)
    {
        string lemma = view.JoinedLemma(verb);
        return lemma == "androhen" || (lemma == "drohen" && view.Child(w, "case") is int mit and >= 0 && view.Lemma(mit) == "mit");
    }

    /// <summary>Verbs of answering a demand: "eingehen auf", "erfüllen", "ablehnen", "zurückweisen", "nachkommen".</summary>
    private static bool IsResponseVerb(DependencyView view, int verb)
    {
        string lemma = view.JoinedLemma(verb);
        return lemma is "eingehen" or "erfüllen" or "ablehnen" or "zurückweisen" or "nachkommen" or "akzeptieren" or "annehmen" or "befolgen";
    }

    /// <summary>Verbs that start or carry on an act named by a noun with "mit" or "zu" ("begannen mit Razzien", "griff zu Gewalt").</summary>
    private static bool IsStartVerb(DependencyView view, int verb)
        => verb >= 0 && view.Lemma(verb) is "beginnen" or "starten" or "fortfahren" or "greifen" or "schreiten" or "drohen" or "aufhören" or "treten" or "eintreten";

    /// <summary>Verbs whose subject observes, reports or expects an event rather than carrying it out.</summary>
    private static bool IsObserverVerb(DependencyView view, int verb)
    {
        foreach (int c in view.Children(verb))
        {
            if (view.Form(c) == "bekannt")
            {
                return true; // "gab die Festnahme bekannt": whoever announces it, not who made it
            }
        }
        string lemma = view.JoinedLemma(verb);
        return lemma is "erwarten" or "befürchten" or "fürchten" or "berichten" or "melden" or "bestätigen" or "beobachten" or "sehen"
            or "zählen" or "vermuten" or "prüfen" or "untersuchen" or "kommentieren" or "erwähnen" or "beschreiben" or "dokumentieren"
            or "schildern" or "verhindern" or "vereiteln" or "überleben" or "beklagen" or "bedauern" or "enthalten" or "vorlegen" or "erleiden"
            or "halten" or "betrachten" or "ansehen" or "bezeichnen" or "nennen" or "bewerten" or "einschätzen"
            or "bekanntgeben" or "mitteilen" or "verkünden" or "bestätigen" or "dementieren" or "bestreiten";
    }

    private bool HasOtherActingSubject(DependencyView view, int verb, int w, ImmutableArray<Entity> entities)
    {
        foreach (int c in view.Children(verb))
        {
            if (c != w && view.Rel(c) == "nsubj" && CanAct(view, c, entities))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The agent of a participle or relative clause on a noun: "von Soldaten ausgeübte Gewalt",
    /// "Übergriffe, die von Milizen verübt wurden".
    /// </summary>
    private static int ParticipleAgent(DependencyView view, int w)
    {
        foreach (int c in view.Children(w))
        {
            if (view.Upos(c) is "VERB" or "ADJ" && (view.Rel(c).StartsWith("acl", StringComparison.Ordinal) || view.Rel(c) == "amod"))
            {
                int agent = view.ChildWithCase(c, "von");
                if (agent < 0)
                {
                    agent = view.ChildWithCase(c, "durch");
                }
                if (agent >= 0)
                {
                    return agent;
                }
            }
        }
        return -1;
    }

    /// <summary>For a noun under "zu" of a demand ("forderte die Regierung zu Gesprächen mit den Streikenden auf"): who is asked.</summary>
    private static int Demanded(DependencyView view, int w)
    {
        int h = w;
        for (int step = 0; step < 3 && h >= 0; step++)
        {
            int up = view.Head(h);
            if (up < 0)
            {
                return -1;
            }
            if (view.Upos(up) == "VERB")
            {
                string lemma = view.JoinedLemma(up);
                if (lemma is "auffordern" or "aufrufen" or "drängen" or "bewegen" or "zwingen" && view.Child(h, "case") is int cs and >= 0 && view.Lemma(cs).ToLowerInvariant() is "zu" or "zur" or "zum")
                {
                    int asked = view.Child(up, "obj");
                    if (asked < 0)
                    {
                        foreach (int c in view.Children(up))
                        {
                            if (view.Rel(c) == "nsubj" && c > up)
                            {
                                asked = c; // "forderte Russland zur Aufnahme … auf": the one asked, read as a second subject
                            }
                        }
                    }
                    return asked;
                }
                return -1;
            }
            h = up;
        }
        return -1;
    }

    /// <summary>For a noun inside "für … verantwortlich": who is held responsible (the object of "machen", else the subject).</summary>
    private static int Responsible(DependencyView view, int w)
    {
        int adj = view.Head(w);
        if (adj >= 0 && view.Lemma(adj).ToLowerInvariant() != "verantwortlich")
        {
            int found = -1;
            foreach (int c in view.Children(adj))
            {
                if (view.Lemma(c).Equals("verantwortlich", StringComparison.OrdinalIgnoreCase))
                {
                    found = c;
                }
            }
            adj = found; // "wurde für mehrere Angriffe verantwortlich gemacht": the phrase hangs on "machen"
        }
        if (adj < 0 || view.Child(w, "case") is not (int cs and >= 0) || view.Lemma(cs).ToLowerInvariant() != "für")
        {
            return -1;
        }
        foreach (int node in new[] { adj, view.Head(adj) })
        {
            if (node < 0)
            {
                continue;
            }
            foreach (string rel in new[] { "obj", "nsubj:pass", "nsubj" })
            {
                int c = view.Child(node, rel);
                if (c >= 0 && c != w)
                {
                    return c;
                }
            }
        }
        return -1;
    }

    private bool IsCourt(DependencyView view, int word)
    {
        string lower = view.Lemma(word).ToLowerInvariant();
        foreach (string court in _lex.Courts)
        {
            if (lower.EndsWith(court.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsPerson(ImmutableArray<Entity> entities, int id)
    {
        foreach (var e in entities)
        {
            if (e.Id == id)
            {
                return e.Type == EntityType.Person;
            }
        }
        return false;
    }

    private static int SentWord(DependencyView view, int w, int actor)
    {
        foreach (int c in view.Children(w))
        {
            if (c != actor && view.Rel(c) is "obj" or "nsubj")
            {
                return c;
            }
        }
        return -1;
    }

    private static bool IsEnvoy(DependencyView view, int word)
    {
        string lower = view.Lemma(word).ToLowerInvariant();
        return view.HasFeature(word, "Number=Sing") && (lower.EndsWith("minister", StringComparison.Ordinal) || lower.EndsWith("ministerin", StringComparison.Ordinal)
            || lower.EndsWith("botschafter", StringComparison.Ordinal) || lower.EndsWith("gesandter", StringComparison.Ordinal) || lower.EndsWith("delegation", StringComparison.Ordinal)
            || lower.EndsWith("vertreter", StringComparison.Ordinal) || lower.EndsWith("beauftragter", StringComparison.Ordinal));
    }

    /// <summary>
    /// An attack the report tells as having happened, not one that is alleged, feared, prevented or only the
    /// object of a claim ("Hinweise auf geplante Anschläge", "vor Angriffen schützen").
    /// </summary>
    private static bool IsReportedAttack(DependencyView view, int w)
    {
        if (view.Child(w, "case") is int cs and >= 0 && view.Lemma(cs).ToLowerInvariant() is "für" or "vor" or "gegen" or "über" or "von" or "seit")
        {
            return false;
        }
        foreach (int c in view.Children(w))
        {
            if (view.Lemma(c).ToLowerInvariant() is "angeblich" or "mutmaßlich" or "möglich" or "geplant" or "kein" or "vermeintlich")
            {
                return false;
            }
        }
        int h = view.Head(w);
        return !(h >= 0 && view.Lemma(h).ToLowerInvariant() is "planen" or "verhindern" or "vereiteln" or "befürchten" or "fürchten");
    }

    private int OtherActingArgument(DependencyView view, int w, int target, int actor, ImmutableArray<Entity> entities)
    {
        if (actor >= 0)
        {
            foreach (int c in view.Children(actor))
            {
                // "die Polizei die Menge … abgedrängt": two noun phrases the parser joined
                if (view.Rel(c) == "nmod" && view.Child(c, "case") < 0 && !view.HasFeature(c, "Case=Gen") && view.Child(c, "det") is int d and >= 0 && d > actor
                    && view.Upos(c) is "NOUN" or "PROPN" && CanAct(view, c, entities))
                {
                    return c;
                }
            }
        }
        foreach (int c in view.Children(w))
        {
            if (c != target && c != actor && view.Rel(c) is "obj" or "iobj" or "nsubj:pass" or "obl" or "nsubj" && view.Child(c, "case") < 0
                && view.Upos(c) is "NOUN" or "PROPN" && CanAct(view, c, entities))
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>
    /// Breadth-first search below a word, at most three levels deep, for the first word that
    /// <paramref name="match"/> accepts; <paramref name="enter"/> decides which words are looked at and descended into.
    /// </summary>
    private static int SearchBelow(DependencyView view, int word, Func<int, bool> enter, Func<int, bool> match)
    {
        var queue = new Queue<(int Word, int Depth)>();
        foreach (int c in view.Children(word))
        {
            queue.Enqueue((c, 1));
        }
        while (queue.Count > 0)
        {
            var (c, depth) = queue.Dequeue();
            if (!enter(c))
            {
                continue;
            }
            if (match(c))
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

    /// <summary>A country named in an "in" phrase below a noun: "ein Ende der Gewalt im Sudan".</summary>
    private static int CountryIn(DependencyView view, int word, ImmutableArray<Entity> entities) => SearchBelow(view, word,
        enter: c => view.Upos(c) is not ("VERB" or "AUX"),
        match: c => view.Upos(c) == "PROPN" && view.Child(c, "case") is int cs and >= 0 && view.Lemma(cs).ToLowerInvariant() is "in" or "im"
            && entities.Any(e => e.Type == EntityType.Location && e.KnowledgeId is not null // a country of the knowledge base acts through its government
                && e.Mentions.Any(m => m.Range.Overlaps(view.Document.Tokens[view.Words[c].Token].Range))));

    /// <summary>The first word below a noun phrase (not in a clause) that can act: a name, an institution, a group.</summary>
    private int ActorBelow(DependencyView view, int word, ImmutableArray<Entity> entities, int except) => SearchBelow(view, word,
        // only what the phrase says it is of or from: "von X", "aus X", a genitive
        enter: c => view.BaseRel(c).SequenceEqual("nmod") && !(view.Child(c, "case") is int cs and >= 0 && view.Lemma(cs).ToLowerInvariant() is not ("von" or "aus")),
        match: c => c != except && view.Upos(c) is "NOUN" or "PROPN"
            && (EntityIn(entities, view.Document.Tokens[view.Words[c].Token].Range, includeAffiliation: false) is not null || (view.Upos(c) == "NOUN" && _lex.IsActorNoun(view.Lemma(c)))));

    /// <summary>A relative pronoun's antecedent: the noun its clause describes.</summary>
    private static int Antecedent(DependencyView view, int word)
    {
        if (word < 0 || view.Upos(word) != "PRON")
        {
            return word;
        }
        if (!view.HasFeature(word, "PronType=Rel"))
        {
            // "…, die ebenfalls eine Reform ablehnen": a "der/die/welche" right after a comma opens a relative clause
            if (view.Lemma(word).ToLowerInvariant() is not ("der" or "welcher" or "welche") || word < 2 || view.Form(word - 1) != ",")
            {
                return word;
            }
            for (int k = word - 2; k >= 0 && k >= word - 4; k--)
            {
                if (view.Upos(k) is "NOUN" or "PROPN")
                {
                    // "den Bauernverbänden der Region Nord, die …": the group's head, not its attribute
                    while (view.Head(k) is int up and >= 0 && up < k && view.Rel(k) is "nmod" or "appos" or "flat" or "flat:name" && view.Upos(up) is "NOUN" or "PROPN")
                    {
                        k = up;
                    }
                    return k;
                }
            }
            return word;
        }
        int h = view.Head(word);
        for (int step = 0; step < 3 && h >= 0; step++)
        {
            if (view.Rel(h).StartsWith("acl", StringComparison.Ordinal))
            {
                return view.Head(h);
            }
            h = view.Head(h);
        }
        return word;
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
            foreach (int c in view.Children(w))
            {
                // an idiom of object and verb: "das Feuer eröffnen", "die Beziehungen abbrechen"
                if (view.Rel(c) == "obj" && _lex.TryVerb(view.Lemma(c) + "+" + lemma, out frame))
                {
                    return true;
                }
                // a verb part the parser did not join: "gefangen genommen"
                if (c < w && view.Rel(c) is "advmod" or "xcomp" or "compound" && view.Upos(c) is "ADJ" or "ADV"
                    && _lex.TryVerb(view.Form(c).ToLowerInvariant() + lemma, out frame))
                {
                    return true;
                }
            }
            if (lemma == "ziehen" && prt < 0 && view.Child(w, "nsubj") is int marchers and >= 0 && EventLexicon.InGroup(_lex.Protesters, view.Form(marchers))
                && _lex.TryVerb("marschieren", out frame))
            {
                return true; // "tausende Demonstranten zogen durch die Stadt": a protest march
            }
            return _lex.TryVerb(lemma, out frame) || TryVerbByLexicon(view, w, prt, out frame)
                || _lex.TryVerb(view.Form(w).ToLowerInvariant(), out frame); // an irregular form neither tagger nor lexicon knows: "wandte"
        }
        if (upos is "NOUN")
        {
            return _lex.TryNoun(view.Lemma(w), out frame) || _lex.TryNoun(view.Form(w), out frame);
        }
        if (upos is "PROPN" && _lex.TryNoun(view.Form(w), out frame) && frame.Lemma == view.Form(w))
        {
            return true; // "Razzien" read as a name: only an exact event noun, never a compound
        }
        if (upos is "ADJ" && view.Lemma(w).Equals("verantwortlich", StringComparison.OrdinalIgnoreCase) && view.Head(w) is int h and >= 0 && view.Lemma(h) == "machen")
        {
            return _lex.TryVerb("verantwortlich", out frame); // "machen die Miliz für den Überfall verantwortlich"
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

    private Found? Build(DependencyView view, int w, EventFrame frame, int si, Sentence sentence,
        ImmutableArray<Quote> quotes, ImmutableArray<Entity> entities, ImmutableArray<TimeExpression> times, ImmutableArray<Quantity> quantities, int triggerWord)
    {
        var doc = view.Document;
        var triggerRange = doc.Tokens[view.Words[triggerWord].Token].Range;
        int quote = QuoteAt(quotes, triggerRange, out bool isCue);

        // Actor and target words.
        int actor = -1;
        bool negatedBySibling = false;
        int target = -1;
        int verb = frame.IsNoun ? GoverningVerb(view, w) : w;
        bool isPassive = false;
        if (!frame.IsNoun)
        {
            bool passive = view.Child(w, "aux:pass") >= 0 || view.Child(w, "nsubj:pass") >= 0
                || (view.Rel(w) == "conj" && view.Head(w) is int first and >= 0 && view.Child(first, "aux:pass") >= 0 && view.Child(w, "nsubj") < 0 && view.Child(w, "aux") < 0);
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
                        patient = AffiliatedNounBelow(view, w, entities); // the parser lost the subject: "mehr als 200 Marinesoldaten"
                    }
                    if (patient >= 0 && HasAffiliation(view, patient, entities))
                    {
                        actor = patient;
                    }
                }
            }
            else if (frame.ContextOnly)
            {
                actor = -1; // "starben", "explodierte", "verletzt": the subject is a victim or a weapon; the report's attack has the actor
            }
            else
            {
                actor = Subject(view, w, entities);
                if (actor < 0 && view.Rel(w) == "conj" && view.Head(w) is int firstVerb and >= 0 && view.Upos(firstVerb) == "VERB")
                {
                    actor = Subject(view, firstVerb, entities); // "sangen die Streikenden Lieder und lobten den Betriebsrat"
                }
                // a zu-infinitive, or one governed by a verb other than a modal ("musste … zurücktreten" keeps its subject)
                bool infinitive = (view.Child(w, "mark") is int zu and >= 0 && zu == w - 1 && view.Lemma(zu) == "zu")
                    || (view.Rel(w) == "xcomp" && view.Head(w) is int gov and >= 0 && view.Lemma(gov) is not ("müssen" or "sollen" or "wollen" or "können" or "dürfen" or "mögen"));
                if (actor < 0 && frame.Target != "obj" && !infinitive) // an infinitive's object is no subject: "plant, Soldaten … zu schicken"
                {
                    actor = view.Child(w, "obj"); // "… sind die ersten US-Truppen eingetroffen": a subject read as an object
                    if (actor >= 0 && (view.Child(actor, "case") >= 0 || view.Lemma(actor) is "sich" or "uns" or "einander" or "mich" or "dich" or "euch"))
                    {
                        actor = -1; // "gegen die Rebellen", "sich": a phrase with a preposition or a reflexive is no subject
                    }
                }
            }
            if (actor < 0 && !isPassive && ModalSibling(view, w) is int modal and >= 0)
            {
                actor = view.Child(modal, "nsubj"); // "Die Regierung müsse … zurücktreten", the modal hung beside the verb
                if (actor >= 0)
                {
                    negatedBySibling = IsNegated(view, modal) || (modal + 1 < view.Words.Length && view.Lemma(modal + 1) is "nicht" or "kein" or "keine");
                }
            }
            if (actor < 0 && !isPassive && !frame.ContextOnly)
            {
                actor = Controller(view, w); // a passive's missing agent is unknown, not the subject of the clause above
            }
            actor = Antecedent(view, actor); // "eine Vereinigung, welche … plante": the relative pronoun stands for "Vereinigung"
        }
        else
        {
            // "übte Kritik", "kündigte die Verlegung an": the verb's subject acts, unless the verb states an event of
            // its own ("begrüßte die Einigung": the Einigung is someone else's)
            // Protests are made by whoever the noun says, not by the subject that reports or condemns them.
            if (frame.Type is "ASSAULT" or "COERCE" or "SANCTION" && verb >= 0 && view.Head(w) == verb && IsThreatVerb(view, verb, w))
            {
                // "drohte neue Anschläge auf Großbritannien an", "drohte mit Sanktionen": the threat, by whoever threatens
                frame = frame with { Type = "THREATEN", Cameo = "13" };
                actor = Subject(view, verb, entities);
            }
            bool borrow = frame.Type is not "PROTEST" && verb >= 0 && (view.Head(w) == verb || view.Rel(w) is not ("nsubj" or "nsubj:pass")) && !IsObserverVerb(view, verb);
            bool lightCase = view.Child(w, "case") is int cs and >= 0 && view.Lemma(cs).ToLowerInvariant() is "mit" or "zu" or "in" && IsStartVerb(view, verb);
            if (view.Child(w, "nsubj") is int own and >= 0 && own != w)
            {
                actor = own; // "1300 Polizisten waren im Einsatz": the predicate noun's own subject
            }
            if (actor < 0 && frame.Type == "PROTEST" && verb >= 0 && view.Head(w) == verb && view.Child(w, "case") is int zu and >= 0 && view.Lemma(zu) == "zu"
                && view.Lemma(verb) is "aufrufen" or "rufen" && view.Child(verb, "compound:prt") >= 0)
            {
                actor = Subject(view, verb, entities); // "Die Gewerkschaft hatte zu einer Kundgebung aufgerufen": the caller organises it
            }
            bool secondSubject = view.Rel(w) == "nsubj" && verb >= 0 && HasOtherActingSubject(view, verb, w, entities);
            if (actor < 0 && borrow && (view.Child(w, "case") < 0 || lightCase) && (secondSubject || view.Rel(w) is "obj" or "iobj" or "obl" or "nmod" or "xcomp") && !StatesOwnEvent(view, verb))
            {
                actor = secondSubject ? -1 : Subject(view, verb, entities);
                if (actor == w)
                {
                    actor = -1;
                }
                if (actor < 0)
                {
                    foreach (int c in view.Children(verb))
                    {
                        if (c != w && view.Rel(c) == "nsubj")
                        {
                            actor = c;
                            break;
                        }
                    }
                }
                if (actor < 0 && lightCase && view.Child(verb, "obj") is int o and >= 0 && o != w && CanAct(view, o, entities))
                {
                    actor = o; // "begannen die Sicherheitskräfte mit Razzien": a subject the parser read as an object
                }
                if (actor < 0 && view.Child(verb, "aux:pass") < 0)
                {
                    actor = Controller(view, verb); // "hatten erklärt, das Amtsenthebungsverfahren einzuleiten"
                }
            }
            if (actor < 0 && view.Child(w, "det:poss") is int poss and >= 0 && view.Lemma(poss).ToLowerInvariant() is "sein" && view.Upos(poss) is "DET" or "PRON")
            {
                actor = poss; // "sein Rücktrittsgesuch": whose it is (resolved below like a pronoun)
            }
            if (actor < 0)
            {
                actor = view.ChildWithCase(w, "durch"); // "die Festnahme des Bürgermeisters durch die Polizei"
                if (actor < 0 && view.Rel(w) is "nsubj" or "nsubj:pass" && view.Head(w) is int pred and >= 0)
                {
                    actor = view.ChildWithCase(pred, "durch"); // "Eine Freilassung der Geiseln durch die Entführer sei möglich"
                }
            }
            if (actor < 0 && frame.Target != "gen")
            {
                actor = Genitive(view, w);
            }
            else if (actor < 0 && frame.Agents is { } kinds && Genitive(view, w) is int g and >= 0 && EventLexicon.InGroup(kinds, view.Form(g)))
            {
                actor = g; // "die Degradierung durch das Disziplinargericht": the court degrades, it is not degraded
            }
            if (actor < 0 && view.ChildWithCase(w, "zwischen") is int side and >= 0)
            {
                actor = side; // "Gefechte zwischen Armee und Rebellen": one side acts, the other is the target
            }
            if (actor < 0 && !(frame.Target == "gen" && Genitive(view, w) < 0 && view.ChildWithCase(w, "von") is int patient and >= 0 && view.Upos(patient) == "PROPN"))
            {
                actor = view.ChildWithCase(w, "von");
            }
            if (actor < 0 && verb >= 0 && view.Rel(w) == "nsubj")
            {
                actor = view.ChildWithCase(verb, "von"); // "Die Gegenstimmen kamen von Malta"
            }
            if (actor < 0 && ParticipleAgent(view, w) is int doer and >= 0)
            {
                actor = doer;
            }
            if (actor < 0 && Demanded(view, w) is int asked and >= 0)
            {
                actor = asked;
            }
            if (actor < 0 && Responsible(view, w) is int held and >= 0)
            {
                actor = held; // "wurden für mehrere Raketenangriffe verantwortlich gemacht": who is held responsible did it
            }
            actor = Antecedent(view, actor);
        }
        if (frame.Target is { } need && need.EndsWith('!'))
        {
            // "sprach sich gegen einen Boykott aus", "wandte sich gegen Versuche": only with that phrase
            if (FindWithCase(view, w, need[..^1]) is int required and >= 0)
            {
                frame = frame with { Target = need[..^1] };
            }
            else if (frame.Lemma == "aussprechen" && FindWithCase(view, w, "für") >= 0)
            {
                frame = frame with { Type = "SUPPORT", Cameo = "05", Target = "für" }; // "sprach sich für Verhandlungen aus"
            }
            else
            {
                return null;
            }
        }
        target = FindTarget(view, w, verb, frame);
        if (!frame.IsNoun && frame.Type == "REQUEST" && (target < 0 || !CanAct(view, target, entities)))
        {
            // who is to act: "verlangt von Litauen", "erwartet, dass Litauen … übergibt", "fordert ein Ende der Gewalt im Sudan"
            int asked = view.ChildWithCase(w, "von");
            if (asked < 0)
            {
                foreach (int c in view.Children(w))
                {
                    bool content = view.Rel(c) is "ccomp" or "xcomp" || (view.Rel(c) == "advcl" && view.Child(c, "mark") is int mk and >= 0 && view.Lemma(mk) == "dass");
                    if (content && view.Child(c, "nsubj") is int doer and >= 0 && CanAct(view, doer, entities) && view.Upos(doer) != "PRON")
                    {
                        asked = doer;
                        break;
                    }
                }
            }
            int demanded = view.Child(w, "obj");
            if (demanded < 0)
            {
                foreach (int c in view.Children(w))
                {
                    if (view.Rel(c) == "nsubj" && c != actor)
                    {
                        demanded = c; // "fordert … ein Ende der Gewalt", read as a second subject
                    }
                }
            }
            if (asked < 0 && demanded >= 0 && frame.Lemma != "erwarten")
            {
                asked = ActorBelow(view, demanded, entities, actor);
                if (asked < 0)
                {
                    asked = CountryIn(view, demanded, entities);
                }
            }
            if (asked >= 0 && asked != actor)
            {
                target = asked;
            }
            else if (frame.Lemma == "erwarten")
            {
                return null; // "erwartet weitere Demonstrationen": an expectation, not a demand
            }
        }
        if (frame.IsNoun && frame.Type == "REQUEST" && target < 0 && verb >= 0 && view.Head(w) == verb && IsResponseVerb(view, verb)
            && (Subject(view, verb, entities) is int s0 and >= 0 ? s0 : view.Child(verb, "nsubj") < 0 && view.Child(verb, "obj") is int o0 and >= 0 && o0 != w && CanAct(view, o0, entities) ? o0 : -1) is int responder and >= 0 && responder != actor)
        {
            target = responder; // "ging der Konzern auf eine Forderung der Gewerkschaft ein": the demand was made of whoever answers it
        }
        if (frame.IsNoun && actor >= 0 && target == actor)
        {
            target = -1;
        }
        if (frame.IsNoun && actor >= 0 && view.ChildWithCase(w, "zwischen") == actor && view.Child(actor, "conj") is int otherSide and >= 0)
        {
            target = otherSide;
        }
        if (frame.IsNoun && frame.IsMobilize && view.ChildWithCase(w, "von") is int used and >= 0 && EventLexicon.InGroup(_lex.Deployable, view.Form(used))
            && (FindWithCase(view, w, "gegen") is int onNoun and >= 0 ? onNoun : verb >= 0 ? view.ChildWithCase(verb, "gegen") : -1) is int against and >= 0)
        {
            // "der Einsatz von Waffen gegen Demonstranten": an attack on them, not a deployment
            frame = frame with { Type = "ASSAULT", Cameo = "18" };
            target = against;
        }
        if (frame.IsNoun && frame.IsMobilize && target >= 0 && !IsPlace(view, target, entities))
        {
            target = -1; // "im Rahmen der Mission": no destination
        }
        if (!frame.IsNoun && frame.Lemma == "treffen" && !isPassive && view.Child(w, "obj") < 0 && FindWithCase(view, w, "mit") < 0)
        {
            return null; // "traf zum 3:3": a meeting is with someone
        }
        if (!frame.IsNoun && frame.Lemma is "bestreiten" or "abstreiten" && !DeniesSomething(view, w))
        {
            return null; // "die Halbzeitshow bestreiten": to perform, not to deny
        }
        if (!frame.IsNoun && frame.Lemma is "treffen" or "empfangen" or "besuchen")
        {
            // "eine Entscheidung treffen", "Signale empfangen", "besuchte Gefängnisse": only a meeting with someone
            // (or a visit to a country or city) is a consultation
            int met = isPassive ? view.Child(w, "nsubj:pass") : view.Child(w, "obj");
            if (met >= 0 && view.Lemma(met) is not ("sich" or "uns" or "einander") && !CanAct(view, met, entities) && !(frame.Lemma == "besuchen" && IsPlace(view, met, entities) && view.Upos(met) == "PROPN"))
            {
                return null;
            }
        }
        if (!frame.IsNoun && frame.IsMobilize && frame.Lemma is "schicken" or "entsenden" or "verlegen" or "stationieren")
        {
            // "schickte den Kopfschmuck an den Kaiser": only people are deployed
            int deployed = isPassive ? view.Child(w, "nsubj:pass") : view.Child(w, "obj");
            if (deployed >= 0 && !CanAct(view, deployed, entities) && !EventLexicon.InGroup(_lex.Deployable, view.Form(deployed)))
            {
                // another object may be what is sent: "hat keine Pläne, Soldaten … zu schicken" read as one clause
                bool other = false;
                foreach (int c in view.Children(w))
                {
                    other |= c != deployed && view.Rel(c) == "obj" && (CanAct(view, c, entities) || EventLexicon.InGroup(_lex.Deployable, view.Form(c)));
                }
                if (!other)
                {
                    return null;
                }
            }
        }
        if (!frame.IsNoun && frame.Lemma == "ausschließen" && (IsNegated(view, w) || view.ChildWithCase(w, "von") >= 0 || view.ChildWithCase(w, "aus") >= 0))
        {
            return null; // "nicht ausgeschlossen" rules nothing out; "von Funktionen ausschließen" excludes someone from something
        }

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
                    if (candidate >= 0 && !IsTime(view, times, candidate) && (!frame.IsNoun || IsPlace(view, candidate, entities)))
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
            location = PlaceOf(view, w, verb, target, entities, times);
        }

        // An attack stated by a noun, a passive or an instrument ("eine Bombe explodierte") may have no perpetrator named at all.
        bool mayBeUnknown = (view.Form(w).Contains("anschl", StringComparison.OrdinalIgnoreCase) || view.Form(w).Contains("attentat", StringComparison.OrdinalIgnoreCase)
            || (isPassive && frame.Lemma is "zünden" or "fernzünden" or "sprengen")) && IsReportedAttack(view, w);
        if (actor >= 0 && IsTime(view, times, actor))
        {
            actor = -1; // "Anfang Juni töteten …": a date the parser took for the subject
        }
        if (actor >= 0 && !frame.IsNoun && frame.Type == "PROTEST" && (view.Head(actor) == w || (view.Head(actor) is int counted and >= 0 && IsNumberNoun(view, counted) && view.Head(counted) == w)) && view.Upos(actor) == "NOUN" && !IsTime(view, times, actor) && view.HasFeature(actor, "Number=Plur") && !IsNumberNoun(view, actor))
        {
            // "Tausende Bauern protestierten": whoever demonstrates is people, whatever the noun
        }
        else if (actor >= 0 && !CanAct(view, actor, entities))
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
                actorRef = lemma is "er" or "sie" && view.HasFeature(actor, "Number=Sing") ? RecentPerson(doc, entities, quotes, triggerRange)
                    : lemma is "dieser" && view.Form(actor) is "Dieser" or "dieser" or "Diese" or "diese" ? RecentEntity(doc, entities, doc.Tokens[view.Words[actor].Token].Range) : null;
            }
        }
        if (target >= 0 && !frame.IsMobilize && IsTime(view, times, target))
        {
            target = -1; // "dementiert … am 3. Dezember": a date is no target
        }
        if (target >= 0 && view.Lemma(target) == "Grund" && view.Child(target, "case") is int auf and >= 0 && view.Lemma(auf).ToLowerInvariant() == "auf")
        {
            target = -1; // "auf Grund mehrerer Zufälle": because of, not a target
        }
        if (target >= 0 && view.Lemma(target) is "sich" or "uns" or "einander")
        {
            target = -1; // a reflexive is no target: "zog sich zurück"
        }
        if (target >= 0 && actor >= 0 && target == actor)
        {
            target = -1;
        }
        bool atAct = frame.Type is "ACCUSE" or "SANCTION" or "COERCE" or "ASSAULT";
        bool patientGenitive = atAct && target >= 0 && _lex.TryNoun(view.Lemma(target), out var aimedAct) && aimedAct.Target == "gen";
        if (target >= 0 && !patientGenitive && !CanAct(view, target, entities) && Genitive(view, target) is int owner and >= 0 && CanAct(view, owner, entities))
        {
            target = owner; // "kritisierte die Entscheidung des Gerichts": the court is the target (but in "die Festnahme des
                            // Journalisten" the genitive is who was arrested: the arrest's doer is the target, found later)
        }
        else if (target >= 0 && !frame.IsNoun && !frame.IsMobilize && !CanAct(view, target, entities) && OtherActingArgument(view, w, target, actor, entities) is int other and >= 0)
        {
            target = other; // "die Polizei hatte die Menge etwa 50 Meter abgedrängt": not the distance
        }
        else if (target >= 0 && !patientGenitive && !frame.IsMobilize && !CanAct(view, target, entities) && ActorBelow(view, target, entities, actor) is int inner and >= 0)
        {
            target = inner; // "verweigerten die Einfuhr von Weizen aus Polen": whose offer was refused
        }
        ArgumentRef? targetRef = ArgumentOf(view, target, entities, includeAffiliation: true, core: false);
        if (targetRef is { Entity: null } && target >= 0 && view.Upos(target) == "PRON" && view.Lemma(target).ToLowerInvariant() == "er" && view.HasFeature(target, "Number=Sing"))
        {
            if (RecentPerson(doc, entities, quotes, triggerRange) is { Entity: int person } named && IsPerson(entities, person))
            {
                targetRef = named; // "die Kritik an ihm": the person named before
            }
        }
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
        bool targetIsAct = false;
        if (NeedsTarget(frame.Type) && !(isCue && targetRef is not null && quote >= 0 && quotes[quote].Addressee == targetRef))
        {
            // Demands, accusations, sanctions, support and the like are always aimed at someone that can be one
            // (the report's earlier statement may still name it: see Resolve).
            // an act ("verurteilte den Angriff") stays for now: its doer becomes the target once the report is resolved
            if (targetRef is not null && target >= 0 && !CanAct(view, target, entities) && targetRef.Entity is null)
            {
                if (atAct && _lex.TryNoun(view.Lemma(target), out _))
                {
                    targetIsAct = true;
                }
                else
                {
                    targetRef = null;
                }
            }
        }

        if (frame.Type == "ASSAULT" && !frame.IsNoun && frame.Lemma is "angreifen" or "attackieren"
            && ((actorRef?.Entity is int who && IsPerson(entities, who)) || (actor >= 0 && EventLexicon.InGroup(_lex.Politicians, view.Lemma(actor)))))
        {
            // "Die Ministerin griff die Opposition scharf an": a politician attacks with words
            frame = frame with { Type = "ACCUSE", Cameo = "11" };
        }
        if (!frame.IsNoun && frame.Lemma == "verurteilen" && _lex.Courts.Length > 0
            && ((isPassive && IsSentencing(view, w, entities)) || (actor >= 0 && IsCourt(view, actor))))
        {
            // "wurde wegen Befehlsverweigerung verurteilt", "das Gericht verurteilte ihn": a sentence, not a condemnation
            frame = frame with { Type = "SANCTION", Cameo = "16", Agents = _lex.Courts };
        }
        var mode = negatedBySibling ? EventMode.Negated : ModeOf(view, w, frame, quote >= 0 && quotes[quote].Kind != QuoteKind.Direct ? quotes[quote] : null, isCue);

        int? time = NearestTime(doc, times, sentence, triggerRange);
        int? quantity = QuantityIn(quantities, actorRef, targetRef, view, w);
        if (mode == EventMode.Asserted && time is int ti && TimeBelongs(view, times[ti], w, verb) && doc.ReferenceDate is { Day: not null } today
            && times[ti].Value.Length >= 10 && string.CompareOrdinal(times[ti].Value, 0, today.ToString(), 0, 10) > 0 && char.IsAsciiDigit(times[ti].Value[0]))
        {
            mode = EventMode.Planned; // "kommen … am Sonntag zusammen", told before that Sunday: not yet happened
        }
        if (mode is EventMode.Planned or EventMode.Hypothetical && frame.Type is "ASSAULT" or "COERCE" && quote >= 0 && quotes[quote].Speaker is { } warner
            && actorRef is not null && (warner.Entity is not null && warner.Entity == actorRef.Entity
                || doc.TextOf(warner.Range).Contains(doc.TextOf(actorRef.Range), StringComparison.OrdinalIgnoreCase)))
        {
            // "ein Milizenführer erklärte, die Miliz würde die Stadt angreifen": an attack its own side foretells is a threat
            frame = frame with { Type = "THREATEN", Cameo = "13" };
            mode = EventMode.Asserted;
        }
        if (mode == EventMode.Announced && frame.Type is "ASSAULT" or "COERCE")
        {
            // "kündigte an, gegen die Rebellen vorzugehen": an announced attack is a threat (PLOVER)
            frame = frame with { Type = "THREATEN", Cameo = "13" };
            mode = EventMode.Asserted;
        }

        if (frame.IsMobilize && !frame.IsNoun && SentWord(view, w, actor) is int sent and >= 0 && IsEnvoy(view, sent))
        {
            frame = frame with { Type = "CONSULT", Cameo = "04" }; // "Frankreich wird seinen Außenminister entsenden": a delegation, not troops
            if (targetRef is null && view.ChildWithCase(sent, "nach") is int host and >= 0)
            {
                targetRef = ArgumentOf(view, host, entities, includeAffiliation: true, core: false); // "seinen Außenminister nach Kairo"
            }
        }
        if (actorRef is null && !frame.IsNoun && !isPassive && !frame.ContextOnly)
        {
            return null; // an active clause whose subject is not found is a misreading, not an event of the report's earlier actor
        }
        if (!frame.IsNoun && frame.Lemma == "demonstrieren" && (view.Child(w, "obj") >= 0 || view.Child(w, "ccomp") >= 0))
        {
            return null; // "demonstrieren, wie weltoffen China ist": to show, not to protest
        }
        var ev = new Event(frame.Type, frame.Cameo, mode, actorRef, targetRef, locationRef, time, quantity, triggerRange, si, quote >= 0 ? quote : null);
        bool mayContinue = (frame.Type is "ASSAULT" or "COERCE" or "PROTEST" or "SANCTION" or "RETREAT" || (frame.IsNoun && frame.Type is "CONSULT" && view.Child(w, "det") is int dc and >= 0 && view.Lemma(dc).ToLowerInvariant() is "der" or "dieser"))
            && !(frame.IsNoun && view.Child(w, "det") is int d and >= 0 && view.Lemma(d).ToLowerInvariant() is "ein" or "eine" or "einer" or "einen" or "einem" or "eines");
        bool also = false;
        foreach (int c in view.Children(w))
        {
            also |= view.BaseRel(c).SequenceEqual("advmod") && view.Lemma(c).ToLowerInvariant() is "ebenfalls" or "gleichfalls" or "auch";
        }
        bool claim = frame.Type == "REJECT" && target >= 0 && targetRef is { Entity: null } && (_lex.ClaimWords.Contains(view.Lemma(target)) || _lex.ClaimWords.Contains(view.Form(target)));
        bool definite = frame.IsNoun && view.Child(w, "det") is int dd and >= 0 && view.Lemma(dd).ToLowerInvariant() is "der" or "dieser" or "jener" or "derselbe";
        return new Found(w, frame, ev, mayBeUnknown, mayContinue || frame.ContextOnly, also, claim, definite, targetIsAct);
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
                if (view.Upos(h) == "VERB" || (view.Upos(h) == "AUX" && view.Lemma(h) == "haben" && rel == "obj"))
                {
                    string lemma = view.JoinedLemma(h);
                    if (lemma is "auffordern" or "bitten" or "drängen" or "zwingen" or "ermahnen" or "beschuldigen" or "verdächtigen")
                    {
                        int obj = view.Child(h, "obj");
                        if (obj >= 0)
                        {
                            return obj;
                        }
                    }
                    if (lemma is "vorwerfen")
                    {
                        // "wirft der Konferenz vor, die Studie zensieren zu wollen": the accused would do it
                        foreach (string r in (ReadOnlySpan<string>)["iobj", "obj", "obl"])
                        {
                            if (view.Child(h, r) is int accused and >= 0 && view.Child(accused, "case") < 0)
                            {
                                return accused;
                            }
                        }
                        foreach (int c in view.Children(h))
                        {
                            if (view.Rel(c) == "nsubj" && c > h)
                            {
                                return c; // the dative read as a second subject after the verb
                            }
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
            case "gen":
                {
                    int g = Genitive(view, w);
                    return g >= 0 ? g : view.ChildWithCase(w, "von"); // "die Festnahme des Bürgermeisters"
                }
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
                    bool passive = view.Child(w, "aux:pass") >= 0;
                    foreach (int c in view.Children(w))
                    {
                        if (view.Rel(c) == "nsubj:pass" || (passive && view.Rel(c) == "nsubj"))
                        {
                            return c; // "Der Alleingang wurde … begrüßt": a passive's subject is what was done to
                        }
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

    /// <summary>
    /// Where the event happened: an "in"/"bei" phrase that names a place (a place name, or a noun such as
    /// "Hauptstadt"), on the trigger, on the verb a noun trigger belongs to, or fronted in its clause
    /// ("In Hilla … starben zwölf Menschen").
    /// </summary>
    private static int PlaceOf(DependencyView view, int w, int verb, int target, ImmutableArray<Entity> entities, ImmutableArray<TimeExpression> times)
    {
        Span<int> nodes = [w, verb, view.Head(w), -1, -1];
        int extra = 3;
        foreach (int c in view.Children(w))
        {
            if (extra < nodes.Length && view.Rel(c) == "nmod" && view.Upos(c) is "NOUN" or "PROPN")
            {
                nodes[extra++] = c; // "ein Marsch von 400 Bauern in Lyon", "die Krawalle der letzten Tage in Kalabo"
            }
        }
        foreach (int node in nodes)
        {
            if (node < 0)
            {
                continue;
            }
            foreach (int c in view.Children(node))
            {
                if (c == target || c == w || IsTime(view, times, c))
                {
                    continue;
                }
                int cs = view.Child(c, "case");
                if (cs < 0 || view.Lemma(cs).ToLowerInvariant() is not ("in" or "bei" or "im" or "nahe"))
                {
                    continue;
                }
                if (IsPlace(view, c, entities))
                {
                    return c;
                }
            }
        }
        return -1;
    }

    private static bool IsPlace(DependencyView view, int word, ImmutableArray<Entity> entities)
    {
        var range = view.Document.Tokens[view.Words[word].Token].Range;
        foreach (var e in entities)
        {
            if (e.Type != EntityType.Location)
            {
                continue;
            }
            foreach (var m in e.Mentions)
            {
                if (m.Kind is not (MentionKind.Deriv or MentionKind.Part) && m.Range.Overlaps(range))
                {
                    return true;
                }
            }
        }
        if (view.Upos(word) == "PROPN")
        {
            foreach (var e in entities)
            {
                foreach (var m in e.Mentions)
                {
                    if (m.Range.Overlaps(range) && e.Type == EntityType.Person)
                    {
                        return false; // a person
                    }
                }
            }
            return true; // "In Hilla, …": a name no recogniser knew, in an "in" phrase
        }
        if (view.Upos(word) != "NOUN")
        {
            return false;
        }
        // a noun of a kind of place ("in der Hauptstadt", "an der Grenze"): the recogniser's list, shared
        return EntityRecognizerComponent.IsPlaceNoun(view.Form(word)) || view.Form(word) is "Land" or "Lande";
    }

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

    /// <summary>A passive "verurteilt" that sentences: to a penalty ("zu drei Jahren Haft"), for a reason ("wegen Betrugs"),
    /// or someone who can be sentenced; "Der Einmarsch wurde verurteilt" condemns an act.</summary>
    private bool IsSentencing(DependencyView view, int w, ImmutableArray<Entity> entities)
    {
        if (view.ChildWithCase(w, "zu") >= 0 || view.ChildWithCase(w, "wegen") >= 0)
        {
            return true;
        }
        int patient = view.Child(w, "nsubj:pass");
        return patient < 0 || view.Upos(patient) is "PRON" or "PROPN" || CanAct(view, patient, entities);
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
            if (first < 0 && IsNumberNoun(view, c))
            {
                foreach (int d in view.Children(c))
                {
                    if (view.Upos(d) == "NOUN" && first < 0)
                    {
                        first = d; // "Hunderte Bauern": the counted noun
                    }
                }
            }
            if (first < 0 && !IsNumberNoun(view, c))
            {
                first = c; // "Tausende Bauern", read as two subjects: the number word is not the one
            }
        }
        return first;
    }

    /// <summary>A name, a pronoun, a linked entity, or a common noun of an institution, group or role.</summary>
    private bool CanAct(DependencyView view, int word, ImmutableArray<Entity> entities)
    {
        string upos = view.Upos(word);
        if (upos is "PROPN")
        {
            // a capitalised function word the tagger took for a name ("Darin wird … aufgefordert") is no actor
            return EntityIn(entities, view.Document.Tokens[view.Words[word].Token].Range, includeAffiliation: true) is not null
                || SyntaxModels.DefaultLexicon.Lookup(view.Form(word).ToLowerInvariant()).IsEmpty;
        }
        if (upos is "PRON")
        {
            // personal, demonstrative and relative pronouns stand for someone; "es", "man", "sich", "darin" do not
            string lemma = view.Lemma(word).ToLowerInvariant();
            return lemma is "er" or "sie" or "wir" or "ich" or "ihr" or "du" or "der" or "dieser" or "jener" or "welcher" or "derselbe";
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

    /// <summary>"Tausende", "Hunderte", "Dutzende": a number read as a noun, never the one who acts.</summary>
    private static bool IsNumberNoun(DependencyView view, int word)
        => view.Form(word).ToLowerInvariant() is "tausend" or "tausende" or "hundert" or "hunderte" or "dutzend" or "dutzende"
            or "zehntausend" or "zehntausende" or "hunderttausende" or "hunderttausend";

    /// <summary>A noun in the clause (not inside a prepositional phrase or another clause) that says whose it is.</summary>
    private static int AffiliatedNounBelow(DependencyView view, int w, ImmutableArray<Entity> entities) => SearchBelow(view, w,
        enter: c => !(view.Child(c, "case") >= 0 || view.BaseRel(c) is "ccomp" or "xcomp" or "advcl" or "acl" or "parataxis" || view.Upos(c) == "VERB"),
        match: c => view.Upos(c) is "NOUN" or "PROPN" && HasAffiliation(view, c, entities));

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
        var best = MentionSearch.LastBefore(entities, 0, before.Start, (e, m) => e.Type == EntityType.Person && m.Kind is MentionKind.Name or MentionKind.Role);
        int bestEnd = best?.Range.End ?? -1;
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

    /// <summary>"Dieser könnte Sanktionen beschließen": a demonstrative takes up the entity named last before it, in this or the previous sentence.</summary>
    private static ArgumentRef? RecentEntity(Document doc, ImmutableArray<Entity> entities, TextRange pronoun)
    {
        var best = MentionSearch.LastBefore(entities, 0, pronoun.Start, (_, m) => m.Kind is MentionKind.Name or MentionKind.Role);
        if (best is null || SentenceOf(doc, best.Range.End - 1) < SentenceOf(doc, pronoun.Start) - 1)
        {
            return null;
        }
        return best with { Origin = ArgumentOrigin.Context };
    }

    private static int SentenceOf(Document doc, int position) => Positions.SentenceAt(doc, position);

    private static int ParagraphOf(Document doc, int position) => Positions.ParagraphAt(doc, position);

    /// <summary>The entity named in a phrase: a name first, else (for actors) a derived adjective or compound ("US-Truppen" → USA).</summary>
    private static int? EntityIn(ImmutableArray<Entity> entities, TextRange range, bool includeAffiliation)
    {
        int name = int.MaxValue;
        int affiliation = int.MaxValue;
        foreach (var (e, m) in Entities.MentionTable.For(entities).Inside(range))
        {
            if (m.Kind is MentionKind.Deriv or MentionKind.Part)
            {
                affiliation = Math.Min(affiliation, e.Id);
            }
            else
            {
                name = Math.Min(name, e.Id);
            }
        }
        return name != int.MaxValue ? name : includeAffiliation && affiliation != int.MaxValue ? affiliation : null;
    }

    private static int? NearestTime(Document doc, ImmutableArray<TimeExpression> times, Sentence sentence, TextRange trigger)
    {
        // times are in text order: start with the first that ends inside or after the sentence's start
        int? best = null;
        int bestDistance = int.MaxValue;
        for (int t = Positions.Partition(times.Length, i => times[i].Range.End <= sentence.Start); t < times.Length && times[t].Range.Start < sentence.End; t++)
        {
            var r = times[t].Range;
            if (!sentence.Range.Contains(r) || times[t].Type is TimeType.Duration or TimeType.Set)
            {
                continue; // "zu zwei Jahren Haft", "jeden Montag": how long or how often, not when
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
        // the first quantity (in text order) that overlaps the actor, the target or the object
        var objRange = view.Child(w, "obj") is int obj and >= 0 ? view.Phrase(obj) : (TextRange?)null;
        int best = int.MaxValue;
        foreach (var range in (ReadOnlySpan<TextRange?>)[actor?.Range, target?.Range, objRange])
        {
            if (range is not { } r)
            {
                continue;
            }
            for (int q = Positions.Partition(quantities.Length, i => quantities[i].Range.End <= r.Start); q < quantities.Length && q < best && quantities[q].Range.Start < r.End; q++)
            {
                if (quantities[q].Range.Overlaps(r))
                {
                    best = q;
                    break;
                }
            }
        }
        return best == int.MaxValue ? null : best;
    }
}
