using System.Collections.Immutable;
using Depesche.German.Syntax;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Events;

/// <summary>The mode of an event: negation, modals, governing verbs, readiness and the reference date.</summary>
public sealed partial class EventCoder
{
    private EventMode ModeOf(DependencyView view, int w, EventFrame frame, Quote? reportingQuote, bool isCue)
    {
        if (IsNegated(view, w))
        {
            return EventMode.Negated;
        }
        if (view.Child(w, "mark") is int zu and >= 0 && zu == w - 1 && view.Lemma(zu) == "zu")
        {
            // "hat keine Pläne, Soldaten … zu schicken" when the parser made the plan an object of the infinitive
            foreach (int c in view.Children(w))
            {
                if (view.Rel(c) == "obj" && c < w && view.Lemma(c) is "Plan" or "Pläne" or "Absicht" or "Vorhaben")
                {
                    return view.Child(c, "det") is int det and >= 0 && view.Lemma(det).ToLowerInvariant() is "kein" or "keine" ? EventMode.Negated : EventMode.Planned;
                }
            }
            // "hat nicht vor, … zu schicken": the particle of "vorhaben" right before the comma that opens the infinitive
            for (int k = w - 1; k > 0 && k >= w - 12; k--)
            {
                if (view.Form(k) == "vor" && k + 1 < view.Words.Length && view.Form(k + 1) == ",")
                {
                    for (int n = k - 1; n >= 0 && n >= k - 4; n--)
                    {
                        if (view.Lemma(n).ToLowerInvariant() is "nicht" or "kein" or "keine" or "nie")
                        {
                            return EventMode.Negated;
                        }
                    }
                    return EventMode.Planned;
                }
            }
        }
        if (view.Rel(w) is "advcl" or "xcomp" && view.Head(w) is int ready and >= 0 && HasReadiness(view, ready))
        {
            return EventMode.Announced; // "stehe bereit, sich mit Vertretern zu treffen"
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
        string lastRel = "";
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
                string joined = view.JoinedLemma(node);
                if (joined is "ankündigen" or "bekanntgeben" or "verkünden")
                {
                    return EventMode.Announced;
                }
                if (joined is "auffordern" or "fordern" or "verlangen" or "appellieren" or "bitten" or "drängen")
                {
                    return EventMode.Requested;
                }
                if (joined is "planen" or "beabsichtigen" or "vorhaben" or "Plan" or "Absicht" or "vorbereiten" or "Vorbereitung" or "Pläne")
                {
                    return EventMode.Planned;
                }
                if (joined is "dementieren" or "bestreiten" or "abstreiten" or "zurückweisen" or "leugnen" && lastRel is "obj" or "nmod" or "acl" or "acl:relcl" or "ccomp" or "nsubj:pass" or "conj")
                {
                    return EventMode.Negated; // "dementierte die Festnahme": the denied event, by the denier's account, did not happen
                }
                if (HasReadiness(view, node))
                {
                    return EventMode.Announced; // "erklärte die Bereitschaft, in Gespräche einzutreten", "stehe bereit, sich … zu treffen"
                }
                if (joined is "ausschließen" && step == 1 && lastRel is "obj" or "nsubj" or "nsubj:pass" or "xcomp" or "ccomp")
                {
                    return EventMode.Negated; // "Militärische Unterstützung … gilt als ausgeschlossen"
                }
                if (joined is "erwarten" or "befürchten" or "fürchten")
                {
                    return EventMode.Hypothetical; // "Er erwarte Massenverhaftungen"
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
                if (aux is "würde" or "würden" && ReportingVerb(view, node) is { } reporter)
                {
                    // "kündigte an, die Kämpfer würden … stürmen": the future of reported speech, not a hypothesis
                    return reporter is "ankündigen" or "androhen" ? EventMode.Announced : EventMode.Planned;
                }
                if (aux is "könnte" or "könnten" or "würde" or "würden" or "dürfte" or "dürften" or "müsste" or "müssten" or "sollte" or "sollten")
                {
                    return EventMode.Hypothetical;
                }
                if (lemma == "sollen" && HasPerfectInfinitive(view, node))
                {
                    return EventMode.Asserted; // "soll … bestochen haben", "verhaftet worden sein soll": reported, not planned
                }
                if (lemma is "sollen" or "wollen")
                {
                    return EventMode.Planned;
                }
                if (lemma == "werden" && view.Rel(c) == "aux:pass" && view.Form(c).ToLowerInvariant() is "wird" or "werden" or "werde" && IsInfinitive(view, node))
                {
                    return EventMode.Planned; // a tagger that read future "wird … entsenden" as a passive
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
            foreach (int c in view.Children(node))
            {
                if (view.BaseRel(c).SequenceEqual("advmod") || view.BaseRel(c).SequenceEqual("amod"))
                {
                    if (view.Lemma(c).ToLowerInvariant() is "möglicherweise" or "eventuell" or "vielleicht" or "möglich" or "mögliche" or "möglichen" or "denkbar" or "unwahrscheinlich" or "wahrscheinlich")
                    {
                        return EventMode.Hypothetical; // "ein möglicher Streik", "ein Abzug sei eventuell denkbar"
                    }
                }
                if (step > 0 && view.BaseRel(c).SequenceEqual("xcomp") && view.Lemma(c).ToLowerInvariant() is "unwahrscheinlich" or "möglich" or "wahrscheinlich" or "denkbar")
                {
                    return EventMode.Hypothetical; // "halten einen Abzug für unwahrscheinlich"
                }
            }
            if (view.Upos(node) == "ADJ" && view.Lemma(node).ToLowerInvariant() is "möglich" or "denkbar" or "unwahrscheinlich" or "wahrscheinlich")
            {
                return EventMode.Hypothetical; // "Eine Freilassung sei möglich"
            }
            if (step > 0 && view.Lemma(node).ToLowerInvariant() is "geplant" or "vorbereiten" or "planen" or "stattfinden" && view.HasFeature(node, "VerbForm=Part") && view.Lemma(node).ToLowerInvariant() is "geplant" or "planen")
            {
                return EventMode.Planned; // "Für Mai ist ein Gipfel geplant"
            }
            string rel2 = view.Rel(node);
            bool nounSubject = step == 0 && frame.IsNoun && rel2 is "nsubj" or "nsubj:pass";
            lastRel = rel2;
            if (!(nounSubject || rel2 is "xcomp" or "ccomp" or "obj" or "acl" or "nmod" or "obl" || rel2.StartsWith("acl", StringComparison.Ordinal)) || (step == 0 && isCue))
            {
                break;
            }
            node = view.Head(node);
        }
        _ = frame;
        _ = reportingQuote;
        return EventMode.Asserted;
    }

    /// <summary>The speech verb a clause is the content of ("kündigte an, …", "erklärte, …"), as a joined lemma; null if none.</summary>
    private static string? ReportingVerb(DependencyView view, int node)
    {
        if (view.Rel(node) is not ("ccomp" or "parataxis" or "xcomp") || view.Head(node) is not (int h and >= 0) || view.Upos(h) != "VERB")
        {
            return null;
        }
        string lemma = view.JoinedLemma(h);
        return lemma is "ankündigen" or "androhen" or "erklären" or "sagen" or "mitteilen" or "betonen" or "versichern" or "bekräftigen" ? lemma : null;
    }

    private static bool HasReadiness(DependencyView view, int node)
    {
        foreach (int c in view.Children(node))
        {
            if ((view.Rel(c) == "obj" && view.Lemma(c) == "Bereitschaft") || (view.Rel(c) == "advmod" && view.Lemma(c) == "bereit"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The full-form lexicon knows the word as an infinitive and not as a participle.</summary>
    private static bool IsInfinitive(DependencyView view, int w)
    {
        var lexicon = SyntaxModels.DefaultLexicon;
        bool infinitive = false;
        foreach (var analysis in lexicon.Lookup(view.Form(w)))
        {
            var cls = lexicon.SignatureClass[analysis.Signature];
            if ((cls & LexClass.VerbParticiple) != 0)
            {
                return false;
            }
            infinitive |= (cls & LexClass.VerbInfinitive) != 0;
        }
        return infinitive;
    }

    /// <summary>A modal or auxiliary just before the verb that the parser hung beside it on the same head, with a subject of its own.</summary>
    private static int ModalSibling(DependencyView view, int w)
    {
        int head = view.Head(w);
        for (int k = w - 1; k >= 0 && k >= w - 6; k--)
        {
            if (view.Upos(k) == "AUX" && view.Head(k) == head && head >= 0 && view.Child(k, "nsubj") >= 0)
            {
                return k;
            }
        }
        return -1;
    }

    private static bool HasPerfectInfinitive(DependencyView view, int node)
    {
        foreach (int c in view.Children(node))
        {
            if (view.BaseRel(c).SequenceEqual("aux") && view.Form(c).ToLowerInvariant() is "haben" or "sein")
            {
                return true;
            }
            if (view.BaseRel(c).SequenceEqual("aux"))
            {
                foreach (int d in view.Children(c))
                {
                    if (view.Form(d).ToLowerInvariant() is "haben" or "sein")
                    {
                        return true; // "verhaftet worden sein soll", with "sein" hung on "worden"
                    }
                }
            }
        }
        return false;
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

    /// <summary>The time expression is said of the trigger's clause (hangs on the trigger or its verb), not of another phrase.</summary>
    private static bool TimeBelongs(DependencyView view, TimeExpression time, int w, int verb)
    {
        var tokens = view.Document.Tokens;
        int first = Positions.TokenFrom(tokens, time.Range.Start);
        int i0 = -1;
        for (int t = first; t < tokens.Length && tokens[t].Start < time.Range.End && i0 < 0; t++)
        {
            i0 = view.WordOfToken(t);
        }
        for (int i = Math.Max(0, i0); i0 >= 0 && i < view.Words.Length && tokens[view.Words[i].Token].Start < time.Range.End; i++)
        {
            if (!time.Range.Overlaps(tokens[view.Words[i].Token].Range))
            {
                continue;
            }
            int h = i;
            for (int step = 0; step < 3 && h >= 0; step++)
            {
                if (h == w || h == verb)
                {
                    return true;
                }
                if (view.Upos(h) is "VERB" && step > 0)
                {
                    break;
                }
                h = view.Head(h);
            }
        }
        return false;
    }
}
