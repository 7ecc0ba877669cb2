using System.Text;

namespace Depesche.German.Syntax;

/// <summary>One line of a CoNLL-U sentence: its ten columns. Word lines have an integer ID; ranges (<c>6-7</c>) and empty nodes (<c>8.1</c>) are kept as they are.</summary>
public sealed class ConlluLine
{
    public ConlluLine(string[] columns)
    {
        Columns = columns;
    }

    public string[] Columns { get; }

    public string Id => Columns[0];

    public bool IsWord => Columns[0].Length > 0 && Columns[0].All(char.IsAsciiDigit);
}

/// <summary>A CoNLL-U sentence: comments, every line, and the word lines in order.</summary>
public sealed class ConlluSentence
{
    public List<string> Comments { get; } = [];

    public List<ConlluLine> Lines { get; } = [];

    public List<ConlluLine> Words { get; } = [];

    public string Form(int i) => Words[i].Columns[1];

    public string Lemma(int i) => Words[i].Columns[2];

    public string Upos(int i) => Words[i].Columns[3];

    public string Xpos(int i) => Words[i].Columns[4];

    public string Feats(int i) => Words[i].Columns[5];

    /// <summary>Head as a word number (0 = root), or -1 when missing.</summary>
    public int Head(int i) => int.TryParse(Words[i].Columns[6], out int h) ? h : -1;

    public string Deprel(int i) => Words[i].Columns[7];
}

/// <summary>Reads and writes CoNLL-U. A malformed line is a DEP0103 error naming the file and line.</summary>
public static class Conllu
{
    public static List<ConlluSentence> ReadFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return Read(reader, path);
        }
        catch (FileNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DepescheException(ErrorCodes.PathNotFound, $"{path}: no such file");
        }
        catch (DecoderFallbackException)
        {
            throw new DepescheException(ErrorCodes.InvalidUtf8, $"{path}: not valid UTF-8");
        }
    }

    public static List<ConlluSentence> Read(TextReader reader, string source)
    {
        var sentences = new List<ConlluSentence>();
        var current = new ConlluSentence();
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line.All(char.IsWhiteSpace))
            {
                Finish();
                continue;
            }
            if (line[0] == '#')
            {
                if (current.Lines.Count > 0)
                {
                    throw Invalid(source, lineNo, "a comment line inside a sentence");
                }
                current.Comments.Add(line);
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length != 10)
            {
                throw Invalid(source, lineNo, $"expected 10 tab-separated columns, found {cols.Length}");
            }
            var l = new ConlluLine(cols);
            current.Lines.Add(l);
            if (l.IsWord)
            {
                if (!int.TryParse(cols[0], out int id) || id != current.Words.Count + 1)
                {
                    throw Invalid(source, lineNo, $"word ID {cols[0]} out of sequence (expected {current.Words.Count + 1})");
                }
                if (cols[1].Length == 0)
                {
                    throw Invalid(source, lineNo, "empty FORM");
                }
                current.Words.Add(l);
            }
            else if (!IsRange(cols[0]) && !IsEmptyNode(cols[0]))
            {
                throw Invalid(source, lineNo, $"'{cols[0]}' is not a word ID, a range or an empty node");
            }
        }
        Finish();
        return sentences;

        void Finish()
        {
            if (current.Lines.Count > 0 || current.Comments.Count > 0)
            {
                if (current.Words.Count == 0)
                {
                    throw Invalid(source, lineNo, "a sentence without word lines");
                }
                sentences.Add(current);
            }
            current = new ConlluSentence();
        }
    }

    private static bool IsRange(string id)
    {
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(id.AsSpan(0, dash), out _) && int.TryParse(id.AsSpan(dash + 1), out _);
    }

    private static bool IsEmptyNode(string id)
    {
        int dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(id.AsSpan(0, dot), out _) && int.TryParse(id.AsSpan(dot + 1), out _);
    }

    private static DepescheException Invalid(string source, int line, string message)
        => new(ErrorCodes.ConlluInvalid, $"{source}:{line}: {message}");

    public static void Write(TextWriter writer, IEnumerable<ConlluSentence> sentences)
    {
        foreach (var s in sentences)
        {
            foreach (string c in s.Comments)
            {
                writer.Write(c);
                writer.Write('\n');
            }
            foreach (var l in s.Lines)
            {
                writer.Write(string.Join('\t', l.Columns));
                writer.Write('\n');
            }
            writer.Write('\n');
        }
    }
}
