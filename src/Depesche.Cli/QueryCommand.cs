using System.CommandLine;
using Depesche.Store;

namespace Depesche.Cli;

/// <summary>
/// <c>depesche query quotes|entities|events|timeline …</c>: questions across all stored reports. Every
/// row names its document and the code-point offsets of its evidence.
/// </summary>
internal static class QueryCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("query", "Ask a corpus store: quotes, entities, events, or the timeline of an entity.");
        command.Subcommands.Add(Quotes(console));
        command.Subcommands.Add(Entities(console));
        command.Subcommands.Add(Events(console));
        command.Subcommands.Add(Timeline(console));
        return command;
    }

    private static Option<string> Format() => StoreOptions.Format("table", "table", "json", "csv");

    private static Command Quotes(CliConsole console)
    {
        var db = StoreOptions.Db();
        var format = Format();
        var limit = StoreOptions.Limit(1000);
        var speaker = new Option<string?>("--speaker") { Description = "Speakers whose name contains this (case and accents ignored)." };
        var about = new Option<string?>("--about") { Description = "Quotes whose text contains this." };
        var from = new Option<string?>("--from") { Description = "Reports dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).", HelpName = "DATE" };
        var to = new Option<string?>("--to") { Description = "Reports dated on or before this day.", HelpName = "DATE" };
        var cmd = new Command("quotes", "Who said what: quotations with speaker, by speaker, topic and date.") { db, format, limit, speaker, about, from, to };
        cmd.SetAction(parse =>
        {
            var filter = new QuoteFilter(parse.GetValue(speaker), parse.GetValue(about),
                StoreOptions.ParseDay(parse.GetValue(from), "--from"), StoreOptions.ParseDay(parse.GetValue(to), "--to"), parse.GetValue(limit));
            return Run(console, parse.GetValue(db)!, parse.GetValue(format)!, q => q.Quotes(filter));
        });
        return cmd;
    }

    private static Command Entities(CliConsole console)
    {
        var db = StoreOptions.Db();
        var format = Format();
        var type = new Option<string?>("--type") { Description = "PER, ORG, LOC or OTH." };
        var top = new Option<int>("--top") { Description = "The N entities named in the most reports (0: all).", DefaultValueFactory = _ => 20 };
        var cmd = new Command("entities", "The entities named in the most reports, with an example of where.") { db, format, type, top };
        cmd.SetAction(parse => Run(console, parse.GetValue(db)!, parse.GetValue(format)!, q => q.Entities(parse.GetValue(type), parse.GetValue(top))));
        return cmd;
    }

    private static Command Events(CliConsole console)
    {
        var db = StoreOptions.Db();
        var format = Format();
        var limit = StoreOptions.Limit(1000);
        var type = new Option<string?>("--type") { Description = "PLOVER event type (e.g. MOBILIZE)." };
        var actor = new Option<string?>("--actor") { Description = "Events whose actor's name contains this." };
        var target = new Option<string?>("--target") { Description = "Events whose target's name contains this." };
        var cmd = new Command("events", "Who did what to whom: events by type, actor and target.") { db, format, limit, type, actor, target };
        cmd.SetAction(parse => Run(console, parse.GetValue(db)!, parse.GetValue(format)!,
            q => q.Events(new EventFilter(parse.GetValue(type), parse.GetValue(actor), parse.GetValue(target), parse.GetValue(limit)))));
        return cmd;
    }

    private static Command Timeline(CliConsole console)
    {
        var db = StoreOptions.Db();
        var format = Format();
        var limit = StoreOptions.Limit(1000);
        var entity = new Option<string>("--entity") { Description = "The entity's name (or part of it).", Required = true };
        var cmd = new Command("timeline", "Everything about one entity in date order: its events, its quotes, the reports that name it.") { db, format, limit, entity };
        cmd.SetAction(parse => Run(console, parse.GetValue(db)!, parse.GetValue(format)!, q => q.Timeline(parse.GetValue(entity)!, parse.GetValue(limit))));
        return cmd;
    }

    internal static int Run(CliConsole console, string dbPath, string format, Func<StoreQueries, QueryResult> query)
    {
        using var store = CorpusStore.OpenRead(dbPath);
        var result = query(new StoreQueries(store));
        ResultWriter.Write(console, result, format);
        return DepescheCli.ExitOk;
    }
}
