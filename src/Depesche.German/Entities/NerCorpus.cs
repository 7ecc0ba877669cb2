using System.Text;

namespace Depesche.German.Entities;

/// <summary>A sentence of tokens with GermEval outer-level labels (null for unlabelled input).</summary>
public sealed record NerSentence(string[] Tokens, string[]? Labels)
{
    public int Count => Tokens.Length;
}

/// <summary>
/// Reads the NER corpora Depesche trains on and maps their labels to GermEval 2014's outer level:
/// <list type="bullet">
/// <item>GermEval TSV (<c>#</c> source lines, <c>index token outer nested</c>): labels as they are.</item>
/// <item>HIPE TSV (a <c>TOKEN NE-COARSE-LIT …</c> header, <c>#</c> metadata, sentences ended by <c>EndOfSentence</c> in MISC).</item>
/// <item>CoNLL (SmartData, MobIE, Europeana: token first, label last, tab- or space-separated, <c>-DOCSTART-</c> lines, <c>#</c> is a token).</item>
/// </list>
/// Type mapping (<see cref="MapType"/>): person → PER; organisation and company → ORG; location, city,
/// street, stop and route → LOC; human products and MISC → OTH; dates, times, numbers, triggers,
/// positions and the rest → O.
/// </summary>
public static class NerCorpus
{
    public static List<NerSentence> Read(string path) => Read(path, out _);

