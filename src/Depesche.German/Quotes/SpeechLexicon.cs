using System.Collections.Frozen;
using Depesche.Data;
using Depesche.German.Lexicon;

namespace Depesche.German.Quotes;

/// <summary>What a speech verb lets a sentence say about its speaker and addressee.</summary>
public enum SpeechFrame : byte
{
    /// <summary>The subject speaks.</summary>
    Say,
    /// <summary>The subject speaks to the accusative object (<c>forderte Putin auf</c>).</summary>
    SayAccusative,
    /// <summary>The subject speaks to a dative object (<c>versicherte ihm</c>).</summary>
    SayDative,
    /// <summary>The subject evaluates (<c>nannte es «fahrlässig»</c>); a following clause is content only when marked as reported.</summary>
    Judge,
}

/// <summary>One reading of a verb form.</summary>
public sealed record VerbAnalysis(string Lemma, string? Particle, VerbFormKind Kind, SpeechFrame Frame);

/// <summary>How a phrase attributes a statement without a speech verb.</summary>
public enum PhraseKind : byte
{
    Prep,
    Postposition,
    NachNoun,
    Self,
    So,
    Wie,
    /// <summary>A noun for what someone said ("Forderung", "Antwort"): its genitive owner is the speaker.</summary>
    Statement,
}

/// <summary>Closed-class words the rule-based readers rely on.</summary>
public enum WordClass : byte
{
    None,
    Determiner,
    NominativePronoun,
    Preposition,
    Conjunction,
    Adverb,
    Negation,
}

/// <summary>
/// The German of speech: speech verbs with all their forms (generated from the lemma and, for strong
/// verbs, the principal parts the data file gives), attributing phrases, Konjunktiv I forms and
/// closed-class words. Loaded once from the data files.
/// </summary>
public sealed class SpeechLexicon
{
    private static readonly Lazy<SpeechLexicon> s_default = new(Load);

    private SpeechLexicon(
        FrozenDictionary<string, VerbAnalysis[]> verbs,
        FrozenSet<string> particles,
        FrozenDictionary<string, PhraseKind> phrases,
        FrozenSet<string> subjunctive,
        FrozenDictionary<string, WordClass> words)
    {
        Verbs = verbs.GetAlternateLookup<ReadOnlySpan<char>>();
        Particles = particles.GetAlternateLookup<ReadOnlySpan<char>>();
        Phrases = phrases;
        PhraseLookup = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        Subjunctive = subjunctive.GetAlternateLookup<ReadOnlySpan<char>>();
        Words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        VerbCount = verbs.Count;
        _attributingSuffixes = phrases.Where(p => p.Value == PhraseKind.NachNoun).Select(p => p.Key.ToLowerInvariant()).ToArray();
    }

    private readonly string[] _attributingSuffixes;

    public static SpeechLexicon Default => s_default.Value;

