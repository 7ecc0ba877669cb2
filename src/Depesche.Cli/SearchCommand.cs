using System.CommandLine;
using Depesche.Store;

namespace Depesche.Cli;

/// <summary><c>depesche search TEXT</c>: full-text search over the stored reports, case and umlauts folded.</summary>
internal static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var text = new Argument<string>("text") { Description = "Words that must all occur (case and accents ignored: Bundnis finds Bündnis)." };
        var db = StoreOptions.Db();
        var format = StoreOptions.Format("table", "table", "json", "csv");
        var limit = StoreOptions.Limit(100);
        var raw = new Option<bool>("--raw") { Description = "Pass TEXT to SQLite FTS5 as a query (OR, NOT, \"phrases\", prefix*, NEAR)." };
        var command = new Command("search", "Full-text search over the stored reports, with highlighted snippets (<b>…</b>).") { text, db, format, limit, raw };
        command.SetAction(parse => QueryCommand.Run(console, parse.GetValue(db)!, parse.GetValue(format)!,
            q => q.Search(parse.GetValue(text)!, parse.GetValue(raw), parse.GetValue(limit))));
        return command;
    }
}
