using System.Collections.Immutable;
using Depesche.German.Syntax;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>The report-level half of the coder: roles from elsewhere in the report, demands inside quotations, one record per event and sentence.</summary>
public sealed partial class EventCoder
{
    /// <summary>
    /// Completes events whose clause names no actor from the report's earlier statement of the same kind of
    /// event ("Rebellen überfielen die Kaserne" then "Dabei wurden drei Wachleute verletzt"); an attack whose
    /// perpetrator no sentence names gets an unknown actor; every other event without an actor is dropped.
    /// Then keeps one record per event and sentence.
    /// </summary>
    private static ImmutableArray<Event> Resolve(List<Found> all, DependencyView view, ImmutableArray<Entity> entities)
    {
        var result = ImmutableArray.CreateBuilder<Event>(all.Count);
        var resolved = new List<Found>(all.Count);
        var agentWords = new Dictionary<string[], int[]>(ReferenceEqualityComparer.Instance);
        foreach (var f in all)
        {
            var ev = f.Event;
            Found? antecedent = null;
            bool release = f.Frame.Lemma is "freilassen" or "entlassen" or "Freilassung" or "freikommen";
            bool lifting = f.Frame.Lemma is "aufheben" or "Aufhebung";
            for (int j = resolved.Count - 1; j >= 0; j--)
            {
                string earlier = resolved[j].Event.Type;
                if ((earlier == ev.Type || (release && earlier == "COERCE") || (lifting && earlier is "SANCTION" or "REJECT" or "COERCE"))
                    && resolved[j].Event.Sentence <= ev.Sentence)
                {
                    // a release continues the detention, a lifting the ban: who held them or imposed it undoes it
                    antecedent = resolved[j];
                    break;
                }
            }
            if (f.Frame.ContextOnly && antecedent is null && !(f.Frame.IsNoun && ev.Type == "ASSAULT" && ev.Actor is { Origin: ArgumentOrigin.Stated }))
            {
                continue; // "die Explosion", "verletzt": an event only where the report has already stated one of its kind
            }
            var a = antecedent?.Event;
            if (ev.Actor is null)
            {
                // Who arrests or sentences is known by the act itself, whoever acted in the report before; a protest
                // or an attack told again keeps the actor of its first telling. A sentence or an arrest, done by its own
                // kind of agent (a court, the police), continues only an act of that kind, not the EU's sanctions before it.
                if (ev.Type is "COERCE" or "SANCTION" && f.Frame.Agents is { } agentNouns && AgentMention(view, entities, agentWords, agentNouns, ev.Trigger) is { } agentFirst)
                {
                    ev = ev with { Actor = agentFirst }; // "festgenommen": the police the report names, before any earlier arrest's actor
                }
                else if (a?.Actor is { } known && f.MayContinue && !(ev.Target is { } victim && SharesHead(view.Document, known, victim))
                    && !(ev.Type is "SANCTION" or "COERCE" && f.Frame.Agents is { } own && !ReferenceEquals(own, antecedent!.Frame.Agents)))
                {
                    bool near = ev.Sentence - a.Sentence <= 2;
                    bool close = near && (f.Definite || f.Frame.ContextOnly || (release && a.Type == "COERCE") || lifting);
                    ev = ev with
                    {
                        Actor = known.Origin == ArgumentOrigin.Unknown ? new ArgumentRef(null, new TextRange(ev.Trigger.Start, ev.Trigger.Start), ArgumentOrigin.Unknown) : Inferred(known),
                        Target = ev.Target ?? (close && a.Target is { } t ? Inferred(t) : null),
                        Location = ev.Location ?? (near && a.Location is { } l ? Inferred(l) : null), // the place holds for the next sentences
                    };
                }
                else if (f.Frame.Agents is { } agents && AgentMention(view, entities, agentWords, agents, ev.Trigger) is { } agent)
                {
                    ev = ev with { Actor = agent }; // "kam es zu Massenprotesten" in a report that names the demonstrators
                }
                else if (f.MayBeUnknown && ev.Type == "ASSAULT")
                {
                    ev = ev with { Actor = new ArgumentRef(null, new TextRange(ev.Trigger.Start, ev.Trigger.Start), ArgumentOrigin.Unknown) };
                }
                else
                {
                    continue;
                }
            }
            else if (ev.Target is null && a is { Target: { } t2, Actor: { } aa } && (SameActor(aa, ev.Actor) || (f.Also && ev.Sentence - a.Sentence <= 2)))
            {
                ev = ev with { Target = Inferred(t2) }; // the same actor's same kind of act, restated: "Die Ministerin griff die Opposition an … tadelte"
            }
            if (f.ClaimTarget && ev.Actor is { } rejecter)
            {
                for (int j = resolved.Count - 1; j >= 0 && ev.Sentence - resolved[j].Event.Sentence <= 3; j--)
                {
                    var claimEvent = resolved[j].Event;
                    if (claimEvent.Type is "ACCUSE" or "REQUEST" or "THREATEN" or "SANCTION" && claimEvent.Actor is { } maker && !SameActor(maker, rejecter))
                    {
                        ev = ev with { Target = Inferred(maker) }; // "Die Opposition warf der Regierung Betrug vor … Die Regierung bestritt dies"
                        break;
                    }
                }
            }
            if (NeedsTarget(ev.Type) && ev.Target is null)
            {
                continue; // demands, accusations, sanctions, support and the like are aimed at someone
            }
            if (ev.Location is null && ev.Target is null && ev.Type is "ASSAULT" or "COERCE" or "PROTEST" or "RETREAT" && ReportPlace(view, entities) is { } where)
            {
                ev = ev with { Location = where }; // an attack or protest with no place of its own happened where the report is
            }
            if (ev.Target is null && (ev.Type == "REJECT" || (ev.Type == "COERCE" && !f.Frame.IsNoun)))
            {
                continue; // a refusal refuses something, an arrest arrests someone: without them the clause was misread
            }
            if (ev.Target is not null && ev.Actor is not null && SameActor(ev.Actor, ev.Target))
            {
                continue; // an actor acting on itself is a misreading
            }
            if (IsSports(view.Document, ev.Actor) || IsSports(view.Document, ev.Target))
            {
                continue; // "Der FC Musterstadt empfing den SV Beispielheim": a game, not politics
            }
            bool twice = false;
            foreach (var r in resolved)
            {
                if (r.Event.Sentence == ev.Sentence && r.Event.Type == ev.Type && SameActor(r.Event.Actor!, ev.Actor!))
                {
                    twice = true; // two mentions of one event in one sentence: one record
                    break;
                }
            }
            if (twice)
            {
                continue;
            }
            var done = f with { Event = ev };
            resolved.Add(done);
            result.Add(ev);
        }
        // An act aimed at another act is aimed at whoever did that one: "die Niederschlagung der Proteste" at the
        // protesters, "kritisierte die Festnahme durch die Polizei" at the police, "verurteilte den Angriff" at the
        // attackers (the other act may stand later in the sentence, so this comes after all are resolved).
        // An act aimed only at an act whose doer nobody names ("prangerte Morde an") is not stated.
        var kept = ImmutableArray.CreateBuilder<Event>(result.Count);
        for (int i = 0; i < result.Count; i++)
        {
            var ev = result[i];
            bool aimedAtDoer = false;
            if (ev.Target is { Origin: ArgumentOrigin.Stated } aimed && ev.Type is "COERCE" or "ASSAULT" or "ACCUSE" or "SANCTION")
            {
                foreach (var r in resolved)
                {
                    if (r.Frame.IsNoun && !ReferenceEquals(r.Event, ev) && r.Event.Sentence == ev.Sentence && aimed.Range.Contains(r.Event.Trigger)
                        && r.Event.Actor is { Origin: not ArgumentOrigin.Unknown } doers && !(ev.Actor is { } self && SameActor(self, doers)))
                    {
                        ev = ev with { Target = Inferred(doers) };
                        aimedAtDoer = true;
                        break;
                    }
                }
            }
            if (resolved[i].TargetIsAct && !aimedAtDoer)
            {
                continue;
            }
            kept.Add(ev);
        }
        return kept.ToImmutable();
    }