    public FrozenDictionary<string, VerbAnalysis[]>.AlternateLookup<ReadOnlySpan<char>> Verbs { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Particles { get; }

    public FrozenDictionary<string, PhraseKind> Phrases { get; }

    public FrozenDictionary<string, PhraseKind>.AlternateLookup<ReadOnlySpan<char>> PhraseLookup { get; }

    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Subjunctive { get; }

    public FrozenDictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> Words { get; }

    /// <summary>Number of distinct verb forms known.</summary>
    public int VerbCount { get; }

    /// <summary>A noun for what someone said (<c>Forderung</c>, <c>Antwort</c>, and the attributing nouns such as
    /// <c>Angaben</c>): the speaker is its owner.</summary>
    public bool IsStatementNoun(ReadOnlySpan<char> noun) => PhraseLookup.TryGetValue(noun, out var kind) && kind is PhraseKind.Statement or PhraseKind.NachNoun;

    /// <summary>A noun after "nach" that attributes (<c>Angaben</c>), also as the end of a compound (<c>Polizeiangaben</c>,
    /// <c>UNHCR-Angaben</c>).</summary>
    public bool IsAttributingNoun(ReadOnlySpan<char> noun)
    {
        if (PhraseLookup.TryGetValue(noun, out var kind))
        {
            return kind == PhraseKind.NachNoun;
        }
        int dash = noun.LastIndexOf('-');
        if (dash > 0 && dash < noun.Length - 1 && PhraseLookup.TryGetValue(noun[(dash + 1)..], out var tail))
        {
            return tail == PhraseKind.NachNoun;
        }
        foreach (string suffix in _attributingSuffixes)
        {
            if (noun.Length > suffix.Length + 2 && noun.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The closed class of a word, folding a capital first letter (sentence starts).</summary>
    public WordClass ClassOf(ReadOnlySpan<char> word)
    {
        if (Words.TryGetValue(word, out var cls))
        {
            return cls;
        }
        if (word.Length > 0 && char.IsUpper(word[0]) && word.Length <= 16)
        {
            Span<char> lower = stackalloc char[word.Length];
            word.CopyTo(lower);
            lower[0] = char.ToLowerInvariant(lower[0]);
            if (Words.TryGetValue(lower, out cls))
            {
                return cls;
            }
        }
        return WordClass.None;
    }

    public static SpeechLexicon Load()
    {
        var verbFile = GermanData.Load("speech-verbs.tsv", "speech-verbs");
        var verbs = new Dictionary<string, List<VerbAnalysis>>(StringComparer.Ordinal);
        var particles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in verbFile.Rows)
        {
            string lemma = row[0];
            string? particle = row.Get(1, "-") is "-" ? null : row[1];
            string conjugation = row.Get(2, "weak");
            var frame = row.Get(3, "say") switch
            {
                "say" => SpeechFrame.Say,
                "say-acc" => SpeechFrame.SayAccusative,
                "say-dat" => SpeechFrame.SayDative,
                "judge" => SpeechFrame.Judge,
                var other => throw DataFile.Invalid(verbFile.Name, row.Line, $"unknown frame '{other}'"),
            };
            if (particle is not null)
            {
                particles.Add(particle);
            }
            foreach (var (form, kind) in VerbForms.Generate(lemma, particle, conjugation, verbFile.Name, row.Line))
            {
                if (!verbs.TryGetValue(form, out var list))
                {
                    verbs[form] = list = [];
                }
                var analysis = new VerbAnalysis(lemma, particle, kind, frame);
                if (!list.Contains(analysis))
                {
                    list.Add(analysis);
                }
            }
        }

        var phraseFile = GermanData.Load("speech-phrases.tsv", "speech-phrases");
        var phrases = new Dictionary<string, PhraseKind>(StringComparer.Ordinal);
        foreach (var row in phraseFile.Rows)
        {
            if (phrases.ContainsKey(row[0]))
            {
                throw DataFile.Invalid(phraseFile.Name, row.Line, $"'{row[0]}' is listed twice");
            }
            phrases[row[0]] = row.Get(1) switch
            {
                "prep" => PhraseKind.Prep,
                "postposition" => PhraseKind.Postposition,
                "nach-noun" => PhraseKind.NachNoun,
                "self" => PhraseKind.Self,
                "so" => PhraseKind.So,
                "wie" => PhraseKind.Wie,
                "statement" => PhraseKind.Statement,
                var other => throw DataFile.Invalid(phraseFile.Name, row.Line, $"unknown kind '{other}'"),
            };
        }

        var subjunctive = GermanData.FirstColumn(GermanData.Load("subjunctive.tsv", "subjunctive"));

        var wordFile = GermanData.Load("function-words.tsv", "function-words");
        var words = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        foreach (var row in wordFile.Rows)
        {
            words.TryAdd(row[0], row.Get(1) switch
            {
                "det" => WordClass.Determiner,
                "pron-nom" => WordClass.NominativePronoun,
                "prep" => WordClass.Preposition,
                "conj" => WordClass.Conjunction,
                "adv" => WordClass.Adverb,
                "neg" => WordClass.Negation,
                var other => throw DataFile.Invalid(wordFile.Name, row.Line, $"unknown class '{other}'"),
            });
        }

        return new SpeechLexicon(
            verbs.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            particles.ToFrozenSet(StringComparer.Ordinal),
            phrases.ToFrozenDictionary(StringComparer.Ordinal),
            subjunctive,
            words.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
