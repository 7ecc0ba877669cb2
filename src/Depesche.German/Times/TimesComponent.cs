using System.Collections.Immutable;
using Depesche.German.Quantities;
using Depesche.Model;
using Depesche.Processing;

namespace Depesche.German.Times;

/// <summary>
/// Finds time expressions with the token patterns of <c>time-patterns.tsv</c> and normalises them to
/// TIMEX3 values against the document's reference date. The header line's date is a time expression too.
/// Left to right, the longest match wins (the earlier rule on a tie); matches never overlap.
/// </summary>
public sealed class TimesComponent : IComponent
{
    private readonly TimePatterns _patterns;
    private readonly TimeLexicon _lexicon;
    private readonly TenseHeuristic _tense;
    private readonly ulong _numberWordMask;

    public TimesComponent()
        : this(TimePatterns.Default, TimeLexicon.Default, TenseHeuristic.Default)
    {
    }

    internal TimesComponent(TimePatterns patterns, TimeLexicon lexicon, TenseHeuristic tense)
    {
        _patterns = patterns;
        _lexicon = lexicon;
        _tense = tense;
        _numberWordMask = 1UL << TimePatterns.Num;
    }

    public string Name => "times";

    public IReadOnlyList<LayerKey> Requires => [Layers.Header, Layers.Tokens, Layers.Sentences];

    public IReadOnlyList<LayerKey> Produces => [Layers.Times];

    public void Process(Document document)
    {
        var result = ImmutableArray.CreateBuilder<TimeExpression>();
        var header = document.Get(Layers.Header);
        if (header.Date is { } hd && header.DateRange is { } hr)
        {
            result.Add(new TimeExpression(hr, TimeType.Date, hd.ToString()));
        }
        var tokens = document.Tokens.AsSpan();
        string text = document.Text;
        var masks = new ulong[tokens.Length];
        var ids = new int[tokens.Length];
        Classify(text, tokens, masks, ids);

        var state = new MatchState(this, document, masks, ids);
        foreach (var sentence in document.Sentences)
        {
            int i = sentence.FirstToken;
            int end = sentence.EndToken;
            if (!HasAnchor(masks, ids, i, end))
            {
                continue; // no rule can match in this sentence
            }
            while (i < end)
            {
                if (masks[i] == 0 && ids[i] < 0)
                {
                    i++;
                    continue;
                }
                int matchEnd = state.BestAt(i, end, sentence);
                if (matchEnd > i && state.BestValue is { } value)
                {
                    var rule = _patterns.Rules[state.BestRule];
                    result.Add(new TimeExpression(new TextRange(tokens[i].Start, tokens[matchEnd - 1].End), rule.Type, value));
                    if (state.BestDay is { } day)
                    {
                        state.LastDay = day;
                    }
                    i = matchEnd;
                }
                else
                {
                    i++;
                }
            }
        }
        document.Set(Layers.Times, result.ToImmutable());
    }

