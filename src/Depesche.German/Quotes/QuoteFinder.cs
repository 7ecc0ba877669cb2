using System.Collections.Immutable;
using Depesche.German.Entities;
using Depesche.German.Lexicon;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Quotes;

/// <summary>
/// Finds direct, indirect and mixed speech with its cue, speaker and addressee, by rules over
/// tokens and the speech lexicon. Speakers are noun phrases around the cue; a pronoun or a missing
/// speaker takes the speaker in focus (the last quotation's, in the same or the previous paragraph).
/// Quoted names and terms (<c>die «Blauhelme» genannten UN-Soldaten</c>) are never speech.
/// </summary>
public sealed class QuoteFinder
{
    /// <summary>A quoted stretch with fewer words than this, without a cue and without a sentence end inside, is a term, not speech.</summary>
    public const int MinFreeStandingWords = 4;

    /// <summary>Noun phrases longer than this (tokens) are not taken as speakers.</summary>
    public const int MaxNounPhraseTokens = 8;

    private readonly SpeechLexicon _lex;

    public QuoteFinder(SpeechLexicon? lexicon = null)
    {
        _lex = lexicon ?? SpeechLexicon.Default;
    }

    /// <summary>A token range [Start, End).</summary>
    private readonly record struct TokRange(int Start, int End)
    {
        public bool IsEmpty => End <= Start;

        public static TokRange None => new(0, 0);
    }

    private sealed class Candidate
    {
        public QuoteKind Kind;
        public int ContentStart;
        public int ContentEnd;
        public TokRange Speaker;
        public bool SpeakerIsPronoun;
        public int InheritFrom = -1;
        public TokRange CueTokens;
        public string? CueLemma;
        public TokRange Addressee;
        public int Paragraph;

        /// <summary>Kept only when a person named just before can be its speaker.</summary>
        public bool RequiresPerson;
    }

    private ref struct Ctx
    {
        public string Text;
        public ReadOnlySpan<TokenInfo> Tokens;

        /// <summary>Tokens the tagger read as finite verbs in the subjunctive (empty without a tagger).</summary>
        public ReadOnlySpan<bool> Subjunctive;

        /// <summary>Tokens the tagger read as something other than a noun, name, pronoun or adjective (empty without a tagger).</summary>
        public ReadOnlySpan<bool> NotNominal;

        /// <summary>Tokens inside a name mention of an entity (empty without entities).</summary>
        public ReadOnlySpan<bool> Names;

        /// <summary>Per token: 1 when the tagger read it as accusative or dative, 2 as nominative, 0 otherwise (empty without a tagger).</summary>
        public ReadOnlySpan<byte> ObjectCase;

        /// <summary>The dependency tree, when the parser ran.</summary>
        public Syntax.DependencyView? Tree;

        public ReadOnlySpan<char> Word(int i) => Text.AsSpan(Tokens[i].Start, Tokens[i].Length);
    }

    public ImmutableArray<Quote> Find(Document doc)
    {
        string text = doc.Text;
        var tokens = doc.Tokens.AsSpan();
        var sentences = doc.Sentences;
        var paragraphs = doc.Paragraphs;
        if (sentences.IsEmpty)
        {
            return [];
        }
        var ctx = new Ctx { Text = text, Tokens = tokens, Subjunctive = SubjunctiveTokens(doc), NotNominal = NotNominalTokens(doc), Names = NameTokens(doc), Tree = doc.Has(Layers.Dependencies) ? Syntax.DependencyView.Of(doc) : null, ObjectCase = CaseTokens(doc) };
        var spans = FindQuoteSpans(ref ctx, sentences, paragraphs);
        var candidates = new List<Candidate>();
        var directTokens = new bool[tokens.Length];
        int focus = -1;
        int lastQuoteSentence = int.MinValue / 2; // a report in Konjunktiv continues a speaker only for a couple of sentences
        int bodyIndex = -1;
        int lastParagraph = -1;
        var bodyOrdinal = new int[paragraphs.Length];
        for (int p = 0; p < paragraphs.Length; p++)
        {
            if (paragraphs[p].Kind == ParagraphKind.Body)
            {
                bodyIndex++;
            }
            bodyOrdinal[p] = bodyIndex;
        }

        int spanIdx = 0;
        for (int si = 0; si < sentences.Length; si++)
        {
            var sent = sentences[si];
            if (paragraphs[sent.Paragraph].Kind != ParagraphKind.Body)
            {
                while (spanIdx < spans.Count && spans[spanIdx].Open < sent.EndToken)
                {
                    spanIdx++;
                }
                continue;
            }
            if (sent.Paragraph != lastParagraph)
            {
                // Focus survives into the next body paragraph, not beyond.
                if (focus >= 0 && bodyOrdinal[sent.Paragraph] - bodyOrdinal[candidates[focus].Paragraph] > 1)
                {
                    focus = -1;
                }
                lastParagraph = sent.Paragraph;
            }
            int s = sent.FirstToken;
            int e = sent.EndToken;

            // Direct quotations that open in this sentence.
            var fragments = new List<(int Open, int Close)>();
            while (spanIdx < spans.Count && spans[spanIdx].Open < e)
            {
                var (open, close) = spans[spanIdx++];
                if (open < s)
                {
                    continue;
                }
                var c = TryDirect(ref ctx, open, close, s, sentences, si, focus);
                if (c is null)
                {
                    fragments.Add((open, close));
                    continue;
                }
                c.Paragraph = sent.Paragraph;
                for (int k = open; k <= close && k < directTokens.Length; k++)
                {
                    directTokens[k] = true;
                }
                Mark(directTokens, c.CueTokens);
                Mark(directTokens, c.Speaker);
                if (c.SpeakerIsPronoun && c.InheritFrom < 0)
                {
                    c.InheritFrom = focus;
                }
                candidates.Add(c);
                if (!c.Speaker.IsEmpty)
                {
                    focus = candidates.Count - 1; // a pronoun speaker too: "«…», sagte sie. «…»" — she is the one in focus
                }
            }

            // Indirect and mixed speech in what is left of the sentence.
            if (AllDirect(directTokens, s, e))
            {
                continue;
            }
            int continuation = si - lastQuoteSentence <= 2 ? focus : -1;
            int before = candidates.Count;
            Sentence? previous = si > 0 && sentences[si - 1].Paragraph == sent.Paragraph ? sentences[si - 1] : null;
            var ind = TryIndirect(ref ctx, s, e, directTokens, fragments, focus, continuation, previous);
            foreach (var (open, close) in fragments)
            {
                if (ind is not null && ctx.Tokens[open].Start >= ind.ContentStart && ctx.Tokens[close].End <= ind.ContentEnd)
                {
                    continue; // part of mixed speech
                }
                var frag = TryQuotedFragment(ref ctx, s, e, open, close, directTokens);
                if (frag is not null)
                {
                    frag.Paragraph = sent.Paragraph;
                    if (frag.SpeakerIsPronoun)
                    {
                        frag.InheritFrom = focus;
                    }
                    candidates.Add(frag);
                }
            }
            if (ind is not null)
            {
                ind.Paragraph = sent.Paragraph;
                if (ind.SpeakerIsPronoun && ind.InheritFrom < 0)
                {
                    ind.InheritFrom = focus;
                }
                candidates.Add(ind);
                if (!ind.Speaker.IsEmpty)
                {
                    focus = candidates.Count - 1;
                }
            }
            if ((candidates.Count > before && !candidates[^1].RequiresPerson) || AnyUsed(directTokens, s, e))
            {
                lastQuoteSentence = si;
            }
        }

        foreach (var c in candidates)
        {
            c.Speaker = OwnerOfStatement(ref ctx, c.Speaker);
        }
        return Resolve(doc, ref ctx, candidates);
    }

    private static void Mark(bool[] used, TokRange range)
    {
        for (int k = range.Start; k < range.End; k++)
        {
            used[k] = true;
        }
    }

    private static bool AnyUsed(bool[] used, int s, int e)
    {
        for (int k = s; k < e; k++)
        {
            if (used[k])
            {
                return true;
            }
        }
        return false;
    }

