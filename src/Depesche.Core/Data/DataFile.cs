using System.Reflection;

namespace Depesche.Data;

/// <summary>An example a data file carries: an input and what it must give. One test runs every example of every file.</summary>
public readonly record struct DataExample(string Input, string Expected, int Line);

/// <summary>One row of a data file: its tab-separated columns and its line number.</summary>
public readonly record struct DataRow(string[] Columns, int Line)
{
    public string this[int index] => Columns[index];

    public int Count => Columns.Length;

    /// <summary>The column, or <paramref name="fallback"/> when the row is shorter or the cell empty.</summary>
    public string Get(int index, string fallback = "") =>
        index < Columns.Length && Columns[index].Length > 0 ? Columns[index] : fallback;
}

/// <summary>
/// A UTF-8 data file in Depesche's one format:
/// <code>
/// #! depesche KIND VERSION
/// #! columns: a, b, c
/// # a comment
/// #? input =&gt; expected          (an example, run by the tests)
/// value&lt;TAB&gt;value&lt;TAB&gt;value
/// </code>
/// Knowledge lives in such files; code holds the mechanisms that read them.
/// </summary>
public sealed class DataFile
{
    private DataFile(string name, string kind, int version, IReadOnlyList<string> columns, IReadOnlyList<DataRow> rows, IReadOnlyList<DataExample> examples)
    {
        Name = name;
        Kind = kind;
        Version = version;
        Columns = columns;
        Rows = rows;
        Examples = examples;
    }

    public string Name { get; }

    public string Kind { get; }

    public int Version { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<DataRow> Rows { get; }

    public IReadOnlyList<DataExample> Examples { get; }

    /// <summary>Parses a data file; a missing or wrong header is a <see cref="ErrorCodes.DataFileInvalid"/> error.</summary>
    public static DataFile Parse(string name, string content, string expectedKind)
    {
        var rows = new List<DataRow>();
        var examples = new List<DataExample>();
        var columns = new List<string>();
        string? kind = null;
        int version = 0;
        int lineNo = 0;
        foreach (var rawLine in content.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = rawLine.TrimEnd('\r');
            if (lineNo == 1)
            {
                var header = line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (header.Length != 4 || header[0] != "#!" || header[1] != "depesche" || !int.TryParse(header[3], out version))
                {
                    throw Invalid(name, lineNo, "the first line must be '#! depesche KIND VERSION'");
                }
                kind = header[2];
                if (kind != expectedKind)
                {
                    throw Invalid(name, lineNo, $"expected a '{expectedKind}' file, found '{kind}'");
                }
                continue;
            }
            if (line.StartsWith("#! columns:"))
            {
                columns.AddRange(line["#! columns:".Length..].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            if (line.StartsWith("#?"))
            {
                string ex = line[2..].ToString();
                int arrow = ex.LastIndexOf("=>", StringComparison.Ordinal);
                if (arrow < 0)
                {
                    throw Invalid(name, lineNo, "an example needs 'input => expected'");
                }
                examples.Add(new DataExample(ex[..arrow].Trim(), ex[(arrow + 2)..].Trim(), lineNo));
                continue;
            }
            if (line.IsEmpty || line[0] == '#' || line.IsWhiteSpace())
            {
                continue;
            }
            rows.Add(new DataRow(line.ToString().Split('\t'), lineNo));
        }
        if (kind is null)
        {
            throw Invalid(name, 1, "the file is empty");
        }
        return new DataFile(name, kind, version, columns, rows, examples);
    }

    /// <summary>Loads a data file embedded in <paramref name="assembly"/> under the logical name <paramref name="resourceName"/>.</summary>
    public static DataFile LoadEmbedded(Assembly assembly, string resourceName, string expectedKind)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new DepescheException(ErrorCodes.DataFileInvalid, $"data file '{resourceName}' is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(resourceName, reader.ReadToEnd(), expectedKind);
    }

    public static DepescheException Invalid(string name, int line, string message)
        => new(ErrorCodes.DataFileInvalid, $"{name}:{line}: {message}");
}