    private bool HasAnchor(ulong[] masks, int[] ids, int from, int to)
    {
        ulong classes = _patterns.AnchorClasses;
        var words = _patterns.AnchorWords;
        for (int t = from; t < to; t++)
        {
            if ((masks[t] & classes) != 0 || (ids[t] >= 0 && words[ids[t]]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Each token's word id and class bits (lexicon classes and the built-in ones).</summary>
    private void Classify(string text, ReadOnlySpan<TokenInfo> tokens, ulong[] masks, int[] ids)
    {
        var vocab = _patterns.VocabularyLookup;
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var s = t.Slice(text);
            ulong mask = 0;
            ids[i] = -1;
            if (vocab.TryGetValue(s, out var entry))
            {
                ids[i] = entry.Id;
                mask = entry.Mask;
            }
            switch (t.Kind)
            {
                case TokenKind.Number:
                    mask |= NumberClasses(s);
                    break;
                case TokenKind.Ordinal:
                    if (s.Length <= 3 && int.TryParse(s[..^1], out int d) && d is >= 1 and <= 31)
                    {
                        mask |= 1UL << TimePatterns.Day;
                    }
                    else if (s.Count('.') == 2)
                    {
                        mask |= 1UL << TimePatterns.NumDate;
                    }
                    break;
                case TokenKind.Word:
                    if (char.IsAsciiDigit(s[0]))
                    {
                        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
                        {
                            mask |= 1UL << TimePatterns.NumDate;
                        }
                        else if (_lexicon.TryDurationWord(s, out _, out _))
                        {
                            mask |= 1UL << TimePatterns.DurWord;
                        }
                        else if (IsDecade(s))
                        {
                            mask |= 1UL << TimePatterns.Decade;
                        }
                    }
                    else
                    {
                        if ((t.Flags & TokenFlags.Capitalized) != 0)
                        {
                            mask |= 1UL << TimePatterns.CapWord;
                        }
                        else if (s.Length >= 7 && s.Contains("ig", StringComparison.Ordinal) && _lexicon.TryDurationWord(s, out _, out _))
                        {
                            mask |= 1UL << TimePatterns.DurWord;
                        }
                        if (NumberWords.Default.TryParseWord(s, out _, out var role) && role is NumberRole.Cardinal or NumberRole.CardinalMultiplier or NumberRole.Fraction or NumberRole.Article)
                        {
                            mask |= _numberWordMask;
                        }
                    }
                    break;
            }
            masks[i] = mask;
        }
    }

    /// <summary>90er, 1990er, 1970-er, 1970-ern: two or four digits ending in 0, then -er or -ern.</summary>
    private static bool IsDecade(ReadOnlySpan<char> s)
    {
        int d = 0;
        while (d < s.Length && char.IsAsciiDigit(s[d]))
        {
            d++;
        }
        if (d is not (2 or 4) || s[d - 1] != '0')
        {
            return false;
        }
        var rest = s[d..];
        if (rest.Length > 0 && rest[0] == '-')
        {
            rest = rest[1..];
        }
        return rest is "er" or "ern";
    }

    private static ulong NumberClasses(ReadOnlySpan<char> s)
    {
        ulong mask = 0;
        bool pure = !s.ContainsAnyExcept("0123456789");
        if (pure)
        {
            mask |= 1UL << TimePatterns.Int;
            int v = s.Length <= 4 ? int.Parse(s) : int.MaxValue;
            if (s.Length == 4 && v is >= 1000 and <= 2199)
            {
                mask |= 1UL << TimePatterns.Year;
            }
            if (s.Length <= 2 && v <= 24)
            {
                mask |= 1UL << TimePatterns.Hour;
            }
        }
        if (NumberWords.TryParseDigits(s, out _))
        {
            mask |= 1UL << TimePatterns.Num;
        }
        int sep = s.IndexOfAny(':', '.');
        if (sep is 1 or 2 && s.Length == sep + 3 && !s[(sep + 1)..].ContainsAnyExcept("0123456789") && !s[..sep].ContainsAnyExcept("0123456789"))
        {
            mask |= 1UL << TimePatterns.Clock;
        }
        if (s.Count('.') == 2)
        {
            mask |= 1UL << TimePatterns.NumDate;
        }
        return mask;
    }

    /// <summary>The matching of one document: scratch arrays, the last day named, and the best match at a position.</summary>
    private sealed class MatchState : ITimeMatch
    {
        private readonly TimesComponent _c;
        private readonly Document _doc;
        private readonly ulong[] _masks;
        private readonly int[] _ids;
        private readonly int[] _caps;
        private readonly int[] _bestCaps;
        private readonly int[] _seen;
        private int _stamp;
        private TimeRule? _rule;
        private int[] _active;
        private Sentence _sentence;
        private int _matchStart;
        private Tense? _tense;
        private int _boundary;
        private int _boundaryToken;

        public MatchState(TimesComponent c, Document doc, ulong[] masks, int[] ids)
        {
            _c = c;
            _doc = doc;
            _masks = masks;
            _ids = ids;
            _caps = new int[Math.Max(1, c._patterns.MaxSlots)];
            _bestCaps = new int[_caps.Length];
            _active = _caps;
            _seen = new int[c._patterns.Rules.Length];
            Reference = doc.ReferenceDate;
        }

        public int BestRule { get; private set; }

        public string? BestValue { get; private set; }

        public DateOnly? BestDay { get; private set; }

        public DateOnly? LastDay { get; set; }

        public PartialDate? Reference { get; }

        public TimeLexicon Words => _c._lexicon;

        public Tense Tense => _tense ??= _c._tense.Of(_doc.Text, _doc.Tokens.AsSpan(), _sentence.FirstToken, _sentence.EndToken, _matchStart);

        public int BestAt(int i, int end, Sentence sentence)
        {
            _stamp++;
            _sentence = sentence;
            _matchStart = i;
            _tense = null;
            var patterns = _c._patterns;
            int bestEnd = -1;
            BestValue = null;
            BestDay = null;
            if (_ids[i] >= 0)
            {
                foreach (int r in patterns.RulesByWord[_ids[i]])
                {
                    Try(r, i, end, ref bestEnd);
                }
            }
            ulong mask = _masks[i];
            while (mask != 0)
            {
                int cls = System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                foreach (int r in patterns.RulesByClass[cls])
                {
                    Try(r, i, end, ref bestEnd);
                }
            }
            return bestEnd;
        }

        private void Try(int r, int i, int end, ref int bestEnd)
        {
            if (_seen[r] == _stamp)
            {
                return;
            }
            _seen[r] = _stamp;
            var rule = _c._patterns.Rules[r];
            Array.Fill(_caps, -1);
            _boundary = rule.SpanEnd;
            _boundaryToken = -1;
            int e = Match(rule.Elements, 0, i, end);
            if (e >= 0 && rule.SpanEnd < rule.Elements.Length)
            {
                e = _boundaryToken;
            }
            if (e <= i || e < bestEnd || (e == bestEnd && r > BestRule))
            {
                return;
            }
            _rule = rule;
            _active = _caps;
            var (value, day) = TimeNormalizer.Normalize(rule.Norm, rule.Args, this);
            if (value is null)
            {
                return;
            }
            bestEnd = e;
            BestRule = r;
            BestValue = value;
            BestDay = day;
            Array.Copy(_caps, _bestCaps, _caps.Length);
        }

        private int Match(PatternElement[] elements, int k, int t, int end)
        {
            if (k == _boundary)
            {
                _boundaryToken = t; // the last assignment is the one on the path that succeeds
            }
            if (k == elements.Length)
            {
                return t;
            }
            var e = elements[k];
            if (e.Behind)
            {
                // The leading ~ elements together: the tokens right before the match must not read as them.
                int n = 0;
                while (n < elements.Length && elements[n].Behind)
                {
                    n++;
                }
                bool all = t >= n;
                for (int b = 0; all && b < n; b++)
                {
                    all = Test(elements[b], t - n + b);
                }
                return all ? -1 : Match(elements, n, t, end);
            }
            if (e.Negative)
            {
                return t < end && Test(e, t) ? -1 : Match(elements, k + 1, t, end);
            }
            if (t < end && Test(e, t))
            {
                if (e.Slot >= 0)
                {
                    _caps[e.Slot] = t;
                }
                int r = Match(elements, k + 1, t + 1, end);
                if (r >= 0)
                {
                    return r;
                }
                if (e.Slot >= 0)
                {
                    _caps[e.Slot] = -1;
                }
            }
            return e.Optional ? Match(elements, k + 1, t, end) : -1;
        }

        private bool Test(PatternElement e, int t)
        {
            if (e.Class >= 0)
            {
                return (_masks[t] & (1UL << e.Class)) != 0;
            }
            int id = _ids[t];
            if (id < 0)
            {
                return false;
            }
            if (e.ExactCase is { } exact)
            {
                return _doc.Tokens[t].Slice(_doc.Text).SequenceEqual(exact);
            }
            foreach (int w in e.Words)
            {
                if (w == id)
                {
                    return true;
                }
            }
            return false;
        }

        private int TokenOf(string slot)
        {
            int s = _rule!.SlotOf(slot);
            return s < 0 ? -1 : _active[s];
        }

        public string? Text(string slot)
        {
            int t = TokenOf(slot);
            return t < 0 ? null : _doc.Tokens[t].Slice(_doc.Text).ToString();
        }

        public string? Lexicon(string slot, string cls)
        {
            int t = TokenOf(slot);
            if (t < 0 || !_c._lexicon.Lookup.TryGetValue(_doc.Tokens[t].Slice(_doc.Text), out var senses))
            {
                return null;
            }
            foreach (var s in senses)
            {
                if (s.Class == cls)
                {
                    return s.Value;
                }
            }
            return null;
        }

        public bool Is(string slot, string cls)
        {
            int t = TokenOf(slot);
            int c = _c._patterns.ClassId(cls);
            return t >= 0 && c >= 0 && (_masks[t] & (1UL << c)) != 0;
        }
    }
}