    private static bool AllDirect(bool[] direct, int s, int e)
    {
        for (int k = s; k < e; k++)
        {
            if (!direct[k])
            {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ quotation marks

    /// <summary>Top-level pairs of quotation marks (token indices of the opening and closing mark), in order.</summary>
    private static List<(int Open, int Close)> FindQuoteSpans(ref Ctx ctx, ImmutableArray<Sentence> sentences, ImmutableArray<Paragraph> paragraphs)
    {
        var result = new List<(int, int)>();
        var stack = new List<(int Tok, char Expect)>();
        int pendingOpen = -1; // a quotation left open at a paragraph's end, continued by the next paragraph's opening mark
        int currentParagraph = -1;
        foreach (var sent in sentences)
        {
            if (sent.Paragraph != currentParagraph)
            {
                if (stack.Count > 0)
                {
                    // Continued only when the next paragraph opens with the same mark.
                    int first = sent.FirstToken;
                    char opener = ctx.Text[ctx.Tokens[stack[0].Tok].Start];
                    pendingOpen = ctx.Tokens[first].IsQuote && ctx.Text[ctx.Tokens[first].Start] == opener ? stack[0].Tok : -1;
                    stack.Clear();
                }
                else
                {
                    pendingOpen = -1;
                }
                currentParagraph = sent.Paragraph;
            }
            for (int i = sent.FirstToken; i < sent.EndToken; i++)
            {
                var t = ctx.Tokens[i];
                if (!t.IsQuote)
                {
                    continue;
                }
                char c = ctx.Text[t.Start];
                bool opens = t.Kind == TokenKind.OpeningQuote;
                bool closes = t.Kind == TokenKind.ClosingQuote;
                if (t.Kind == TokenKind.AmbiguousQuote)
                {
                    bool topIsSame = stack.Count > 0 && stack[^1].Expect == Closer(c);
                    closes = topIsSame;
                    opens = !topIsSame;
                }
                if (closes)
                {
                    int at = stack.FindLastIndex(x => x.Expect == c || (x.Expect == '“' && c is '”' or '"') || (x.Expect == '"' && c is '“' or '”'));
                    if (at < 0)
                    {
                        continue;
                    }
                    int open = stack[at].Tok;
                    stack.RemoveRange(at, stack.Count - at);
                    if (stack.Count == 0)
                    {
                        if (pendingOpen >= 0)
                        {
                            open = pendingOpen;
                            pendingOpen = -1;
                        }
                        result.Add((open, i));
                    }
                    continue;
                }
                if (opens && Closer(c) is var expect and not '\0')
                {
                    if (stack.Count == 0 && pendingOpen >= 0 && i == sent.FirstToken && !result.Any(r => r.Item1 == pendingOpen))
                    {
                        // the continuation mark of a quotation carried over from the previous paragraph
                        stack.Add((pendingOpen, expect));
                        continue;
                    }
                    stack.Add((i, expect));
                }
            }
        }
        return result;

        static char Closer(char open) => open switch
        {
            '«' => '»',
            '»' => '«',
            '„' => '“',
            '"' => '"',
            '“' => '”',
            '‚' => '‘',
            '‹' => '›',
            '›' => '‹',
            '\'' => '\'',
            _ => '\0',
        };
    }

    // ------------------------------------------------------------------ direct speech

    private Candidate? TryDirect(ref Ctx ctx, int open, int close, int sentStart, ImmutableArray<Sentence> sentences, int si, int focus)
    {
        int words = 0;
        bool sentenceEndInside = false;
        for (int k = open + 1; k < close; k++)
        {
            var t = ctx.Tokens[k];
            if (t.Kind is TokenKind.Word or TokenKind.Number or TokenKind.Abbreviation or TokenKind.Ordinal)
            {
                words++;
            }
            else if (t.Kind == TokenKind.Punctuation && ctx.Text[t.Start] is '.' or '!' or '?' or '…' && k == close - 1)
            {
                sentenceEndInside = true;
            }
        }
        if (close - open <= 1)
        {
            return null;
        }

        bool colonBefore = open > sentStart && IsChar(ref ctx, open - 1, ':');
        bool atStart = open == sentStart || colonBefore || IsChar(ref ctx, open - 1, ',') || IsChar(ref ctx, open - 1, '(')
            || ctx.Tokens[open - 1].IsQuote;

        // After the closing mark: ", sagte X" / ", so X".
        int after = close + 1;
        if (after < ctx.Tokens.Length && IsChar(ref ctx, after, ','))
        {
            after++;
        }
        bool commaAfter = after > close + 1;
        var cand = new Candidate { Kind = QuoteKind.Direct, ContentStart = ctx.Tokens[open + 1].Start, ContentEnd = ctx.Tokens[close - 1].End };

        if (atStart && after < ctx.Tokens.Length && (commaAfter || sentenceEndInside))
        {
            int clauseEnd = ClauseEnd(ref ctx, after);
            if (TryVerb(ref ctx, after, clauseEnd, out var analysis, out int particleAt))
            {
                cand.CueTokens = new TokRange(after, after + 1);
                cand.CueLemma = analysis.Lemma;
                SetSpeakerAfterVerb(ref ctx, cand, after, clauseEnd, particleAt);
                return cand;
            }
            if (commaAfter && ctx.Word(after).SequenceEqual("so") && _lex.PhraseLookup.TryGetValue("so", out _))
            {
                int npEnd = NounPhraseEnd(ref ctx, after + 1, clauseEnd);
                if (npEnd > after + 1)
                {
                    cand.CueTokens = new TokRange(after, after + 1);
                    cand.CueLemma = "so";
                    cand.Speaker = new TokRange(after + 1, npEnd);
                    cand.SpeakerIsPronoun = IsPronoun(ref ctx, after + 1, npEnd);
                    return cand;
                }
            }
        }

        bool commaBefore = open > sentStart && IsChar(ref ctx, open - 1, ',');
        if (colonBefore || commaBefore)
        {
            // "Stoltenberg sagte: «…»", "Die Polizei bekräftigt auch, «…»" — the cue is in the clause before the mark.
            int clauseStart = ClauseStart(ref ctx, sentStart, open - 1);
            for (int v = clauseStart; v < open - 1; v++)
            {
                if (TryVerb(ref ctx, v, open - 1, out var analysis, out int particleAt))
                {
                    cand.CueTokens = new TokRange(v, v + 1);
                    cand.CueLemma = analysis.Lemma;
                    SetSubject(ref ctx, cand, clauseStart, v, open - 1, particleAt, analysis, sentStart);
                    return cand;
                }
            }
            if (colonBefore)
            {
                // "Er glaubt weiterhin, dass …: «…»": no speech verb, but the sentence's subject introduces the quotation
                int npEnd = NounPhraseEnd(ref ctx, sentStart, open - 1);
                if (npEnd > sentStart && npEnd < open - 1 && ctx.Tokens[npEnd].Kind == TokenKind.Word && !IsVerbAt(ref ctx, sentStart)
                    && (npEnd >= ctx.NotNominal.Length || ctx.NotNominal[npEnd]))
                {
                    cand.Speaker = new TokRange(sentStart, npEnd);
                    cand.SpeakerIsPronoun = IsPronoun(ref ctx, sentStart, npEnd);
                    return cand;
                }
            }
        }

        if (!atStart)
        {
            return null; // a fragment inside a sentence: a term, or part of mixed speech
        }
        if (!sentenceEndInside && words < MinFreeStandingWords)
        {
            return null; // a quoted name or term
        }
        // Free-standing: the speaker in focus.
        cand.InheritFrom = focus;
        return cand;
    }

    /// <summary>
    /// Quoted words inside a sentence whose speech verb has a subject: "Scholz nannte den Plan «fahrlässig»".
    /// Without such a verb a quoted fragment is a name or a term ("die «Blauhelme» genannten UN-Soldaten").
    /// </summary>
    private Candidate? TryQuotedFragment(ref Ctx ctx, int s, int e, int open, int close, bool[] used)
    {
        if (IsQuotedName(ref ctx, s, open, close))
        {
            return null; // der „Berliner Zeitung“, die Agentur „Xinhua“, das Album „Have a nice day“
        }
        for (int v = s; v < e; v++)
        {
            if (used[v] || (v >= open && v <= close))
            {
                continue;
            }
            int clauseEnd = ClauseEnd(ref ctx, v + 1);
            if (!TryVerb(ref ctx, v, Math.Max(clauseEnd, close + 1), out var analysis, out int particleAt) || analysis.Kind == VerbFormKind.Participle)
            {
                continue;
            }
            var cand = new Candidate
            {
                Kind = QuoteKind.Direct,
                ContentStart = ctx.Tokens[open + 1].Start,
                ContentEnd = ctx.Tokens[close - 1].End,
                CueTokens = new TokRange(v, v + 1),
                CueLemma = analysis.Lemma,
            };
            int clauseStart = ClauseStart(ref ctx, s, v);
            SetSubject(ref ctx, cand, clauseStart, v, Math.Min(clauseEnd, open), particleAt, analysis, s);
            if (cand.Speaker.IsEmpty || cand.Speaker.Start <= open && cand.Speaker.End > open)
            {
                return null;
            }
            cand.Addressee = TokRange.None;
            return cand;
        }
        return null;
    }

    /// <summary>
    /// A quoted name or title rather than quoted words: every word capitalised (or a number), and the
    /// marks follow an article, a preposition or a noun ("der „Berliner Zeitung“", "Agentur „Xinhua“").
    /// </summary>
    private bool IsQuotedName(ref Ctx ctx, int s, int open, int close)
    {
        if (ctx.Names.Length > 0)
        {
            bool allNamed = true;
            for (int k = open + 1; k < close; k++)
            {
                if (ctx.Tokens[k].Kind == TokenKind.Word && !ctx.Names[k])
                {
                    allNamed = false;
                    break;
                }
            }
            if (allNamed)
            {
                return true;
            }
        }
        bool allCapitalised = true;
        int words = 0;
        for (int k = open + 1; k < close; k++)
        {
            var t = ctx.Tokens[k];
            if (t.Kind == TokenKind.Word)
            {
                words++;
                if (!char.IsUpper(ctx.Text[t.Start]))
                {
                    allCapitalised = false;
                }
            }
        }
        if (!allCapitalised || words == 0 || open <= s)
        {
            return false;
        }
        var before = ctx.Word(open - 1);
        var cls = _lex.ClassOf(before);
        // one capitalised word after an article is as often an evaluation ("nannte es eine „Zeitungsente“") as a name,
        // but after a dative or genitive definite article it is the medium told or quoted ("sagte der «Welt»", "dem «Spiegel»")
        if (words == 1 && before is "der" or "dem" or "des")
        {
            return true;
        }
        return words > 1 && (cls is WordClass.Determiner or WordClass.Preposition || (before.Length > 0 && char.IsUpper(before[0])));
    }

    // ------------------------------------------------------------------ indirect and mixed speech

    private Candidate? TryIndirect(ref Ctx ctx, int s, int e, bool[] direct, List<(int Open, int Close)> fragments, int focus, int continuation, Sentence? previous)
    {
        int end = ContentEndToken(ref ctx, s, e);
        if (end <= s)
        {
            return null;
        }

        // "Das erklärte ein Sprecher": what the previous sentence said.
        if (previous is { } prev && end - s >= 3 && (IsWord(ref ctx, s, "Das") || IsWord(ref ctx, s, "Dies")) && !AnyUsed(direct, prev.FirstToken, prev.EndToken)
            && TryVerb(ref ctx, s + 1, ClauseEnd(ref ctx, s + 1), out var thatVerb, out int thatParticle) && thatVerb.Kind != VerbFormKind.Participle)
        {
            var cand = new Candidate
            {
                Kind = QuoteKind.Indirect,
                ContentStart = ctx.Tokens[prev.FirstToken].Start,
                ContentEnd = ctx.Tokens[ContentEndToken(ref ctx, prev.FirstToken, prev.EndToken) - 1].End,
                CueTokens = new TokRange(s + 1, s + 2),
                CueLemma = thatVerb.Lemma,
            };
            SetSpeakerAfterVerb(ref ctx, cand, s + 1, ClauseEnd(ref ctx, s + 1), thatParticle);
            if (!cand.Speaker.IsEmpty && cand.ContentEnd > cand.ContentStart)
            {
                return cand;
            }
        }

        for (int v = s; v < end; v++)
        {
            if (direct[v] || !TryVerb(ref ctx, v, ClauseEnd(ref ctx, v), out var analysis, out int particleAt))
            {
                continue;
            }
            if (analysis.Kind == VerbFormKind.Participle && v > s && !HasAuxiliaryBefore(ref ctx, s, v))
            {
                continue;
            }
            int clauseEnd = ClauseEnd(ref ctx, v);
            foreach (var (open, close) in fragments)
            {
                if (open == clauseEnd && IsQuotedName(ref ctx, s, open, close))
                {
                    clauseEnd = ClauseEnd(ref ctx, close + 1); // "sagte der «Welt», …": the clause goes on after the name
                }
            }
            var cand = new Candidate { Kind = QuoteKind.Indirect, CueTokens = new TokRange(v, v + 1), CueLemma = analysis.Lemma };

            // Case A: the cue, then a comma and the content: "erklärte, die Ukraine sei …", "machte deutlich, dass …".
            if (clauseEnd < end && IsChar(ref ctx, clauseEnd, ','))
            {
                int cs = clauseEnd + 1;
                int complementEnd = ComplementEnd(ref ctx, v, cs, end);
                if (complementEnd > cs && HasVerb(ref ctx, cs, complementEnd))
                {
                    // the parser names the clause that was said: it ends where the sentence goes on ("… aufgeben und bemühte …")
                    cand.ContentStart = ctx.Tokens[cs].Start;
                    cand.ContentEnd = ctx.Tokens[complementEnd - 1].End;
                    SetSubject(ref ctx, cand, ClauseStart(ref ctx, s, v), v, clauseEnd, particleAt, analysis, s);
                    if (cand.Speaker.IsEmpty && cand.InheritFrom < 0)
                    {
                        cand.InheritFrom = focus;
                    }
                    return Finish(ref ctx, cand, fragments);
                }
                if (cs < end && (IsWord(ref ctx, cs, "dass") || IsWord(ref ctx, cs, "daß") || HasSubjunctive(ref ctx, cs, end)
                    || ((analysis.Frame == SpeechFrame.SayAccusative || analysis.Lemma is "fordern" or "verlangen" or "vorschlagen" or "appellieren") && HasVerb(ref ctx, cs, end))
                    || (analysis.Frame != SpeechFrame.Judge && analysis.Kind != VerbFormKind.Participle && OpensMainClause(ref ctx, cs, end) && HasVerb(ref ctx, cs, end))))
                {
                    cand.ContentStart = ctx.Tokens[cs].Start;
                    cand.ContentEnd = ctx.Tokens[end - 1].End;
                    int clauseStart = ClauseStart(ref ctx, s, v);
                    SetSubject(ref ctx, cand, clauseStart, v, clauseEnd, particleAt, analysis, s);
                    if (cand.Speaker.IsEmpty && cand.InheritFrom < 0)
                    {
                        cand.InheritFrom = focus;
                    }
                    return Finish(ref ctx, cand, fragments);
                }
            }

            // Case B: the content, then ", sagte X": "Die Lage sei ernst, sagte Scholz."
            if (v > s + 1 && IsChar(ref ctx, v - 1, ',') && analysis.Kind != VerbFormKind.Participle && !AnyUsed(direct, s, v))
            {
                int contentEnd = v - 1;
                cand.ContentStart = ctx.Tokens[s].Start;
                cand.ContentEnd = ctx.Tokens[contentEnd - 1].End;
                SetSpeakerAfterVerb(ref ctx, cand, v, clauseEnd, particleAt);
                if (!cand.Speaker.IsEmpty)
                {
                    return Finish(ref ctx, cand, fragments);
                }
            }
        }

        // "X zufolge", "laut X", "nach Angaben von X", "nach eigenen Angaben", "wie X mitteilte" (a speech verb wins over them).
        var phrase = TryPhrase(ref ctx, s, end, direct);
        if (phrase is not null)
        {
            return Finish(ref ctx, phrase, fragments);
        }

        // "Die Wahlkommission gab ein Ergebnis bekannt. Demnach hat die Koalition gewonnen": according to the source just
        // named — the subject that opens the sentence before, else the report being continued, else nobody
        if (!AnyUsed(direct, s, end) && Demnach(ref ctx, s, end) is int dem and >= 0 && end - s > 3)
        {
            int cs = dem == s ? s + 1 : s;
            var source = default(TokRange);
            if (previous is { } before)
            {
                int npEnd = NounPhraseEnd(ref ctx, before.FirstToken, before.EndToken);
                if (npEnd > before.FirstToken && npEnd < before.EndToken && HasCapital(ref ctx, before.FirstToken, npEnd) && IsVerbLike(ref ctx, npEnd))
                {
                    source = new TokRange(before.FirstToken, npEnd);
                }
            }
            return Finish(ref ctx, new Candidate
            {
                Kind = QuoteKind.Indirect,
                ContentStart = ctx.Tokens[cs].Start,
                ContentEnd = ctx.Tokens[end - 1].End,
                CueTokens = new TokRange(dem, dem + 1),
                CueLemma = "demnach",
                Speaker = source,
                SpeakerIsPronoun = !source.IsEmpty && IsPronoun(ref ctx, source.Start, source.End),
                InheritFrom = source.IsEmpty ? continuation : -1,
            }, fragments);
        }

        // A sentence in Konjunktiv I after a speaker continues that speaker's report; with no speaker in
        // focus, it reports what the person named in the sentence before said (or nothing).
        if (AnyUsed(direct, s, e))
        {
            return null; // a sentence that quotes directly is not also a report in Konjunktiv
        }
        if (continuation < 0 && ctx.Names.Length > 0 && HasSubjunctive(ref ctx, s, end) && !StartsWithQuestionOrCondition(ref ctx, s))
        {
            return Finish(ref ctx, new Candidate
            {
                Kind = QuoteKind.Indirect,
                ContentStart = ctx.Tokens[s].Start,
                ContentEnd = ctx.Tokens[e - 1].End,
                RequiresPerson = true,
            }, fragments);
        }
        if (continuation >= 0 && HasSubjunctive(ref ctx, s, end) && !StartsWithQuestionOrCondition(ref ctx, s))
        {
            var cand = new Candidate
            {
                Kind = QuoteKind.Indirect,
                ContentStart = ctx.Tokens[s].Start,
                ContentEnd = ctx.Tokens[e - 1].End,
                InheritFrom = continuation,
            };
            return Finish(ref ctx, cand, fragments);
        }
        return null;
    }

    private Candidate? TryPhrase(ref Ctx ctx, int s, int end, bool[] direct)
    {
        for (int i = s; i < end; i++)
        {
            if (direct[i] || ctx.Tokens[i].Kind != TokenKind.Word)
            {
                continue;
            }
            var w = ctx.Word(i);
            if ((w.SequenceEqual("hieß") || w.SequenceEqual("heißt")) && ((i + 1 < end && IsWord(ref ctx, i + 1, "es")) || (i == s + 1 && IsWordFolded(ctx.Word(s), "es")))
                && HeardFrom(ref ctx, s, end, i) is { } heard)
            {
                return heard;
            }
            // "Nach eigenen Angaben erhielt das Amt …": the subject follows the verb
            if (i == s && IsWordFolded(w, "nach") && i + 3 < end && _lex.PhraseLookup.TryGetValue(Join(ref ctx, i + 1, i + 3), out var k0) && k0 == PhraseKind.Self)
            {
                int v = i + 3;
                int npStart = v + 1;
                int npEnd = NounPhraseEnd(ref ctx, npStart, PhraseLimit(ref ctx, npStart));
                if (npEnd > npStart)
                {
                    return new Candidate
                    {
                        Kind = QuoteKind.Indirect,
                        ContentStart = ctx.Tokens[v].Start,
                        ContentEnd = ctx.Tokens[end - 1].End,
                        CueTokens = new TokRange(i, i + 3),
                        CueLemma = "nach eigenen Angaben",
                        Speaker = new TokRange(npStart, npEnd),
                        SpeakerIsPronoun = IsPronoun(ref ctx, npStart, npEnd),
                    };
                }
            }
            // "…, so der Minister." at the end of a sentence
            if (w.SequenceEqual("so") && i > s + 2 && IsChar(ref ctx, i - 1, ','))
            {
                int npEnd = NounPhraseEnd(ref ctx, i + 1, end);
                if (npEnd == end && npEnd > i + 1)
                {
                    return new Candidate
                    {
                        Kind = QuoteKind.Indirect,
                        ContentStart = ctx.Tokens[s].Start,
                        ContentEnd = ctx.Tokens[i - 2].End,
                        CueTokens = new TokRange(i, i + 1),
                        CueLemma = "so",
                        Speaker = new TokRange(i + 1, npEnd),
                        SpeakerIsPronoun = IsPronoun(ref ctx, i + 1, npEnd),
                    };
                }
            }
            // laut X / gemäß X
            if (IsWordFolded(w, "laut") || IsWordFolded(w, "gemäß"))
            {
                int npEnd = NounPhraseEnd(ref ctx, i + 1, end);
                if (npEnd > i + 1 && HasCapital(ref ctx, i + 1, npEnd))
                {
                    return PhraseCandidate(ref ctx, s, end, i, i + 1, new TokRange(i + 1, npEnd), "laut");
                }
            }
            // X zufolge
            if (w.SequenceEqual("zufolge") && i > s)
            {
                int npStart = NounPhraseStartBefore(ref ctx, Math.Max(s, i - MaxNounPhraseTokens), i);
                if (npStart < i)
                {
                    return PhraseCandidate(ref ctx, s, end, npStart, i + 1, new TokRange(npStart, i), "zufolge", cueAt: i);
                }
            }
            // nach Angaben von X / des X; nach eigenen Angaben
            if (IsWordFolded(w, "nach") && i + 1 < end)
            {
                if (i + 2 < end && _lex.PhraseLookup.TryGetValue(Join(ref ctx, i + 1, i + 3), out var selfKind) && selfKind == PhraseKind.Self)
                {
                    // the speaker is the sentence's subject: the noun phrase that opens it
                    int npEnd = NounPhraseEnd(ref ctx, s, end);
                    if (npEnd > s && npEnd <= i)
                    {
                        var cand = new Candidate
                        {
                            Kind = QuoteKind.Indirect,
                            ContentStart = ctx.Tokens[npEnd].Start,
                            ContentEnd = ctx.Tokens[end - 1].End,
                            CueTokens = new TokRange(i, i + 3),
                            CueLemma = "nach eigenen Angaben",
                            Speaker = new TokRange(s, npEnd),
                            SpeakerIsPronoun = IsPronoun(ref ctx, s, npEnd),
                        };
                        return cand;
                    }
                }
                // "nach Angaben des Ministeriums", "Nach ersten Informationen", "nach Polizeiangaben", "Nach einer Studie der Universität"
                int n = i + 1;
                if (n < end && _lex.ClassOf(ctx.Word(n)) == WordClass.Determiner)
                {
                    n++;
                }
                while (n < end && n - i < 4 && ctx.Tokens[n].Kind == TokenKind.Word && char.IsLower(ctx.Text[ctx.Tokens[n].Start]) && LooksLikeAdjective(ctx.Word(n)))
                {
                    n++;
                }
                if (n < end && ctx.Tokens[n].Kind == TokenKind.Word && _lex.IsAttributingNoun(ctx.Word(n)))
                {
                    int j = n + 1;
                    if (j < end && IsWord(ref ctx, j, "von"))
                    {
                        j++;
                    }
                    int npEnd = j < end && (_lex.ClassOf(ctx.Word(j)) == WordClass.Determiner || char.IsUpper(ctx.Text[ctx.Tokens[j].Start])) && !IsVerbAt(ref ctx, j)
                        ? NounPhraseEnd(ref ctx, j, end) : j;
                    var speaker = npEnd > j && HasCapital(ref ctx, j, npEnd) ? new TokRange(j, npEnd) : new TokRange(i + 1, n + 1);
                    // Sentence-initial "Nach …" must be followed by the finite verb (V2), or it is a time or place ("Nach dem Spiel").
                    return PhraseCandidate(ref ctx, s, end, i, n + 1, speaker, "nach " + ctx.Word(n).ToString(), cueEnd: n + 1);
                }
            }
            // "Seiner Meinung nach …", "Nach Ansicht der Regierung" is above; here the noun and its owner come first:
            // "seiner Meinung nach", "Grupps Ansicht nach", "Dem Vernehmen nach" (nobody named)
            if (IsWordFolded(w, "nach") && i >= s + 2 && (_lex.IsAttributingNoun(ctx.Word(i - 1)) || ctx.Word(i - 1).SequenceEqual("Vernehmen")))
            {
                var owner = ctx.Word(i - 2);
                bool possessive = owner.Length > 3 && (IsWordFolded(owner, "seiner") || IsWordFolded(owner, "ihrer") || IsWordFolded(owner, "deren") || IsWordFolded(owner, "dessen"));
                bool genitiveName = owner.Length > 2 && char.IsUpper(owner[0]) && owner[^1] == 's' && !IsWordFolded(owner, "des");
                bool nobody = IsWordFolded(owner, "dem") && i - 2 == s;
                if (possessive || genitiveName || nobody)
                {
                    var speaker = nobody ? default : new TokRange(i - 2, i - 1);
                    var cand = PhraseCandidate(ref ctx, s, end, i - 2, i + 1, speaker, "nach", cueAt: i - 1, cueEnd: i + 1);
                    cand.SpeakerIsPronoun = possessive;
                    return cand;
                }
            }
            // "Nach Grupps Meinung": a name's genitive before the attributing noun
            if (IsWordFolded(w, "nach") && i + 2 < end && ctx.Word(i + 1) is { Length: > 2 } gen && char.IsUpper(gen[0]) && gen[^1] == 's'
                && _lex.IsAttributingNoun(ctx.Word(i + 2)))
            {
                return PhraseCandidate(ref ctx, s, end, i, i + 3, new TokRange(i + 1, i + 2), "nach " + ctx.Word(i + 2).ToString(), cueEnd: i + 3);
            }
            // …, wie X mitteilte.
            if (IsWordFolded(w, "wie") && (i == s || IsChar(ref ctx, i - 1, ',')))
            {
                int clauseEnd = ClauseEnd(ref ctx, i + 1);
                int np = i + 1;
                while (np < clauseEnd && np <= i + 3 && _lex.ClassOf(ctx.Word(np)) == WordClass.Adverb)
                {
                    np++; // "Wie schon die WHO sagte"
                }
                int npEnd = NounPhraseEnd(ref ctx, np, clauseEnd);
                if (npEnd > np)
                {
                    for (int v = npEnd; v < clauseEnd; v++)
                    {
                        if (_lex.Verbs.TryGetValue(ctx.Word(v), out var analyses) && analyses.Any(a => a.Kind is VerbFormKind.Finite or VerbFormKind.Participle))
                        {
                            var a = analyses.First(a => a.Kind is VerbFormKind.Finite or VerbFormKind.Participle);
                            var cand = new Candidate
                            {
                                Kind = QuoteKind.Indirect,
                                CueTokens = new TokRange(v, v + 1),
                                CueLemma = a.Lemma,
                                Speaker = new TokRange(np, npEnd),
                                SpeakerIsPronoun = IsPronoun(ref ctx, np, npEnd),
                            };
                            if (i == s)
                            {
                                // "Wie das Ministerium mitteilte, kamen …": the content follows the clause
                                int after = clauseEnd < end && IsChar(ref ctx, clauseEnd, ',') ? clauseEnd + 1 : clauseEnd;
                                if (after >= end)
                                {
                                    return null;
                                }
                                cand.ContentStart = ctx.Tokens[after].Start;
                                cand.ContentEnd = ctx.Tokens[end - 1].End;
                            }
                            else
                            {
                                cand.ContentStart = ctx.Tokens[s].Start;
                                cand.ContentEnd = ctx.Tokens[i - 2].End;
                            }
                            return cand;
                        }
                    }
                }
            }
        }
        return null;
    }

    /// <summary>A quotation attributed by a phrase: the content is the sentence without the phrase (when it opens or closes the sentence).</summary>
    /// <summary>The token "demnach" standing as an adverb of the sentence (first, or after the finite verb), or -1.</summary>
    private static int Demnach(ref Ctx ctx, int s, int end)
    {
        for (int i = s; i < end && i <= s + 6; i++)
        {
            if (IsWordFolded(ctx.Word(i), "demnach") && (i == s || !IsChar(ref ctx, i - 1, ',')))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// "In einer Erklärung des Ministeriums hieß es, …", "Aus dem Kanzleramt hieß es, …", "…, hieß es aus
    /// Regierungskreisen": what was said is the clause on the other side of the comma; the source is the phrase
    /// after "aus", "in", "von" or "bei" (the owner of a statement: "des Ministeriums"), and unknown when none is
    /// named ("Es hieß, …"): never the person in focus.
    /// </summary>
    private Candidate? HeardFrom(ref Ctx ctx, int s, int end, int v)
    {
        int contentStart;
        int contentEnd;
        TokRange speaker;
        bool esFirst = v == s + 1 && IsWordFolded(ctx.Word(s), "es"); // "Es hieß, …"
        int cueEnd = esFirst ? v + 1 : v + 2;
        if (cueEnd < end && IsChar(ref ctx, cueEnd, ','))
        {
            contentStart = cueEnd + 1;
            contentEnd = end;
            speaker = esFirst ? default : SourcePhrase(ref ctx, s, v);
        }
        else if (!esFirst && v > s + 1 && IsChar(ref ctx, v - 1, ','))
        {
            contentStart = s;
            contentEnd = v - 1;
            speaker = SourcePhrase(ref ctx, v + 2, end);
        }
        else
        {
            return null;
        }
        while (contentEnd > contentStart && ctx.Tokens[contentEnd - 1].Kind == TokenKind.Punctuation)
        {
            contentEnd--;
        }
        if (contentEnd - contentStart < 3)
        {
            return null;
        }
        return new Candidate
        {
            Kind = QuoteKind.Indirect,
            ContentStart = ctx.Tokens[contentStart].Start,
            ContentEnd = ctx.Tokens[contentEnd - 1].End,
            CueTokens = esFirst ? new TokRange(s, v + 1) : new TokRange(v, v + 2),
            CueLemma = "heißen",
            Speaker = speaker,
            SpeakerIsPronoun = false,
        };
    }

    /// <summary>The source named by a phrase "aus/in/von/bei X" within [from, to): X, or the genitive owner inside it
    /// ("einer Erklärung des Ministeriums" → "des Ministeriums"); empty when there is none.</summary>
    private TokRange SourcePhrase(ref Ctx ctx, int from, int to)
    {
        for (int p = from; p < to; p++)
        {
            var w = ctx.Word(p);
            if (!(IsWordFolded(w, "aus") || IsWordFolded(w, "in") || IsWordFolded(w, "im") || IsWordFolded(w, "von") || IsWordFolded(w, "vom") || IsWordFolded(w, "bei") || IsWordFolded(w, "beim")))
            {
                continue;
            }
            int npEnd = NounPhraseEnd(ref ctx, p + 1, to);
            if (npEnd <= p + 1 || !HasCapital(ref ctx, p + 1, npEnd))
            {
                return default;
            }
            for (int g = p + 2; g < npEnd; g++)
            {
                if (ctx.Word(g) is "des" or "der")
                {
                    return new TokRange(g, npEnd);
                }
            }
            return new TokRange(p + 1, npEnd);
        }
        return default;
    }

    private static Candidate PhraseCandidate(ref Ctx ctx, int s, int end, int phraseStart, int phraseEnd, TokRange speaker, string lemma, int cueAt = -1, int cueEnd = -1)
    {
        int cue = cueAt >= 0 ? cueAt : phraseStart;
        var cand = new Candidate
        {
            Kind = QuoteKind.Indirect,
            CueTokens = new TokRange(cue, cueEnd > 0 ? cueEnd : cue + 1),
            CueLemma = lemma,
            Speaker = speaker,
        };
        int phraseLast = Math.Max(phraseEnd, speaker.End);
        int contentStart = s;
        int contentEnd = end;
        if (phraseStart == s || Math.Min(phraseStart, speaker.Start) == s)
        {
            contentStart = phraseLast;
            if (contentStart < end && IsChar(ref ctx, contentStart, ','))
            {
                contentStart++;
            }
        }
        else if (phraseLast >= end - 1)
        {
            contentEnd = Math.Min(phraseStart, speaker.Start);
            if (contentEnd > s && IsChar(ref ctx, contentEnd - 1, ','))
            {
                contentEnd--;
            }
        }
        if (contentEnd <= contentStart)
        {
            contentStart = s;
            contentEnd = end;
        }
        cand.ContentStart = ctx.Tokens[contentStart].Start;
        cand.ContentEnd = ctx.Tokens[contentEnd - 1].End;
        return cand;
    }

    private static Candidate Finish(ref Ctx ctx, Candidate cand, List<(int Open, int Close)> fragments)
    {
        foreach (var (open, close) in fragments)
        {
            if (ctx.Tokens[open].Start >= cand.ContentStart && ctx.Tokens[close].End <= cand.ContentEnd + 1)
            {
                cand.Kind = QuoteKind.Mixed;
                if (ctx.Tokens[close].End > cand.ContentEnd)
                {
                    cand.ContentEnd = ctx.Tokens[close].End;
                }
            }
        }
        return cand;
    }

    // ------------------------------------------------------------------ verbs and noun phrases

    /// <summary>A speech verb at <paramref name="v"/>; a separated form needs its particle before <paramref name="clauseEnd"/>.</summary>
    private bool TryVerb(ref Ctx ctx, int v, int clauseEnd, out VerbAnalysis analysis, out int particleAt)
    {
        analysis = null!;
        particleAt = -1;
        if (ctx.Tokens[v].Kind != TokenKind.Word || !_lex.Verbs.TryGetValue(ctx.Word(v), out var analyses))
        {
            return false;
        }
        VerbAnalysis? plain = null;
        foreach (var a in analyses)
        {
            if (a.Kind == VerbFormKind.Separated)
            {
                for (int k = v + 1; k < clauseEnd; k++)
                {
                    if (ctx.Word(k).SequenceEqual(a.Particle))
                    {
                        analysis = a;
                        particleAt = k;
                        return true;
                    }
                }
                continue;
            }
            if (a.Kind != VerbFormKind.Infinitive)
            {
                plain ??= a;
            }
        }
        if (plain is null)
        {
            return false;
        }
        if (plain.Kind == VerbFormKind.Finite && ModalBefore(ref ctx, v))
        {
            return false; // "Deutschland will zusagen, … zu stellen": a speech act wanted, not one reported
        }
        analysis = plain;
        return true;
    }

    /// <summary>A modal verb earlier in the same clause ("will … zusagen", "soll … erklären"): the form at
    /// <paramref name="v"/> is its infinitive, not a finite verb.</summary>
    private static bool ModalBefore(ref Ctx ctx, int v)
    {
        var form = ctx.Word(v);
        if (form.Length < 4 || !form.EndsWith("en", StringComparison.Ordinal) || !char.IsLower(form[0]))
        {
            return false;
        }
        for (int k = v - 1; k >= 0 && k >= v - 10; k--)
        {
            if (ctx.Tokens[k].Kind == TokenKind.Punctuation || IsChar(ref ctx, k, ','))
            {
                return false;
            }
            if (ctx.Word(k) is "will" or "wollen" or "wollte" or "wollten" or "soll" or "sollen" or "sollte" or "sollten" or "muss" or "müssen" or "musste"
                or "mussten" or "kann" or "können" or "konnte" or "konnten" or "könnte" or "könnten" or "möchte" or "möchten" or "darf" or "dürfen")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The subject (and for say-acc verbs the addressee) around a cue verb in V2 order.</summary>
    private void SetSubject(ref Ctx ctx, Candidate cand, int clauseStart, int v, int clauseEnd, int particleAt, VerbAnalysis analysis, int sentStart = -1)
    {
        SetSubjectInClause(ref ctx, cand, clauseStart, v, clauseEnd, particleAt, analysis);
        if (!cand.Speaker.IsEmpty || sentStart < 0 || sentStart >= v)
        {
            return;
        }
        // The subject opens the sentence and the cue comes later: "Deiss, der sich … entschlossen hatte, sagte, …",
        // "Podolski war anwesend und sagte, …".
        int npEnd = NounPhraseEnd(ref ctx, sentStart, v);
        if (npEnd <= sentStart || npEnd >= v || !HasCapital(ref ctx, sentStart, npEnd))
        {
            return;
        }
        bool apposition = IsChar(ref ctx, npEnd, ',') && IsChar(ref ctx, v - 1, ',');
        bool coordinated = v - 1 > npEnd && IsWord(ref ctx, v - 1, "und") && IsVerbLike(ref ctx, npEnd);
        if (apposition || coordinated)
        {
            cand.Speaker = new TokRange(sentStart, npEnd);
            cand.SpeakerIsPronoun = IsPronoun(ref ctx, sentStart, npEnd);
        }
    }

    /// <summary>A phrase that opens with a dative article or pronoun ("dem", "der", "ihm", "ihnen" …) or a name.</summary>
    private static bool IsDativeStart(ref Ctx ctx, int i) =>
        ctx.Word(i) is "dem" or "der" or "einem" or "einer" or "ihm" or "ihr" or "ihnen" or "Ihnen" or "den" || char.IsUpper(ctx.Text[ctx.Tokens[i].Start]);

    /// <summary>"Die Forderung der Opposition lautet: …", "Die Antwort des Ministers war klar: …": a statement noun's owner
    /// (the genitive after it) is the speaker, not the statement.</summary>
    private TokRange OwnerOfStatement(ref Ctx ctx, TokRange speaker)
    {
        if (speaker.IsEmpty)
        {
            return speaker;
        }
        int noun = speaker.Start;
        if (_lex.ClassOf(ctx.Word(noun)) == WordClass.Determiner)
        {
            noun++;
        }
        int genitive = noun + 1;
        if (genitive + 1 < speaker.End && _lex.IsStatementNoun(ctx.Word(noun)) && ctx.Word(genitive) is "des" or "der" or "eines" or "einer")
        {
            return new TokRange(genitive, speaker.End);
        }
        return speaker;
    }

    /// <summary>A verb in [<paramref name="from"/>, <paramref name="to"/>): what follows a demand is a clause ("…, die Truppen
    /// abzuziehen"), not a phrase that goes on with the object ("fordert 8 Prozent, mindestens aber 350 Euro"). Without a
    /// tagger, anything may be.</summary>
    private static bool HasVerb(ref Ctx ctx, int from, int to)
    {
        if (ctx.Tree is not { } tree)
        {
            return true;
        }
        for (int t = from; t < to; t++)
        {
            int w = tree.WordOfToken(t);
            if (w >= 0 && tree.Upos(w) is "VERB" or "AUX")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The tagger read every case-marked word of the phrase as accusative (or dative).</summary>
    private static bool IsAccusative(ref Ctx ctx, int start, int end)
    {
        if (ctx.ObjectCase.Length == 0)
        {
            return false;
        }
        bool any = false;
        for (int k = start; k < end && k < ctx.ObjectCase.Length; k++)
        {
            if (ctx.ObjectCase[k] == 2)
            {
                return false; // a nominative word: may well be the subject
            }
            any |= ctx.ObjectCase[k] == 1;
        }
        return any;
    }

    /// <summary>The tagger read the token as a verb (finite or not).</summary>
    private static bool IsVerbLike(ref Ctx ctx, int i) => i < ctx.NotNominal.Length && ctx.NotNominal[i] && ctx.Tokens[i].Kind == TokenKind.Word && char.IsLower(ctx.Text[ctx.Tokens[i].Start]);

    private void SetSubjectInClause(ref Ctx ctx, Candidate cand, int clauseStart, int v, int clauseEnd, int particleAt, VerbAnalysis analysis)
    {
        int limit = particleAt > 0 ? particleAt : clauseEnd;
        int postEnd = NounPhraseEnd(ref ctx, v + 1, limit);
        bool postPronoun = postEnd > v + 1 && IsPronoun(ref ctx, v + 1, postEnd);
        int preEnd = clauseStart < v ? NounPhraseEnd(ref ctx, clauseStart, v) : clauseStart;
        bool preIsPhrase = preEnd == v && preEnd > clauseStart;
        if (!preIsPhrase && preEnd > clauseStart && preEnd < v && _lex.ClassOf(ctx.Word(preEnd)) == WordClass.Preposition
            && NounPhraseEnd(ref ctx, preEnd + 1, v) == v && HasCapital(ref ctx, clauseStart, preEnd))
        {
            // "Die Botschaft in Lima teilte mit": the phrase before the verb ends in a place
            preIsPhrase = true;
        }
        int objectEnd = postEnd; // the phrase right after the verb, before it is ruled out as the subject
        if (postEnd > v + 1 && (ctx.Word(v + 1) is "dem" or "einem" or "ihm" or "Dem" or "Einem" || IsAccusative(ref ctx, v + 1, postEnd)))
        {
            postEnd = v + 1; // a dative or accusative is no subject: "teilte dem Fernsehsender CNN mit", "begründete die Einblendungen damit"
        }

        if (analysis.Kind == VerbFormKind.Participle && clauseStart < v)
        {
            // "Er hatte gesagt, …": the subject opens the clause, before the auxiliary.
            int npEnd = NounPhraseEnd(ref ctx, clauseStart, v);
            if (npEnd > clauseStart)
            {
                cand.Speaker = new TokRange(clauseStart, npEnd);
                cand.SpeakerIsPronoun = IsPronoun(ref ctx, clauseStart, npEnd);
                return;
            }
        }
        if (postPronoun)
        {
            cand.Speaker = new TokRange(v + 1, postEnd);
            cand.SpeakerIsPronoun = true;
            if (preIsPhrase && analysis.Frame == SpeechFrame.SayAccusative)
            {
                cand.Addressee = new TokRange(clauseStart, preEnd);
            }
            else if (analysis.Frame == SpeechFrame.SayDative)
            {
                // "teilte er dem Parlament mit": the dative after the pronoun subject
                int datEnd = NounPhraseEnd(ref ctx, postEnd, limit);
                if (datEnd > postEnd && IsDativeStart(ref ctx, postEnd))
                {
                    cand.Addressee = new TokRange(postEnd, datEnd);
                }
            }
            return;
        }
        if (preIsPhrase)
        {
            cand.Speaker = new TokRange(clauseStart, preEnd);
            cand.SpeakerIsPronoun = IsPronoun(ref ctx, clauseStart, preEnd);
            if (analysis.Frame == SpeechFrame.SayAccusative && postEnd > v + 1)
            {
                cand.Addressee = new TokRange(v + 1, postEnd);
            }
            else if (analysis.Frame == SpeechFrame.SayDative && objectEnd > v + 1)
            {
                // "Der Minister teilte dem Parlament mit", "Stoltenberg versicherte Selenskyj": the subject stands before
                // the verb, so the phrase after it is the dative
                cand.Addressee = new TokRange(v + 1, objectEnd);
            }
            return;
        }
        if (postEnd > v + 1)
        {
            cand.Speaker = new TokRange(v + 1, postEnd);
            cand.SpeakerIsPronoun = false;
            return;
        }
        if (clauseStart == v && v > 0 && IsChar(ref ctx, v - 1, ','))
        {
            // "…, Sandra Boser (Grüne), erklärte:" — the subject and its apposition stand before the comma
            int start = NounPhraseStartBefore(ref ctx, Math.Max(0, v - 1 - 2 * MaxNounPhraseTokens), v - 1);
            if (start < v - 1)
            {
                cand.Speaker = new TokRange(start, v - 1);
                cand.SpeakerIsPronoun = IsPronoun(ref ctx, start, v - 1);
            }
        }
    }

    /// <summary>"…», sagte Generalsekretärin Anna Berg in Kiel": the subject follows the verb (adverbs may come between).</summary>
    private void SetSpeakerAfterVerb(ref Ctx ctx, Candidate cand, int v, int clauseEnd, int particleAt)
    {
        _ = clauseEnd;
        int limit = particleAt > 0 ? particleAt : PhraseLimit(ref ctx, v + 1);
        int j = v + 1;
        int skipped = 0;
        while (j < limit && skipped < 3 && _lex.ClassOf(ctx.Word(j)) is WordClass.Adverb)
        {
            j++;
            skipped++;
        }
        int npEnd = NounPhraseEnd(ref ctx, j, limit);
        if (npEnd > j)
        {
            cand.Speaker = new TokRange(j, npEnd);
            cand.SpeakerIsPronoun = IsPronoun(ref ctx, j, npEnd);
        }
    }

    /// <summary>
    /// The end of a noun phrase that starts at <paramref name="start"/> (or <paramref name="start"/> when none does):
    /// a nominative pronoun; or determiner, adjectives, capitalised words (names, nouns, titles), and one genitive attachment.
    /// </summary>
    private int NounPhraseEnd(ref Ctx ctx, int start, int limit)
    {
        if (start >= limit)
        {
            return start;
        }
        var first = ctx.Tokens[start];
        if (first.Kind == TokenKind.Word && _lex.ClassOf(ctx.Word(start)) == WordClass.NominativePronoun)
        {
            return start + 1;
        }
        int i = start;
        bool sawNoun = false;
        bool genitive = false;
        bool expectNoun = false;
        if (first.Kind == TokenKind.Word && start + 1 < limit && IsPartitive(ctx.Word(start)) && ctx.Word(start + 1) is "der" or "des")
        {
            // "Einer der beteiligten Feuerwehrmänner", "Keiner der Minister": a pronoun with a genitive
            i++;
            sawNoun = true;
        }
        else if (first.Kind == TokenKind.Word && _lex.ClassOf(ctx.Word(start)) == WordClass.Determiner)
        {
            i++;
            expectNoun = true;
        }
        while (i < limit && i - start < MaxNounPhraseTokens)
        {
            var t = ctx.Tokens[i];
            if (t.Kind is TokenKind.Ordinal or TokenKind.Number && (!sawNoun || expectNoun))
            {
                i++;
                continue;
            }
            if (sawNoun && t.Kind == TokenKind.Punctuation && ctx.Text[t.Start] == '(')
            {
                // a party or place in brackets after a name: "Gitta Trauernicht (SPD)"
                int close = i + 1;
                while (close < limit && close - i <= 4 && !IsChar(ref ctx, close, ')'))
                {
                    close++;
                }
                if (close < limit && close - i <= 4 && IsChar(ref ctx, close, ')'))
                {
                    i = close + 1;
                    continue;
                }
                break;
            }
            if (t.Kind is not (TokenKind.Word or TokenKind.Abbreviation))
            {
                break;
            }
            var w = ctx.Word(i);
            var cls = _lex.ClassOf(w);
            if (cls == WordClass.Determiner)
            {
                if (sawNoun && !genitive && (w.SequenceEqual("des") || w.SequenceEqual("der")) && i + 1 < limit)
                {
                    genitive = true;
                    expectNoun = true;
                    i++;
                    continue;
                }
                break;
            }
            bool upper = char.IsUpper(w[0]) || IsCapitalizedCompound(w);
            if (w.SequenceEqual("und") && sawNoun && !expectNoun && i + 1 < limit && IsName(ref ctx, i + 1) && !IsVerbAt(ref ctx, i + 1))
            {
                i++; // "Peter Danckert und Max Straubinger"
                continue;
            }
            if (cls is WordClass.Preposition or WordClass.Conjunction or WordClass.Adverb or WordClass.Negation or WordClass.NominativePronoun)
            {
                break;
            }
            if (upper)
            {
                if ((_lex.Verbs.TryGetValue(w, out _) && i > start) || (i > start && i < ctx.NotNominal.Length && ctx.NotNominal[i]))
                {
                    break; // a verb inside the phrase; a capitalised first word is trusted (the tagger guesses ADV for unknown names there)
                }
                sawNoun = true;
                expectNoun = false;
                i++;
                continue;
            }
            if ((!sawNoun || expectNoun) && LooksLikeAdjective(w))
            {
                i++;
                continue;
            }
            break;
        }
        if (expectNoun && sawNoun)
        {
            // a genitive article with no noun after it does not belong to the phrase
            while (i > start && _lex.ClassOf(ctx.Word(i - 1)) == WordClass.Determiner)
            {
                i--;
            }
        }
        if (sawNoun && i + 2 < limit && IsChar(ref ctx, i, ',') && IsName(ref ctx, i + 1))
        {
            // an apposition with a name: "die Sprecherin der Fraktion, Sandra Boser (Grüne)"
            int j = i + 1;
            while (j < limit && j - i <= 3 && IsName(ref ctx, j))
            {
                j++;
            }
            if (j < limit && IsChar(ref ctx, j, '('))
            {
                int close = j + 1;
                while (close < limit && close - j <= 4 && !IsChar(ref ctx, close, ')'))
                {
                    close++;
                }
                j = close < limit && IsChar(ref ctx, close, ')') ? close + 1 : j;
            }
            if (j >= limit || ctx.Tokens[j].Kind == TokenKind.Punctuation)
            {
                i = j;
            }
        }
        return sawNoun ? i : start;
    }

    private bool IsName(ref Ctx ctx, int i)
        => ctx.Tokens[i].Kind == TokenKind.Word && char.IsUpper(ctx.Text[ctx.Tokens[i].Start]) && _lex.ClassOf(ctx.Word(i)) == WordClass.None;

    /// <summary>The start of a noun phrase that ends right before <paramref name="end"/> (for "X zufolge").</summary>
    private int NounPhraseStartBefore(ref Ctx ctx, int min, int end)
    {
        for (int start = min; start < end; start++)
        {
            if (NounPhraseEnd(ref ctx, start, end) == end)
            {
                return start;
            }
        }
        return end;
    }

    private static bool IsPartitive(ReadOnlySpan<char> w) => w is "Einer" or "Eine" or "Keiner" or "Keine" or "Jeder" or "Jede" or "einer" or "eine" or "keiner" or "jeder";

    /// <summary>"74-Jährige", "US-Regierung": a compound whose last part is capitalised is a noun.</summary>
    private static bool IsCapitalizedCompound(ReadOnlySpan<char> w)
    {
        int dash = w.LastIndexOf('-');
        return dash >= 0 && dash + 1 < w.Length && char.IsUpper(w[dash + 1]);
    }

    private static bool LooksLikeAdjective(ReadOnlySpan<char> w)
        => w.Length > 3 && (w.EndsWith("e") || w.EndsWith("en") || w.EndsWith("er") || w.EndsWith("es") || w.EndsWith("em"));

    private bool IsPronoun(ref Ctx ctx, int start, int end)
        => end == start + 1 && _lex.ClassOf(ctx.Word(start)) == WordClass.NominativePronoun;

    private bool IsVerbAt(ref Ctx ctx, int i) => _lex.Verbs.TryGetValue(ctx.Word(i), out _);

    private static bool HasCapital(ref Ctx ctx, int start, int end)
    {
        for (int k = start; k < end; k++)
        {
            if (ctx.Tokens[k].Kind == TokenKind.Word && char.IsUpper(ctx.Text[ctx.Tokens[k].Start]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Konjunktiv I from the tagger: finite verbs with Mood=Sub in the present (Konjunktiv II, "könnte", "würde", is as often hypothetical as reported).</summary>
    private static bool[] SubjunctiveTokens(Document doc)
    {
        var words = doc.GetOrEmpty(Layers.Words);
        if (words.IsEmpty)
        {
            return [];
        }
        var result = new bool[doc.Tokens.Length];
        foreach (var w in words)
        {
            if (w.Upos is "VERB" or "AUX" && w.Feats.Contains("Mood=Sub", StringComparison.Ordinal) && !w.Feats.Contains("Tense=Past", StringComparison.Ordinal))
            {
                result[w.Token] = true;
            }
        }
        return result;
    }

    private static byte[] CaseTokens(Document doc)
    {
        var words = doc.GetOrEmpty(Layers.Words);
        if (words.IsEmpty)
        {
            return [];
        }
        var result = new byte[doc.Tokens.Length];
        foreach (var w in words)
        {
            if (w.Feats.Contains("Case=Nom", StringComparison.Ordinal))
            {
                result[w.Token] = 2;
            }
            else if (result[w.Token] == 0 && (w.Feats.Contains("Case=Acc", StringComparison.Ordinal) || w.Feats.Contains("Case=Dat", StringComparison.Ordinal)))
            {
                result[w.Token] = 1;
            }
        }
        return result;
    }

    private static bool[] NameTokens(Document doc)
    {
        var entities = doc.GetOrEmpty(Layers.Entities);
        if (entities.IsEmpty)
        {
            return [];
        }
        var tokens = doc.Tokens;
        var result = new bool[tokens.Length];
        foreach (var e in entities)
        {
            if (e.Type == EntityType.Person)
            {
                continue; // a person's name in quotation marks is rare; a quoted word that happens to be a surname is not
            }
            foreach (var m in e.Mentions)
            {
                if (m.Kind != MentionKind.Name)
                {
                    continue;
                }
                // first token at or after the mention's start, by binary search: no pass over the whole text per mention
                int lo = 0;
                int hi = tokens.Length;
                while (lo < hi)
                {
                    int mid = (lo + hi) >>> 1;
                    if (tokens[mid].Start < m.Range.Start)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                for (int t = lo; t < tokens.Length && tokens[t].End <= m.Range.End; t++)
                {
                    result[t] = true;
                }
            }
        }
        return result;
    }

    private static bool[] NotNominalTokens(Document doc)
    {
        var words = doc.GetOrEmpty(Layers.Words);
        if (words.IsEmpty)
        {
            return [];
        }
        var result = new bool[doc.Tokens.Length];
        int last = -1;
        foreach (var w in words)
        {
            if (w.Token == last)
            {
                continue; // the first word of a contraction speaks for the token
            }
            last = w.Token;
            result[w.Token] = w.Upos is not ("NOUN" or "PROPN" or "PRON" or "ADJ" or "X" or "NUM" or "DET");
        }
        return result;
    }

    private bool HasSubjunctive(ref Ctx ctx, int start, int end)
    {
        for (int k = start; k < end; k++)
        {
            if ((k < ctx.Subjunctive.Length && ctx.Subjunctive[k]) || (ctx.Tokens[k].Kind == TokenKind.Word && _lex.Subjunctive.Contains(ctx.Word(k))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The end (exclusive token) of the clause the cue verb governs as its complement (ccomp, or the
    /// parataxis of reported speech), when it starts right after the comma; 0 when the parse has none.
    /// </summary>
    private static int ComplementEnd(ref Ctx ctx, int v, int cs, int end)
    {
        var tree = ctx.Tree;
        if (tree is null)
        {
            return 0;
        }
        int w = tree.WordOfToken(v);
        if (w < 0)
        {
            return 0;
        }
        foreach (int c in tree.Children(w))
        {
            string rel = tree.Rel(c);
            if (rel is not ("ccomp" or "parataxis"))
            {
                continue;
            }
            var (first, last) = tree.SubtreeTokens(c);
            if ((first == cs || first == cs - 1) && last < end && last > cs + 1)
            {
                int stop = last + 1;
                while (stop > cs && ctx.Tokens[stop - 1].Kind == TokenKind.Punctuation && ctx.Text[ctx.Tokens[stop - 1].Start] is ',' or '.' or ';')
                {
                    stop--;
                }
                return stop;
            }
        }
        return 0;
    }

    /// <summary>A clause that can be what was said: not a relative or adverbial clause.</summary>
    private bool OpensMainClause(ref Ctx ctx, int cs, int end)
    {
        if (end - cs < 3 || ctx.Tokens[cs].Kind != TokenKind.Word)
        {
            return false;
        }
        var w = ctx.Word(cs);
        if (w is "der" or "die" or "das" or "dem" or "den" or "deren" or "dessen" or "welche" or "welcher" or "welches" or "was" or "wo"
            or "wie" or "als" or "um" or "wenn" or "weil" or "da" or "ob" or "nachdem" or "bevor" or "obwohl" or "sodass" or "damit" or "und" or "aber" or "sondern" or "oder")
        {
            // "die Ukraine sei …" is a main clause, "die er gestern nannte" a relative one: let the mood decide
            return (w is "der" or "die" or "das") && HasSubjunctive(ref ctx, cs, end);
        }
        return _lex.ClassOf(w) != WordClass.Preposition;
    }

    private static bool HasAuxiliaryBefore(ref Ctx ctx, int s, int v)
    {
        for (int k = s; k < v; k++)
        {
            var w = ctx.Word(k);
            if (w is "hat" or "hatte" or "hatten" or "haben" or "habe" or "hätte" or "ist" or "war" or "wurde" or "wird" or "worden" or "sei")
            {
                return true;
            }
        }
        return false;
    }

    private static bool StartsWithQuestionOrCondition(ref Ctx ctx, int s)
    {
        var w = ctx.Word(s);
        return w is "Wenn" or "Falls" or "Ob" or "Sollte" or "Es";
    }

    /// <summary>The first token after the clause that contains <paramref name="i"/>: a comma, colon, semicolon, quotation mark or dash.</summary>
    private static int ClauseEnd(ref Ctx ctx, int i)
    {
        int k = i;
        while (k < ctx.Tokens.Length)
        {
            var t = ctx.Tokens[k];
            if (t.IsQuote || (t.Kind == TokenKind.Punctuation && ctx.Text[t.Start] is ',' or ':' or ';' or '.' or '!' or '?' or '–' or '—'))
            {
                return k;
            }
            k++;
        }
        return k;
    }

    /// <summary>Where a speaker phrase after a verb must stop: the sentence end, a colon or a quotation mark (commas may belong to an apposition).</summary>
    private static int PhraseLimit(ref Ctx ctx, int i)
    {
        int k = i;
        while (k < ctx.Tokens.Length)
        {
            var t = ctx.Tokens[k];
            if (t.IsQuote || (t.Kind == TokenKind.Punctuation && ctx.Text[t.Start] is ':' or ';' or '.' or '!' or '?'))
            {
                return k;
            }
            k++;
        }
        return k;
    }

    private static int ClauseStart(ref Ctx ctx, int sentStart, int i)
    {
        int k = i;
        while (k > sentStart)
        {
            var t = ctx.Tokens[k - 1];
            if (t.IsQuote || (t.Kind == TokenKind.Punctuation && ctx.Text[t.Start] is ',' or ':' or ';'))
            {
                return k;
            }
            k--;
        }
        return sentStart;
    }

    /// <summary>The sentence without its final punctuation and closing marks.</summary>
    private static int ContentEndToken(ref Ctx ctx, int s, int e)
    {
        int k = e;
        while (k > s && (ctx.Tokens[k - 1].Kind == TokenKind.ClosingQuote
            || (ctx.Tokens[k - 1].Kind == TokenKind.Punctuation && ctx.Text[ctx.Tokens[k - 1].Start] is '.' or '!' or '?' or '…')))
        {
            k--;
        }
        return k;
    }

    private static bool IsChar(ref Ctx ctx, int i, char c)
        => i >= 0 && i < ctx.Tokens.Length && ctx.Tokens[i].Length == 1 && ctx.Text[ctx.Tokens[i].Start] == c;

    private static bool IsWord(ref Ctx ctx, int i, string word) => ctx.Word(i).SequenceEqual(word);

    private static bool IsWordFolded(ReadOnlySpan<char> w, string lower)
        => w.Length == lower.Length && w.Length > 0 && char.ToLowerInvariant(w[0]) == lower[0] && w[1..].SequenceEqual(lower.AsSpan(1));

    private static string Join(ref Ctx ctx, int start, int end)
        => ctx.Text[ctx.Tokens[start].Start..ctx.Tokens[end - 1].End];

    // ------------------------------------------------------------------ resolution

    private static ImmutableArray<Quote> Resolve(Document doc, ref Ctx ctx, List<Candidate> candidates)
    {
        var entities = doc.GetOrEmpty(Layers.Entities);
        var speakers = new ArgumentRef?[candidates.Count];
        var builder = ImmutableArray.CreateBuilder<Quote>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            ArgumentRef? speaker = null;
            if (!c.Speaker.IsEmpty)
            {
                var range = new TextRange(ctx.Tokens[c.Speaker.Start].Start, ctx.Tokens[c.Speaker.End - 1].End);
                int? entity = EntityAt(entities, range);
                speaker = new ArgumentRef(entity, range);
                if (entity is null && c.SpeakerIsPronoun)
                {
                    // A pronoun with no entity from the linker points at the speaker in focus: the pronoun stays
                    // the evidence when that speaker is an entity, else the speaker's own words stand in.
                    var antecedent = (c.InheritFrom >= 0 ? speakers[c.InheritFrom] : FocusBefore(candidates, speakers, i))
                        ?? PersonJustBefore(doc, entities, range.Start); // "Seiner Meinung nach": the person just named
                    speaker = antecedent is { Entity: not null } ? new ArgumentRef(antecedent.Entity, range) : antecedent ?? speaker;
                }
            }
            else if (c.InheritFrom >= 0)
            {
                speaker = speakers[c.InheritFrom];
            }
            else if ((c.Kind == QuoteKind.Direct && c.CueTokens.IsEmpty) || c.RequiresPerson)
            {
                // A quotation that stands alone after a sentence about someone: "Müller ist zufrieden. «Das war gut.»"
                speaker = PersonJustBefore(doc, entities, c.ContentStart);
            }
            speakers[i] = speaker;
            if (c.RequiresPerson && speaker is null)
            {
                continue;
            }

            Cue? cue = c.CueTokens.IsEmpty ? null : new Cue(new TextRange(ctx.Tokens[c.CueTokens.Start].Start, ctx.Tokens[c.CueTokens.End - 1].End), c.CueLemma);
            ArgumentRef? addressee = null;
            if (!c.Addressee.IsEmpty)
            {
                var range = new TextRange(ctx.Tokens[c.Addressee.Start].Start, ctx.Tokens[c.Addressee.End - 1].End);
                addressee = new ArgumentRef(EntityAt(entities, range), range);
            }
            builder.Add(new Quote(c.Kind, new TextRange(c.ContentStart, c.ContentEnd), speaker, cue, addressee));
        }
        return builder.ToImmutable();
    }

    /// <summary>The last person named in the sentence before <paramref name="position"/> (or in its own sentence before it).</summary>
    private static ArgumentRef? PersonJustBefore(Document doc, ImmutableArray<Entity> entities, int position)
    {
        var sentences = doc.Sentences;
        int si = 0;
        while (si < sentences.Length && sentences[si].End <= position)
        {
            si++;
        }
        int from = si > 0 ? sentences[si - 1].Start : 0;
        if (si > 0 && si < sentences.Length && sentences[si - 1].Paragraph != sentences[si].Paragraph)
        {
            return null;
        }
        return MentionSearch.LastBefore(entities, from, position,
            (e, m) => e.Type == EntityType.Person && m.Kind is MentionKind.Name or MentionKind.Pronoun or MentionKind.Alias);
    }

    private static ArgumentRef? FocusBefore(List<Candidate> candidates, ArgumentRef?[] speakers, int i)
    {
        for (int k = i - 1; k >= 0; k--)
        {
            if (speakers[k] is { } sp && candidates[i].Paragraph - candidates[k].Paragraph <= 2)
            {
                return sp;
            }
        }
        return null;
    }

    /// <summary>The entity with a mention inside the speaker's range (the last such mention: the head of the phrase).</summary>
    private static int? EntityAt(ImmutableArray<Entity> entities, TextRange range) =>
        EntityNamedIn(entities, range) ?? EntityPartIn(entities, range);

    /// <summary>Without a name, the entity a compound names ("nach UNHCR-Angaben" → UNHCR).</summary>
    private static int? EntityPartIn(ImmutableArray<Entity> entities, TextRange range)
    {
        foreach (var (e, _) in MentionTable.For(entities).Inside(range, (_, m) => m.Kind == MentionKind.Part))
        {
            return e.Id;
        }
        return null;
    }

    private static int? EntityNamedIn(ImmutableArray<Entity> entities, TextRange range)
    {
        int? best = null;
        int bestEnd = -1;
        int bestId = int.MaxValue;
        foreach (var (e, m) in MentionTable.For(entities).Inside(range, (_, m) => m.Kind is not (MentionKind.Deriv or MentionKind.Part)))
        {
            // the mention that ends last; of two that end together, the first in entity order
            if (m.Range.End > bestEnd || (m.Range.End == bestEnd && e.Id < bestId))
            {
                best = e.Id;
                bestEnd = m.Range.End;
                bestId = e.Id;
            }
        }
        return best;
    }
}