    /// <summary>Reads a corpus; <paramref name="germEval"/> tells whether it was in GermEval 2014 format (the recogniser's target).</summary>
    public static List<NerSentence> Read(string path, out bool germEval)
    {
        germEval = false;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
        }
        var first = lines.FirstOrDefault(l => l.Length > 0) ?? "";
        if (first.StartsWith("TOKEN\tNE-COARSE-LIT", StringComparison.Ordinal))
        {
            return ReadHipe(path, lines);
        }
        germEval = first.StartsWith("#\t", StringComparison.Ordinal) || IsNumber(first.Split('\t')[0]);
        return germEval ? ReadGermEval(path, lines) : ReadConll(path, lines);
    }

    private static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static List<NerSentence> ReadGermEval(string path, string[] lines)
    {
        var result = new List<NerSentence>();
        var tokens = new List<string>();
        var labels = new List<string>();
        for (int li = 0; li < lines.Length; li++)
        {
            string line = lines[li];
            if (line.StartsWith('#'))
            {
                continue;
            }
            if (line.Trim().Length == 0)
            {
                Flush(result, tokens, labels);
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length < 3 || !IsNumber(cols[0]))
            {
                throw new DepescheException(ErrorCodes.NerDataInvalid, $"{path}:{li + 1}: expected 'index<TAB>token<TAB>label' (GermEval 2014 TSV)");
            }
            tokens.Add(cols[1]);
            labels.Add(Normalise(cols[2], path, li + 1));
        }
        Flush(result, tokens, labels);
        return result;
    }

    private static List<NerSentence> ReadHipe(string path, string[] lines)
    {
        var result = new List<NerSentence>();
        var tokens = new List<string>();
        var labels = new List<string>();
        for (int li = 1; li < lines.Length; li++)
        {
            string line = lines[li];
            if (line.StartsWith('#'))
            {
                if (line.StartsWith("# hipe2022:document_id", StringComparison.Ordinal))
                {
                    Flush(result, tokens, labels);
                }
                continue;
            }
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length < 10)
            {
                throw new DepescheException(ErrorCodes.NerDataInvalid, $"{path}:{li + 1}: expected 10 HIPE columns");
            }
            tokens.Add(cols[0]);
            labels.Add(MapBio(cols[1], path, li + 1));
            if (cols[9].Contains("EndOfSentence", StringComparison.Ordinal))
            {
                Flush(result, tokens, labels);
            }
        }
        Flush(result, tokens, labels);
        return result;
    }

    private static List<NerSentence> ReadConll(string path, string[] lines)
    {
        var result = new List<NerSentence>();
        var tokens = new List<string>();
        var labels = new List<string>();
        for (int li = 0; li < lines.Length; li++)
        {
            string line = lines[li];
            if (line.Trim().Length == 0)
            {
                Flush(result, tokens, labels);
                continue;
            }
            var cols = line.Contains('\t') ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cols[0] == "-DOCSTART-")
            {
                Flush(result, tokens, labels);
                continue;
            }
            if (cols.Length < 2)
            {
                throw new DepescheException(ErrorCodes.NerDataInvalid, $"{path}:{li + 1}: expected a token and a label");
            }
            tokens.Add(cols[0]);
            labels.Add(MapBio(cols[^1], path, li + 1));
        }
        Flush(result, tokens, labels);
        return result;
    }

    private static void Flush(List<NerSentence> result, List<string> tokens, List<string> labels)
    {
        if (tokens.Count > 0)
        {
            result.Add(new NerSentence([.. tokens], [.. labels]));
        }
        tokens.Clear();
        labels.Clear();
    }

    /// <summary>A GermEval label, checked.</summary>
    private static string Normalise(string label, string path, int line)
    {
        if (label == "O")
        {
            return label;
        }
        if (label.Length > 2 && (label.StartsWith("B-", StringComparison.Ordinal) || label.StartsWith("I-", StringComparison.Ordinal))
            && EntityLabels.Types.Contains(label[2..]))
        {
            return label;
        }
        throw new DepescheException(ErrorCodes.NerDataInvalid, $"{path}:{line}: '{label}' is not a GermEval 2014 outer-level label");
    }

    /// <summary>A foreign BIO label (B-LOCATION_CITY, I-organization-company, B-pers, B-PER) in GermEval form, or O.</summary>
    private static string MapBio(string label, string path, int line)
    {
        if (label is "O" or "_" or "")
        {
            return "O";
        }
        if (label.Length < 3 || label[1] != '-' || (label[0] != 'B' && label[0] != 'I'))
        {
            throw new DepescheException(ErrorCodes.NerDataInvalid, $"{path}:{line}: '{label}' is not a BIO label");
        }
        string? type = MapType(label[2..]);
        return type is null ? "O" : label[..2] + type;
    }

    /// <summary>Maps a corpus's entity type to a GermEval outer-level type (null = not a name).</summary>
    public static string? MapType(string type)
    {
        if (EntityLabels.Types.Contains(type))
        {
            return type;
        }
        string t = type.ToUpperInvariant().Replace('-', '_');
        return t switch
        {
            "PER" or "PERS" or "PERSON" => "PER",
            "ORG" or "ORGANIZATION" or "ORGANIZATION_COMPANY" or "ORGANISATION" => "ORG",
            "LOC" or "LOCATION" or "LOCATION_CITY" or "LOCATION_STREET" or "LOCATION_STOP" or "LOCATION_ROUTE" => "LOC",
            "HUMANPROD" or "PROD" or "MISC" or "OTH" => "OTH",
            _ => null,
        };
    }

    /// <summary>A comment line: <c>#</c> alone or followed by a tab or space (GermEval's source lines); a hashtag token such
    /// as <c>#Stau</c> in CoNLL input is not one.</summary>
    private static bool IsComment(string line) => line.StartsWith('#') && (line.Length == 1 || line[1] is '\t' or ' ');

    /// <summary>Reads <c>ner --conll</c> input, one token per line, comment lines (<see cref="IsComment"/>) skipped. A sentence whose first
    /// tab-separated column counts 1, 2, 3 … is in GermEval layout and its tokens are in column 2; otherwise the token is
    /// column 1 (so that a CoNLL token that is a number, <c>2012&lt;TAB&gt;_&lt;TAB&gt;B-DATE</c>, stays a token).
    /// Returns the sentences and, between them, how many blank lines stood there (so that output can keep them).</summary>
    public static List<(NerSentence Sentence, int BlankLinesAfter)> ReadTokens(TextReader reader, string source)
    {
        var result = new List<(NerSentence, int)>();
        var lines = new List<(string[] Cols, int LineNo)>();
        int leadingBlanks = 0;
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (IsComment(line))
            {
                continue;
            }
            if (line.Trim().Length == 0)
            {
                if (lines.Count > 0)
                {
                    result.Add((SentenceOf(lines, source), 1));
                    lines.Clear();
                }
                else if (result.Count > 0)
                {
                    result[^1] = (result[^1].Item1, result[^1].Item2 + 1);
                }
                else
                {
                    leadingBlanks++;
                }
                continue;
            }
            lines.Add((line.Split('\t'), lineNo));
        }
        if (lines.Count > 0)
        {
            result.Add((SentenceOf(lines, source), 0));
        }
        if (leadingBlanks > 0)
        {
            result.Insert(0, (new NerSentence([], null), leadingBlanks));
        }
        return result;
    }

    private static NerSentence SentenceOf(List<(string[] Cols, int LineNo)> lines, string source)
    {
        bool indexed = true;
        for (int i = 0; i < lines.Count && indexed; i++)
        {
            var cols = lines[i].Cols;
            indexed = cols.Length >= 2 && int.TryParse(cols[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n == i + 1;
        }
        var tokens = new string[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            string token = indexed ? lines[i].Cols[1] : lines[i].Cols[0];
            if (token.Length == 0)
            {
                throw new DepescheException(ErrorCodes.NerDataInvalid, $"{source}:{lines[i].LineNo}: empty token");
            }
            tokens[i] = token;
        }
        return new NerSentence(tokens, null);
    }
}
