using System.CommandLine;
using Depesche.Store;

namespace Depesche.Cli;

/// <summary><c>depesche stats [--db FILE] [--format table|json]</c>: what the store holds.</summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var db = StoreOptions.Db();
        var format = StoreOptions.Format("table", "table", "json");
        var command = new Command("stats", "Count what a corpus store holds: documents, sentences, entities, quotes, events, time span.") { db, format };
        command.SetAction(parse => Execute(console, parse.GetValue(db)!, parse.GetValue(format)!));
        return command;
    }

    internal static int Execute(CliConsole console, string dbPath, string format)
    {
        using var store = CorpusStore.OpenRead(dbPath);
        var result = new StoreQueries(store).Stats();
        if (format == "json")
        {
            // One object (not a list): the counts of the whole store.
            using var w = new System.Text.Json.Utf8JsonWriter(console.Stdout, Output.DocumentJsonWriter.WriterOptions(indented: true));
            w.WriteStartObject();
            var row = result.Rows[0];
            for (int i = 0; i < result.Columns.Count; i++)
            {
                switch (row[i])
                {
                    case null:
                        w.WriteNull(result.Columns[i]);
                        break;
                    case long l:
                        w.WriteNumber(result.Columns[i], l);
                        break;
                    default:
                        w.WriteString(result.Columns[i], Convert.ToString(row[i], System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
            w.WriteEndObject();
            w.Flush();
            console.Stdout.Write("\n"u8);
            console.Stdout.Flush();
            return DepescheCli.ExitOk;
        }
        var pivot = new QueryResult(["what", "value"], [.. result.Columns.Select((c, i) => new object?[] { c, result.Rows[0][i] })]);
        ResultWriter.Write(console, pivot, "table");
        return DepescheCli.ExitOk;
    }
}
