using System.Collections.Frozen;
using Depesche.Data;
using Depesche.Model;

namespace Depesche.German.Times;

/// <summary>One element of a token pattern: a word (or alternatives), or a class, optional or negated, perhaps captured by name.</summary>
internal sealed class PatternElement
{
    public int[] Words = [];

    /// <summary>A word that must match with its case (<c>=morgen</c>, tomorrow, not <c>Morgen</c>, morning).</summary>
    public string? ExactCase;

    public int Class = -1;

    public bool Optional;

    /// <summary>A zero-width check: the token here is not this (or there is none).</summary>
    public bool Negative;

    /// <summary>A zero-width check before the match: the token before it is not this.</summary>
    public bool Behind;

    public int Slot = -1;
}

/// <summary>A rule of <c>time-patterns.tsv</c>: a token pattern, a TIMEX3 type and a normaliser with its arguments.</summary>
internal sealed class TimeRule
{
    public required string Pattern { get; init; }
    public required PatternElement[] Elements { get; init; }
    public required string[] Slots { get; init; }
    public required TimeType Type { get; init; }
    public required string Norm { get; init; }
    public required string[] Args { get; init; }
    public required int Line { get; init; }

    /// <summary>Where the expression's text ends: elements from here on (after <c>&gt;&gt;</c>) are read but not part of it.</summary>
    public required int SpanEnd { get; init; }

    public int SlotOf(string name) => Array.IndexOf(Slots, name);
}

/// <summary>
/// The compiled time patterns. A pattern is a sequence of space-separated token elements:
/// <c>word</c> or <c>a|b|c</c> (any case), <c>=Word</c> (this case), <c>&lt;class&gt;</c> (a lexicon or built-in class),
/// <c>{name:class}</c> (a class captured under a name), each optionally followed by <c>?</c> (optional)
/// <c>&gt;&gt;</c> ends the expression's text (what follows is read, and may be captured, but is not part of it);
/// or preceded by <c>!</c> (the token here must not be this) or, at the start, <c>~</c> (the tokens before the match must not read as the ~ elements in order). Only named captures exist.
/// Built-in classes: num (digits or number words), int, day (an ordinal 1.-31.), year (1000-2199),
/// hour (0-24), clock (14:30, 14.30), numdate (24.02.2022, 3.5., 2022-02-24), capword (a capitalised word),
/// decade (90er, 1990er, 1970-ern), durword (zweiwöchigen, 48-stündige: a number and a duration-suffix of the lexicon).
/// </summary>
internal sealed class TimePatterns
{
    public static readonly string[] BuiltinClasses = ["num", "int", "day", "year", "hour", "clock", "numdate", "capword", "decade", "durword"];

    public const int Num = 0, Int = 1, Day = 2, Year = 3, Hour = 4, Clock = 5, NumDate = 6, CapWord = 7, Decade = 8, DurWord = 9;

    private static readonly Lazy<TimePatterns> s_default = new(() => Load(TimeLexicon.Default));

    private TimePatterns(TimeRule[] rules, FrozenDictionary<string, (int Id, ulong Mask)> vocabulary, string[] classes, int[][] byWord, int[][] byClass, int maxSlots)
    {
        // Every rule needs one of its required elements; a sentence without any of these anchors holds no match.
        var anchorWords = new bool[vocabulary.Count];
        ulong anchorClasses = 0;
        foreach (var rule in rules)
        {
            var required = rule.Elements.Where(e => !e.Optional && !e.Negative).ToArray();
            var cls = required.FirstOrDefault(e => e.Class >= 0 && e.Class != CapWord);
            if (cls is not null)
            {
                anchorClasses |= 1UL << cls.Class;
                continue;
            }
            var literal = required.LastOrDefault(e => e.Words.Length > 0);
            if (literal is null)
            {
                anchorClasses = ulong.MaxValue; // a rule of capitalised words only: no sentence can be skipped
                continue;
            }
            foreach (int w in literal.Words)
            {
                anchorWords[w] = true;
            }
        }
        AnchorWords = anchorWords;
        AnchorClasses = anchorClasses;
        Rules = rules;
        Vocabulary = vocabulary;
        VocabularyLookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        Classes = classes;
        RulesByWord = byWord;
        RulesByClass = byClass;
        MaxSlots = maxSlots;
    }

    public static TimePatterns Default => s_default.Value;

    public TimeRule[] Rules { get; }

    /// <summary>Every word a pattern or the lexicon names: its id and the lexicon classes it belongs to (as bits).</summary>
    public FrozenDictionary<string, (int Id, ulong Mask)> Vocabulary { get; }

    public FrozenDictionary<string, (int Id, ulong Mask)>.AlternateLookup<ReadOnlySpan<char>> VocabularyLookup { get; }

    public string[] Classes { get; }

    /// <summary>For a word id, the rules that may start with it.</summary>
    public int[][] RulesByWord { get; }

    /// <summary>For a class id, the rules that may start with it.</summary>
    public int[][] RulesByClass { get; }

    public int MaxSlots { get; }

    /// <summary>Words one of which every rule needs (by word id).</summary>
    public bool[] AnchorWords { get; }

    /// <summary>Classes one of which every rule needs, as bits.</summary>
    public ulong AnchorClasses { get; }

    public int ClassId(string name) => Array.IndexOf(Classes, name);