    /// <summary>
    /// What a speaker says someone must or should do is a demand on them: "Die Regierung müsse den Streit
    /// beenden, sagte der Gewerkschaftschef", "dann solle die Opposition ihre Vorschläge vorlegen" (REQUEST from the speaker to that subject).
    /// "soll … haben" (reported) and the speaker's own side ("wir müssen") are not demands.
    /// </summary>
    private void AddDemandsInQuotes(DependencyView view, ImmutableArray<Quote> quotes, ImmutableArray<Entity> entities, List<Found> all)
    {
        var doc = view.Document;
        for (int q = 0; q < quotes.Length; q++)
        {
            var quote = quotes[q];
            if (quote.Speaker is not { } speaker
                || (speaker.Entity is null && !_lex.IsActorNoun(view.Document.TextOf(speaker.Range).Split(' ')[^1])))
            {
                continue; // "nach bisherigen Angaben": no one who demands
            }
            int firstWord = view.WordOfToken(Positions.TokenFrom(doc.Tokens, quote.Content.Start));
            for (int w = Math.Max(0, firstWord); firstWord >= 0 && w < view.Words.Length && doc.Tokens[view.Words[w].Token].Start < quote.Content.End; w++)
            {
                var range = doc.Tokens[view.Words[w].Token].Range;
                if (!quote.Content.Contains(range) || view.Upos(w) != "AUX" || view.Lemma(w) is not ("müssen" or "sollen")
                    || (view.Lemma(w) == "sollen" && view.Form(w).ToLowerInvariant() is "soll" or "sollen" or "sollte" or "sollten" && !view.HasFeature(w, "Mood=Sub")))
                {
                    continue; // "Der Wagen soll 2011 kommen": "soll" in the indicative reports a plan; "solle" demands
                }
                int verb = view.Head(w);
                if (verb >= 0 && !quote.Content.Contains(doc.Tokens[view.Words[verb].Token].Range))
                {
                    // the modal hangs on the speech verb: its infinitive is the next verb inside the quotation
                    verb = -1;
                    for (int k = w + 1; k < view.Words.Length && quote.Content.Contains(doc.Tokens[view.Words[k].Token].Range); k++)
                    {
                        if (view.Upos(k) == "VERB")
                        {
                            verb = k;
                            break;
                        }
                    }
                }
                if (verb < 0 || view.Upos(verb) != "VERB")
                {
                    // a parser that made the modal the head: its infinitive hangs below it
                    verb = -1;
                    foreach (int c in view.Children(w))
                    {
                        if (view.Upos(c) == "VERB" && view.Rel(c) is "ccomp" or "xcomp" or "conj")
                        {
                            verb = c;
                            break;
                        }
                    }
                }
                if (verb < 0 || (view.Lemma(w) == "sollen" && HasPerfectInfinitive(view, verb)) || IsNegated(view, verb) || IsNegated(view, w)
                    || view.Lemma(verb) is "haben" or "sein" or "wissen" or "bleiben" or "werden" or "können" or "dürfen" or "geben" or "gelten"
                    || (w + 1 < view.Words.Length && view.Lemma(w + 1) is "nicht" or "kein" or "keine"))
                {
                    continue; // "müsse nicht zurücktreten": no demand
                }
                int subject = view.Child(verb, "nsubj");
                if (subject < 0)
                {
                    subject = view.Child(w, "nsubj");
                }
                if (subject < 0 && view.Child(verb, "obj") is int inverted and >= 0 && inverted > w && inverted <= w + 3
                    && EntityIn(entities, doc.Tokens[view.Words[inverted].Token].Range, includeAffiliation: false) is not null)
                {
                    subject = inverted; // "dann solle die Opposition vorlegen": the subject after the modal, read as an object
                }
                if (subject < 0 || view.Upos(subject) == "PRON" || !CanAct(view, subject, entities) || view.Child(subject, "det:poss") >= 0
                    || !quote.Content.Contains(doc.Tokens[view.Words[subject].Token].Range))
                {
                    continue;
                }
                var target = ArgumentOf(view, subject, entities, includeAffiliation: true, core: true);
                if (target is null || target.Range.Overlaps(speaker.Range) || (target.Entity is not null && target.Entity == speaker.Entity))
                {
                    continue;
                }
                int si = SentenceOf(doc, range.Start);
                if (all.Any(f => f.Event.Sentence == si && f.Event.Type == "REQUEST"))
                {
                    continue; // the sentence already states the demand with a word of its own
                }
                var ev = new Event("REQUEST", "10", EventMode.Asserted, speaker, target, null, null, null, range, si, q);
                all.Add(new Found(w, s_demand, ev, false, false));
            }
        }
    }

