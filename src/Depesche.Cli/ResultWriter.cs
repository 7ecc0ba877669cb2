using System.Globalization;
using System.Text;
using System.Text.Json;
using Depesche.Output;
using Depesche.Store;

namespace Depesche.Cli;

/// <summary>Writes query rows as an aligned table (for people), a JSON array of objects, or CSV (RFC 4180).</summary>
internal static class ResultWriter
{
    /// <summary>Cells longer than this are cut in tables (JSON and CSV keep everything).</summary>
    public const int MaxCellWidth = 70;

    public static void Write(CliConsole console, QueryResult result, string format)
    {
        switch (format)
        {
            case "json":
                WriteJson(console.Stdout, result);
                break;
            case "csv":
                using (var w = console.CreateStdoutWriter())
                {
                    WriteCsv(w, result);
                }
                break;
            default:
                using (var w = console.CreateStdoutWriter())
                {
                    WriteTable(w, result);
                }
                break;
        }
        console.Stdout.Flush();
    }

    public static void WriteJson(Stream stream, QueryResult result)
    {
        using var w = new Utf8JsonWriter(stream, DocumentJsonWriter.WriterOptions(indented: true));
        w.WriteStartArray();
        foreach (var row in result.Rows)
        {
            w.WriteStartObject();
            for (int i = 0; i < result.Columns.Count; i++)
            {
                string name = result.Columns[i];
                switch (row[i])
                {
                    case null:
                        w.WriteNull(name);
                        break;
                    case long l:
                        w.WriteNumber(name, l);
                        break;
                    case int n:
                        w.WriteNumber(name, n);
                        break;
                    case double d when double.IsFinite(d):
                        w.WriteNumber(name, d == 0 ? 0.0 : d); // no "-0"
                        break;
                    case double:
                        w.WriteNull(name);
                        break;
                    default:
                        w.WriteString(name, Convert.ToString(row[i], CultureInfo.InvariantCulture));
                        break;
                }
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Flush();
        stream.Write("\n"u8);
    }

    public static void WriteCsv(TextWriter w, QueryResult result)
    {
        w.Write(string.Join(',', result.Columns.Select(Csv)));
        w.Write("\r\n");
        foreach (var row in result.Rows)
        {
            w.Write(string.Join(',', row.Select(v => Csv(Cell(v)))));
            w.Write("\r\n");
        }
    }

    public static void WriteTable(TextWriter w, QueryResult result)
    {
        var cells = result.Rows.Select(r => r.Select(v => Clip(Cell(v))).ToArray()).ToList();
        var widths = result.Columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        for (int i = 0; i < widths.Length; i++)
        {
            sb.Append(result.Columns[i].PadRight(widths[i])).Append(i + 1 < widths.Length ? "  " : "");
        }
        w.WriteLine(sb.ToString().TrimEnd());
        sb.Clear();
        for (int i = 0; i < widths.Length; i++)
        {
            sb.Append(new string('-', widths[i])).Append(i + 1 < widths.Length ? "  " : "");
        }
        w.WriteLine(sb.ToString());
        foreach (var row in cells)
        {
            sb.Clear();
            for (int i = 0; i < widths.Length; i++)
            {
                bool numeric = result.Rows.Count > 0 && row[i].Length > 0 && row[i].All(c => char.IsDigit(c) || c is '.' or '-');
                sb.Append(numeric ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i])).Append(i + 1 < widths.Length ? "  " : "");
            }
            w.WriteLine(sb.ToString().TrimEnd());
        }
        w.WriteLine($"({result.Rows.Count} row{(result.Rows.Count == 1 ? "" : "s")})");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Clip(string s)
    {
        s = s.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return s.Length <= MaxCellWidth ? s : s[..(MaxCellWidth - 1)] + "…";
    }

    private static string Csv(string s)
        => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
