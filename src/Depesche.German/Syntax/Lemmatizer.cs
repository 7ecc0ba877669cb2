using System.Collections.Frozen;
using System.Text;

namespace Depesche.German.Syntax;

/// <summary>
/// Finds lemmas: first what the training treebank said for this form and part of speech, then the
/// lexicon's analyses of a compatible class, then a learned edit script chosen by the longest known
/// suffix (strip n characters, append a string, maybe lower-case the first letter).
/// </summary>
public sealed class Lemmatizer
{
    public const int MaxSuffix = 7;

    private readonly FrozenDictionary<string, string> _memory; // "upos\tform" → lemma
    private readonly FrozenDictionary<string, EditScript> _scripts; // "upos\tsuffix" → script
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _memoryLookup;
    private readonly FrozenDictionary<string, EditScript>.AlternateLookup<ReadOnlySpan<char>> _scriptLookup;

    private Lemmatizer(FrozenDictionary<string, string> memory, FrozenDictionary<string, EditScript> scripts)
    {
        _memory = memory;
        _scripts = scripts;
        _memoryLookup = memory.GetAlternateLookup<ReadOnlySpan<char>>();
        _scriptLookup = scripts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int MemoryCount => _memory.Count;

    public int ScriptCount => _scripts.Count;

    public readonly record struct EditScript(bool LowerFirst, int Strip, string Append)
    {
        public override string ToString() => $"{(LowerFirst ? 1 : 0)}|{Strip}|{Append}";

        public static EditScript Parse(string s)
        {
            var p = s.Split('|', 3);
            return new EditScript(p[0] == "1", int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2]);
        }

        public static EditScript Between(string form, string lemma)
        {
            bool lowerFirst = form.Length > 0 && lemma.Length > 0 && form[0] != lemma[0] && char.ToLowerInvariant(form[0]) == lemma[0];
            int p = 0;
            while (p < form.Length && p < lemma.Length && (p == 0 && lowerFirst ? char.ToLowerInvariant(form[0]) : form[p]) == lemma[p])
            {
                p++;
            }
            return new EditScript(lowerFirst, form.Length - p, lemma[p..]);
        }

        public string? Apply(ReadOnlySpan<char> form)
        {
            if (Strip > form.Length)
            {
                return null;
            }
            var keep = form[..(form.Length - Strip)];
            if (keep.Length + Append.Length == 0)
            {
                return null;
            }
            return string.Create(keep.Length + Append.Length, (this, form.ToString()), static (span, state) =>
            {
                var (script, f) = state;
                int k = f.Length - script.Strip;
                f.AsSpan(0, k).CopyTo(span);
                script.Append.AsSpan().CopyTo(span[k..]);
                if (script.LowerFirst && span.Length > 0)
                {
                    span[0] = char.ToLowerInvariant(span[0]);
                }
            });
        }
    }