    public static TimePatterns Load(TimeLexicon lexicon)
    {
        var file = GermanData.Load("time-patterns.tsv", "time-patterns");
        var classes = new List<string>(BuiltinClasses);
        foreach (var senses in lexicon.Words.Values)
        {
            foreach (var s in senses)
            {
                if (!classes.Contains(s.Class))
                {
                    classes.Add(s.Class);
                }
            }
        }
        if (classes.Count > 64)
        {
            throw DataFile.Invalid(file.Name, 1, "more than 64 word classes");
        }
        var vocab = new Dictionary<string, (int Id, ulong Mask)>(StringComparer.OrdinalIgnoreCase);
        int WordId(string w)
        {
            if (!vocab.TryGetValue(w, out var e))
            {
                vocab[w] = e = (vocab.Count, 0UL);
            }
            return e.Id;
        }
        foreach (var (word, senses) in lexicon.Words)
        {
            int id = WordId(word);
            ulong mask = vocab[word].Mask;
            foreach (var s in senses)
            {
                mask |= 1UL << classes.IndexOf(s.Class);
            }
            vocab[word] = (id, mask);
        }

        var rules = new List<TimeRule>();
        int maxSlots = 0;
        foreach (var row in file.Rows)
        {
            if (row.Count < 3)
            {
                throw DataFile.Invalid(file.Name, row.Line, "a rule needs pattern, type and normaliser");
            }
            var slots = new List<string>();
            var elements = new List<PatternElement>();
            int spanEnd = -1;
            foreach (string raw in row[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (raw == ">>")
                {
                    if (spanEnd >= 0 || elements.Count == 0)
                    {
                        throw DataFile.Invalid(file.Name, row.Line, "'>>' comes once, after the expression's own elements");
                    }
                    spanEnd = elements.Count;
                    continue;
                }
                var e = new PatternElement();
                string p = raw;
                if (p.Length > 1 && p[0] == '!')
                {
                    e.Negative = true;
                    p = p[1..];
                }
                else if (p.Length > 1 && p[0] == '~')
                {
                    if (elements.Any(x => !x.Behind))
                    {
                        throw DataFile.Invalid(file.Name, row.Line, $"a look-behind (~) comes before every other element: '{raw}'");
                    }
                    e.Behind = true;
                    e.Negative = true;
                    p = p[1..];
                }
                if (p.Length > 1 && p[^1] == '?')
                {
                    e.Optional = true;
                    p = p[..^1];
                }
                if (p.Length > 2 && p[0] == '{' && p[^1] == '}')
                {
                    int colon = p.IndexOf(':');
                    if (colon < 2)
                    {
                        throw DataFile.Invalid(file.Name, row.Line, $"a capture is written {{name:class}}: '{raw}'");
                    }
                    string name = p[1..colon];
                    if (slots.Contains(name))
                    {
                        throw DataFile.Invalid(file.Name, row.Line, $"the capture name '{name}' is used twice");
                    }
                    e.Slot = slots.Count;
                    slots.Add(name);
                    p = "<" + p[(colon + 1)..^1] + ">";
                }
                if (p.Length > 2 && p[0] == '<' && p[^1] == '>')
                {
                    e.Class = classes.IndexOf(p[1..^1]);
                    if (e.Class < 0)
                    {
                        throw DataFile.Invalid(file.Name, row.Line, $"unknown class '{p}'");
                    }
                }
                else if (p.Length > 1 && p[0] == '=')
                {
                    e.ExactCase = p[1..];
                    e.Words = [WordId(p[1..])];
                }
                else
                {
                    e.Words = p.Split('|').Select(WordId).ToArray();
                }
                if (e.Negative && (e.Optional || e.Slot >= 0))
                {
                    throw DataFile.Invalid(file.Name, row.Line, $"a negated element is neither optional nor captured: '{raw}'");
                }
                elements.Add(e);
            }
            if (elements.All(e => e.Optional || e.Negative))
            {
                throw DataFile.Invalid(file.Name, row.Line, "a pattern needs at least one required element");
            }
            var type = row[1] switch
            {
                "DATE" => TimeType.Date,
                "TIME" => TimeType.Time,
                "DURATION" => TimeType.Duration,
                "SET" => TimeType.Set,
                var other => throw DataFile.Invalid(file.Name, row.Line, $"unknown type '{other}'"),
            };
            var norm = row[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (norm.Length == 0 || !TimeNormalizer.IsKnown(norm[0]))
            {
                throw DataFile.Invalid(file.Name, row.Line, $"unknown normaliser '{row[2]}'");
            }
            maxSlots = Math.Max(maxSlots, slots.Count);
            rules.Add(new TimeRule
            {
                Pattern = row[0],
                Elements = [.. elements],
                Slots = [.. slots],
                Type = type,
                Norm = norm[0],
                Args = norm[1..],
                Line = row.Line,
                SpanEnd = spanEnd >= 0 ? spanEnd : elements.Count,
            });
        }

        // Index each rule under every element that can open it.
        var byWord = new List<int>[vocab.Count];
        var byClass = new List<int>[classes.Count];
        for (int r = 0; r < rules.Count; r++)
        {
            foreach (var e in rules[r].Elements)
            {
                if (e.Negative)
                {
                    continue;
                }
                if (e.Class >= 0)
                {
                    (byClass[e.Class] ??= []).Add(r);
                }
                foreach (int w in e.Words)
                {
                    (byWord[w] ??= []).Add(r);
                }
                if (!e.Optional)
                {
                    break;
                }
            }
        }
        return new TimePatterns(
            [.. rules],
            vocab.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            [.. classes],
            byWord.Select(l => l?.Distinct().Order().ToArray() ?? []).ToArray(),
            byClass.Select(l => l?.Distinct().Order().ToArray() ?? []).ToArray(),
            maxSlots);
    }
}
