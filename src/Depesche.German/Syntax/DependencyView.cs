using System.Collections.Immutable;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Syntax;

/// <summary>
/// Navigation over a document's words and dependency tree: children, the word at a token, phrase
/// spans. Built once per document (<see cref="Of"/>) and shared by the components that read syntax
/// (quotations, events, relations).
/// </summary>
public sealed class DependencyView
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Document, DependencyView> Views = new();

    /// <summary>The view of <paramref name="doc"/>'s words and dependencies: the one built before, unless it was built
    /// before those layers were set (layers are set once), in which case a new one replaces it.</summary>
    public static DependencyView Of(Document doc)
    {
        if (Views.TryGetValue(doc, out var view)
            && view.Words == doc.GetOrEmpty(Layers.Words) && view.Deps == doc.GetOrEmpty(Layers.Dependencies))
        {
            return view;
        }
        view = new DependencyView(doc);
        Views.AddOrUpdate(doc, view);
        return view;
    }

    private readonly int[] _childStart;
    private readonly int[] _children;
    private readonly int[] _wordOfToken;

    public DependencyView(Document doc)
    {
        Document = doc;
        Words = doc.GetOrEmpty(Layers.Words);
        Deps = doc.GetOrEmpty(Layers.Dependencies);
        int n = Words.Length;
        var counts = new int[n + 1];
        for (int i = 0; i < n && i < Deps.Length; i++)
        {
            int h = Deps[i].Head;
            if (h >= 0 && h < n)
            {
                counts[h]++;
            }
        }
        _childStart = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            _childStart[i + 1] = _childStart[i] + counts[i];
        }
        _children = new int[_childStart[n]];
        var fill = (int[])_childStart.Clone();
        for (int i = 0; i < n && i < Deps.Length; i++)
        {
            int h = Deps[i].Head;
            if (h >= 0 && h < n)
            {
                _children[fill[h]++] = i;
            }
        }
        _wordOfToken = new int[doc.Tokens.Length];
        Array.Fill(_wordOfToken, -1);
        for (int i = n - 1; i >= 0; i--)
        {
            _wordOfToken[Words[i].Token] = i;
        }
    }

    public Document Document { get; }

    public ImmutableArray<WordAnnotation> Words { get; }

    public ImmutableArray<Dependency> Deps { get; }

    public bool HasTree => Deps.Length == Words.Length && Words.Length > 0;

    public ReadOnlySpan<int> Children(int word) => _children.AsSpan(_childStart[word], _childStart[word + 1] - _childStart[word]);

    public int Head(int word) => Deps[word].Head;

    public string Rel(int word) => Deps[word].Deprel;

    /// <summary>The relation without its subtype: <c>nsubj:pass</c> → <c>nsubj</c>.</summary>
    public ReadOnlySpan<char> BaseRel(int word)
    {
        string r = Deps[word].Deprel;
        int colon = r.IndexOf(':');
        return colon < 0 ? r : r.AsSpan(0, colon);
    }

    public string Lemma(int word) => Words[word].LemmaIn(Document);

    public string Form(int word) => Words[word].FormIn(Document);

    public string Upos(int word) => Words[word].Upos;

    /// <summary>The first word of a token, or -1.</summary>
    public int WordOfToken(int token) => token >= 0 && token < _wordOfToken.Length ? _wordOfToken[token] : -1;

    /// <summary>A verb's lemma with its separated particle joined to it ("steuert … bei" → "beisteuern").</summary>
    public string JoinedLemma(int verb)
    {
        int prt = Child(verb, "compound:prt");
        return prt >= 0 ? Lemma(prt).ToLowerInvariant() + Lemma(verb) : Lemma(verb);
    }

    public bool HasFeature(int word, string feature) => Words[word].Feats.Contains(feature, StringComparison.Ordinal);

    /// <summary>A child with the given relation (or relation prefix before ':'), or -1.</summary>
    public int Child(int word, string rel)
    {
        foreach (int c in Children(word))
        {
            if (BaseRel(c).SequenceEqual(rel) || Rel(c) == rel)
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>A child whose preposition (its <c>case</c> dependent) has the given lemma, or -1.</summary>
    public int ChildWithCase(int word, string preposition)
    {
        foreach (int c in Children(word))
        {
            var rel = BaseRel(c);
            if (!(rel.SequenceEqual("obl") || rel.SequenceEqual("nmod") || rel.SequenceEqual("obj") || rel.SequenceEqual("iobj")))
            {
                continue;
            }
            int cs = Child(c, "case");
            if (cs >= 0 && string.Equals(Lemma(cs), preposition, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>True when <paramref name="ancestor"/> dominates <paramref name="word"/> (or is it), within <paramref name="maxDepth"/> steps.</summary>
    public bool Dominates(int ancestor, int word, int maxDepth = 64)
    {
        int w = word;
        for (int d = 0; d <= maxDepth && w >= 0; d++)
        {
            if (w == ancestor)
            {
                return true;
            }
            w = Head(w);
        }
        return false;
    }

    /// <summary>The first and last token of a word's whole subtree.</summary>
    public (int FirstToken, int LastToken) SubtreeTokens(int word)
    {
        int first = Words[word].Token;
        int last = first;
        var stack = new Stack<int>();
        stack.Push(word);
        int guard = 0;
        while (stack.Count > 0 && guard++ < 10_000)
        {
            int w = stack.Pop();
            int t = Words[w].Token;
            first = Math.Min(first, t);
            last = Math.Max(last, t);
            foreach (int c in Children(w))
            {
                stack.Push(c);
            }
        }
        return (first, last);
    }

    /// <summary>
    /// The noun phrase headed by <paramref name="head"/>: the head with its determiners, adjectives,
    /// numbers, compounds, names (flat, appos) and genitive attributes — not its prepositional phrases
    /// or clauses. Returned as a token range.
    /// </summary>
    public TextRange Phrase(int head, bool core = false)
    {
        int first = head;
        int last = head;
        Extend(head, ref first, ref last, core, depth: 0);
        var tokens = Document.Tokens;
        if (core)
        {
            // drop leading determiners and adjectives: "die ersten US-Truppen" → "US-Truppen"
            while (first < head && Upos(first) is "DET" or "ADJ" or "NUM" or "ADV" or "PUNCT" or "CCONJ" or "ADP" or "SCONJ")
            {
                first++;
            }
        }
        return new TextRange(tokens[Words[first].Token].Start, tokens[Words[last].Token].End);
    }

    private void Extend(int w, ref int first, ref int last, bool core, int depth)
    {
        if (depth > 6)
        {
            return;
        }
        foreach (int c in Children(w))
        {
            var rel = BaseRel(c);
            bool take = rel.SequenceEqual("det") || rel.SequenceEqual("amod") || rel.SequenceEqual("nummod") || rel.SequenceEqual("compound")
                || rel.SequenceEqual("flat") || rel.SequenceEqual("appos") || rel.SequenceEqual("advmod") && c < w
                || (rel.SequenceEqual("nmod") && HasFeature(c, "Case=Gen") && Child(c, "case") < 0)
                || rel.SequenceEqual("conj") && Upos(c) is "NOUN" or "PROPN" or "PRON" || rel.SequenceEqual("cc") && c > first || rel.SequenceEqual("case") && c > first && c < w;
            if (core && (rel.SequenceEqual("conj") || rel.SequenceEqual("cc")) && !Form(w).EndsWith('-'))
            {
                take = false;
            }
            if (!take)
            {
                continue;
            }
            // Only contiguous material: a child far away is a parse error, not part of the phrase.
            if (c < first - 6 || c > last + 8)
            {
                continue;
            }
            first = Math.Min(first, c);
            last = Math.Max(last, c);
            Extend(c, ref first, ref last, core, depth + 1);
        }
        // punctuation inside the span stays; trailing punctuation does not
        while (last > first && Upos(last) == "PUNCT")
        {
            last--;
        }
    }
}