    /// <summary>Learns the memory and the suffix scripts from (form, UPOS, lemma) triples.</summary>
    public static Lemmatizer Learn(IEnumerable<(string Form, string Upos, string Lemma)> treebank, IEnumerable<(string Form, string Upos, string Lemma)> lexiconPairs)
    {
        var memoryCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var suffixCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        void CountSuffixes(string form, string upos, string lemma, int weight)
        {
            string script = EditScript.Between(form, lemma).ToString();
            string lower = form.ToLowerInvariant();
            for (int k = 0; k <= Math.Min(MaxSuffix, lower.Length); k++)
            {
                string key = upos + "\t" + lower[(lower.Length - k)..];
                if (!suffixCounts.TryGetValue(key, out var c))
                {
                    suffixCounts[key] = c = new(StringComparer.Ordinal);
                }
                c[script] = c.GetValueOrDefault(script) + weight;
            }
        }
        foreach (var (form, upos, lemma) in treebank)
        {
            if (lemma is "_" or "" || form.Length == 0)
            {
                continue;
            }
            string key = upos + "\t" + form;
            if (!memoryCounts.TryGetValue(key, out var c))
            {
                memoryCounts[key] = c = new(StringComparer.Ordinal);
            }
            c[lemma] = c.GetValueOrDefault(lemma) + 1;
            CountSuffixes(form, upos, lemma, 5);
        }
        foreach (var (form, upos, lemma) in lexiconPairs)
        {
            CountSuffixes(form, upos, lemma, 1);
        }
        var memory = memoryCounts.ToDictionary(kv => kv.Key, kv => Best(kv.Value), StringComparer.Ordinal);
        var best = suffixCounts.Where(kv => kv.Value.Values.Sum() >= 2).ToDictionary(kv => kv.Key, kv => Best(kv.Value), StringComparer.Ordinal);
        var scripts = new Dictionary<string, EditScript>(StringComparer.Ordinal);
        foreach (var (key, script) in best)
        {
            int tab = key.IndexOf('\t', StringComparison.Ordinal);
            string suffix = key[(tab + 1)..];
            // Keep a suffix only where it changes the answer of the next shorter one.
            if (suffix.Length > 0 && best.TryGetValue(key[..tab] + "\t" + suffix[1..], out var parent) && parent == script)
            {
                continue;
            }
            scripts[key] = EditScript.Parse(script);
        }
        return new Lemmatizer(memory.ToFrozenDictionary(StringComparer.Ordinal), scripts.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static string Best(Dictionary<string, int> counts)
        => counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;

    public byte[] Serialize()
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in _memory.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append('M').Append('\t').Append(k).Append('\t').Append(v).Append('\n');
        }
        foreach (var (k, v) in _scripts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append('S').Append('\t').Append(k).Append('\t').Append(v.ToString()).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static Lemmatizer Deserialize(byte[] data)
    {
        var memory = new Dictionary<string, string>(StringComparer.Ordinal);
        var scripts = new Dictionary<string, EditScript>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(data).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            var p = line.Split('\t');
            if (p.Length != 4)
            {
                throw new DepescheException(ErrorCodes.ModelInvalid, "the tagger model's lemma section is damaged");
            }
            if (p[0] == "M")
            {
                memory[p[1] + "\t" + p[2]] = p[3];
            }
            else
            {
                scripts[p[1] + "\t" + p[2]] = EditScript.Parse(p[3]);
            }
        }
        return new Lemmatizer(memory.ToFrozenDictionary(StringComparer.Ordinal), scripts.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The classes of lexicon analyses whose lemma fits a word of this UPOS.</summary>
    public static LexClass ClassesFor(string upos) => upos switch
    {
        "NOUN" or "PROPN" => LexClass.Noun,
        "VERB" or "AUX" => LexClass.VerbFinite | LexClass.VerbInfinitive | LexClass.VerbParticiple | LexClass.VerbImperative | LexClass.VerbZuInfinitive,
        "ADJ" => LexClass.AdjectiveBase | LexClass.AdjectiveDeclined,
        "ADV" => LexClass.AdjectiveBase,
        _ => LexClass.None,
    };

    /// <summary>The lemma, or null when it equals the form.</summary>
    public string? Lemmatize(ReadOnlySpan<char> form, string upos, Lexicon lex, in WordInfo info)
    {
        Span<char> key = stackalloc char[Math.Min(upos.Length + 1 + form.Length, 256)];
        if (upos.Length + 1 + form.Length <= key.Length)
        {
            upos.AsSpan().CopyTo(key);
            key[upos.Length] = '\t';
            form.CopyTo(key[(upos.Length + 1)..]);
            if (_memoryLookup.TryGetValue(key, out string? remembered))
            {
                return form.SequenceEqual(remembered) ? null : remembered;
            }
        }
        var classes = ClassesFor(upos);
        if (classes != LexClass.None)
        {
            string? found = FromLexicon(lex, info.LexExact, classes) ?? FromLexicon(lex, info.LexVariant, classes);
            if (found is not null)
            {
                return form.SequenceEqual(found) ? null : found;
            }
        }
        if (upos is "PUNCT" or "NUM" or "SYM" or "X")
        {
            return null;
        }
        if (classes != LexClass.None && info.LexHead >= 0 && FromLexicon(lex, info.LexHead, classes) is { } headLemma)
        {
            // A compound: the unknown first part, then the lemma of the known head ("Kursverlusten" → "Kurs" + "Verlust").
            var modifier = form[..info.HeadStart];
            char first = form[info.HeadStart];
            return string.Create(modifier.Length + headLemma.Length, (modifier.ToString(), headLemma, char.IsUpper(first)), static (span, st) =>
            {
                st.Item1.AsSpan().CopyTo(span);
                st.headLemma.AsSpan().CopyTo(span[st.Item1.Length..]);
                if (st.Item1.Length > 0)
                {
                    span[st.Item1.Length] = st.Item3 ? char.ToUpperInvariant(span[st.Item1.Length]) : char.ToLowerInvariant(span[st.Item1.Length]);
                }
            });
        }
        Span<char> lower = stackalloc char[Math.Min(form.Length, 64)];
        if (form.Length > 64)
        {
            return null;
        }
        for (int i = 0; i < form.Length; i++)
        {
            lower[i] = char.ToLowerInvariant(form[i]);
        }
        for (int k = Math.Min(MaxSuffix, form.Length); k >= 0; k--)
        {
            upos.AsSpan().CopyTo(key);
            key[upos.Length] = '\t';
            lower[(form.Length - k)..].CopyTo(key[(upos.Length + 1)..]);
            if (_scriptLookup.TryGetValue(key[..(upos.Length + 1 + k)], out var script))
            {
                if (script.Strip == 0 && script.Append.Length == 0 && !(script.LowerFirst && char.IsUpper(form[0])))
                {
                    return null;
                }
                return script.Apply(form);
            }
        }
        return null;
    }

    private static string? FromLexicon(Lexicon lex, int index, LexClass classes)
    {
        string? found = null;
        foreach (var a in lex.Analyses(index))
        {
            if ((lex.SignatureClass[a.Signature] & classes) != 0)
            {
                string lemma = lex.Lemmas[a.Lemma];
                if (found is null || (lemma.Length < found.Length))
                {
                    found = lemma;
                }
            }
        }
        return found;
    }
}
