using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Depesche.Knowledge;

namespace Depesche.Cli;

/// <summary>
/// <c>depesche kb stats</c>: what the knowledge base holds and how long loading it takes (first load in a
/// fresh process, then the median of repeated loads); <c>depesche kb query "role Kremlchef 2022-02-25"</c>:
/// one query of the language the data files' examples use.
/// </summary>
internal static class KbCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("kb", "Inspect the knowledge base of actors.");

        var repeat = new Option<int>("--repeat")
        {
            Description = "How many more times to load it for the median load time.",
            DefaultValueFactory = _ => 10,
        };
        var stats = new Command("stats", "Counts of countries, organisations, persons and terms of office, and the load time.") { repeat };
        stats.SetAction(parse => Stats(console, parse.GetValue(repeat)));
        command.Subcommands.Add(stats);

        var text = new Argument<string>("query") { Description = KnowledgeQuery.Help };
        var query = new Command("query", "Run one knowledge-base query.") { text };
        query.SetAction(parse => Query(console, parse.GetValue(text)!));
        command.Subcommands.Add(query);
        return command;
    }

    internal static int Stats(CliConsole console, int repeat)
    {
        if (repeat is < 0 or > 1000)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--repeat must be between 0 and 1000");
        }
        var sw = Stopwatch.StartNew();
        var kb = KnowledgeBase.Load();
        double first = sw.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            sw.Restart();
            KnowledgeBase.Load();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double median = times.Count > 0 ? times[times.Count / 2] : first;
        var countries = kb.Actors.Where(a => a.Kind == ActorKind.Country).ToList();
        var json = new Dictionary<string, object>
        {
            ["countries_and_territories"] = countries.Count,
            ["un_members"] = countries.Count(a => a.Status == "member"),
            ["other_states"] = countries.Count(a => a.Status is "observer" or "partial" or "disputed" or "associated"),
            ["organisations"] = kb.Count(ActorKind.Organisation),
            ["places"] = kb.Count(ActorKind.Place),
            ["persons"] = kb.Count(ActorKind.Person),
            ["terms_of_office"] = kb.Holdings.Count,
            ["memberships"] = kb.Memberships.Count,
            ["role_nouns"] = kb.Roles.Count,
            ["files"] = kb.DataFiles.Select(f => new { f.Name, f.Kind, f.Rows, f.Examples }).ToArray(),
            ["first_load_ms"] = Math.Round(first, 1),
            ["median_load_ms"] = Math.Round(median, 1),
        };
        using var stdout = console.CreateStdoutWriter();
        stdout.WriteLine(JsonSerializer.Serialize(json));
        stdout.Flush();
        return DepescheCli.ExitOk;
    }

    internal static int Query(CliConsole console, string query)
    {
        string answer;
        try
        {
            answer = KnowledgeQuery.Run(KnowledgeBase.Default, query);
        }
        catch (DepescheException ex) when (ex.Code == ErrorCodes.KnowledgeQueryInvalid)
        {
            console.Error(ex.Code, ex.Message);
            return DepescheCli.ExitUsage;
        }
        using var stdout = console.CreateStdoutWriter();
        stdout.WriteLine(answer.ToString(CultureInfo.InvariantCulture));
        stdout.Flush();
        return DepescheCli.ExitOk;
    }
}