    private static readonly EventFrame s_demand = new("müssen", false, "REQUEST", "10", "obj");

    /// <summary>The report's mention of an agent noun nearest before the trigger, else the first after it.
    /// <paramref name="agentWords"/> keeps, per agent group, the words that name one (found once per report).</summary>
    private static ArgumentRef? AgentMention(DependencyView view, ImmutableArray<Entity> entities, Dictionary<string[], int[]> agentWords, string[] agents, TextRange trigger)
    {
        if (!agentWords.TryGetValue(agents, out var words))
        {
            agentWords[agents] = words = AgentWords(view, agents);
        }
        // Words are in text order: the last one starting before the trigger, else the first after it.
        int lo = 0;
        int hi = words.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (view.Document.Tokens[view.Words[words[mid]].Token].Range.Start < trigger.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        int best = lo > 0 ? words[lo - 1] : lo < words.Length ? words[lo] : -1;
        if (best < 0)
        {
            return null;
        }
        var phrase = view.Phrase(best, core: true);
        return new ArgumentRef(EntityIn(entities, phrase, includeAffiliation: true), phrase, ArgumentOrigin.Context);
    }

    /// <summary>The nouns of the report that name one of <paramref name="agents"/> ("Polizei", "Bereitschaftspolizei"), in text order.</summary>
    private static int[] AgentWords(DependencyView view, string[] agents)
    {
        var found = new List<int>();
        for (int i = 0; i < view.Words.Length; i++)
        {
            if (view.Upos(i) is not ("NOUN" or "PROPN"))
            {
                continue;
            }
            var form = view.Form(i);
            foreach (string noun in agents)
            {
                if (form.Equals(noun, StringComparison.OrdinalIgnoreCase) || (form.Length > noun.Length + 2 && form.EndsWith(noun, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add(i);
                    break;
                }
            }
        }
        return [.. found];
    }

    /// <summary>Where the report is: the first place named in its first body sentence (the lead), if any.</summary>
    private static ArgumentRef? ReportPlace(DependencyView view, ImmutableArray<Entity> entities)
    {
        var doc = view.Document;
        foreach (var sentence in doc.Sentences)
        {
            if (doc.Paragraphs[sentence.Paragraph].Kind != ParagraphKind.Body)
            {
                continue;
            }
            var lead = new TextRange(sentence.Start, sentence.End);
            ArgumentRef? first = null;
            foreach (var e in entities)
            {
                if (e.Type != EntityType.Location)
                {
                    continue;
                }
                foreach (var m in e.Mentions)
                {
                    if (m.Kind == MentionKind.Name && lead.Contains(m.Range) && (first is null || m.Range.Start < first.Range.Start))
                    {
                        first = new ArgumentRef(e.Id, m.Range, ArgumentOrigin.Context);
                    }
                }
            }
            return first;
        }
        return null;
    }

    /// <summary>"Die Verschwörer wurden hingerichtet" after "die Verschwörergruppe … Anschlag": whoever the event is done to did not do it.</summary>
    private static bool SharesHead(Document doc, ArgumentRef a, ArgumentRef b)
    {
        if (a.Origin == ArgumentOrigin.Unknown || b.Origin == ArgumentOrigin.Unknown)
        {
            return false;
        }
        if (a.Entity is not null && a.Entity == b.Entity)
        {
            return true;
        }
        string x = doc.TextOf(a.Range).ToLowerInvariant();
        string y = doc.TextOf(b.Range).ToLowerInvariant();
        string headX = x.Split(' ')[^1];
        string headY = y.Split(' ')[^1];
        int stem = Math.Min(Math.Min(headX.Length, headY.Length), 8);
        return stem >= 5 && headX.AsSpan(0, stem).SequenceEqual(headY.AsSpan(0, stem));
    }

    private static bool IsSports(Document doc, ArgumentRef? arg)
    {
        if (arg is null || arg.Origin == ArgumentOrigin.Unknown)
        {
            return false;
        }
        var sports = EventLexicon.Default.Sports;
        foreach (var word in doc.TextOf(arg.Range).Split([' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sports.Contains(word))
            {
                return true;
            }
        }
        return false;
    }

    private static ArgumentRef Inferred(ArgumentRef arg)
        => arg.Origin == ArgumentOrigin.Stated ? arg with { Origin = ArgumentOrigin.Context } : arg;

    private static bool SameActor(ArgumentRef a, ArgumentRef b)
        => a.Range == b.Range || (a.Entity is not null && a.Entity == b.Entity) || (a.Origin == ArgumentOrigin.Unknown && b.Origin == ArgumentOrigin.Unknown);
}
