using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Depesche.Knowledge;
using Depesche.Model;

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

        var paths = new Argument<string[]>("paths") { Description = "A corpus: report files, folders or JSON Lines.", Arity = ArgumentArity.OneOrMore };
        var seconds = new Option<double>("--min-seconds") { Description = "Repeat the corpus until the measurement has run at least this long.", DefaultValueFactory = _ => 3.0 };
        var bench = new Command("bench", "Throughput of the linker alone, over candidates the gazetteer marks (a stand-in until the recogniser exists).") { paths, seconds };
        bench.SetAction(parse => Bench(console, parse.GetValue(paths)!, parse.GetValue(seconds)));
        command.Subcommands.Add(bench);

        var linkPaths = new Argument<string[]>("paths") { Description = "Reports: files, folders, JSON Lines, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var date = new Option<string?>("--date") { Description = "Reference date YYYY-MM-DD for role nouns (default: the report's own date)." };
        var link = new Command("link", "Segment reports, mark names with the gazetteer (a stand-in for the recogniser) and link them; one JSON object per line.") { linkPaths, date };
        link.SetAction(parse => Link(console, parse.GetValue(linkPaths)!, CommonOptions.ParseDate(parse.GetValue(date))));
        command.Subcommands.Add(link);

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

    /// <summary>
    /// Segments the corpus once, marks mention candidates with the gazetteer (names, adjectives, compounds;
    /// role nouns are left to the linker), then times only the linker over fresh documents that share those
    /// layers. Reports linked tokens per second on one core.
    /// </summary>
    internal static int Bench(CliConsole console, string[] paths, double minSeconds)
    {
        if (minSeconds is <= 0 or > 3600 || double.IsNaN(minSeconds))
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--min-seconds must be between 0 and 3600");
        }
        var kb = KnowledgeBase.Default;
        var mentions = new Knowledge.Linking.GazetteerMentions(kb);
        var segment = German.GermanPipeline.Create(German.Stage.Segment);
        var prepared = new List<(string Text, PartialDate? Date, System.Collections.Immutable.ImmutableArray<TokenInfo> Tokens, System.Collections.Immutable.ImmutableArray<Sentence> Sentences, System.Collections.Immutable.ImmutableArray<MentionCandidate> Candidates)>();
        long tokens = 0;
        int errors = 0;
        foreach (var item in new Input.InputReader(Input.InputFormat.Auto, console.OpenStdin).Read(paths))
        {
            if (item.Error is { } e)
            {
                errors++;
                console.Error(e.Code, e.ToString());
                continue;
            }
            var doc = item.Record!.ToDocument();
            segment.Process(doc);
            var cands = mentions.Find(doc.Text, doc.Tokens.AsSpan());
            tokens += doc.Tokens.Length;
            prepared.Add((doc.Text, doc.ReferenceDate ?? new PartialDate(2022, 2, 25), doc.Tokens, doc.Sentences, cands));
        }
        if (prepared.Count == 0)
        {
            console.Error(ErrorCodes.InvalidArgument, "the corpus holds no readable report");
            return errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitUsage;
        }
        var linker = new Knowledge.Linking.EntityLinker(kb);
        long entities = 0;
        void Pass()
        {
            foreach (var p in prepared)
            {
                var doc = new Document(p.Text, "bench", "bench", p.Date);
                doc.Set(Processing.Layers.Tokens, p.Tokens);
                doc.Set(Processing.Layers.Sentences, p.Sentences);
                doc.Set(Processing.Layers.EntityMentions, p.Candidates);
                linker.Process(doc);
                entities += doc.Get(Processing.Layers.Entities).Length;
            }
        }
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(1.0, minSeconds / 2))
        {
            Pass();
        }
        int passes = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            Pass();
            passes++;
        }
        while (sw.Elapsed.TotalSeconds < minSeconds);
        double seconds = sw.Elapsed.TotalSeconds;
        var json = new Dictionary<string, object>
        {
            ["stage"] = "link",
            ["documents"] = prepared.Count,
            ["tokens"] = tokens,
            ["candidates"] = prepared.Sum(p => p.Candidates.Length),
            ["tokens_per_s"] = Math.Round(tokens * passes / seconds),
            ["documents_per_s"] = Math.Round(prepared.Count * passes / seconds),
        };
        using var stdout = console.CreateStdoutWriter();
        stdout.WriteLine(JsonSerializer.Serialize(json));
        stdout.Flush();
        return errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitOk;
    }

    /// <summary>Header and segmentation, gazetteer candidates, the linker; JSON Lines with the entities on standard output.</summary>
    internal static int Link(CliConsole console, string[] paths, DateOnly? date)
    {
        var segment = German.GermanPipeline.Create(German.Stage.Segment);
        var mentions = new Knowledge.Linking.GazetteerMentions();
        var linker = new Knowledge.Linking.EntityLinker();
        var options = new Output.JsonWriteOptions();
        int errors = 0;
        using var sink = OutputSink.Open(null, console.Stdout);
        foreach (var item in new Input.InputReader(Input.InputFormat.Auto, console.OpenStdin).Read(paths))
        {
            if (item.Error is { } e)
            {
                errors++;
                console.Error(e.Code, e.ToString());
                continue;
            }
            var doc = segment.Process(item.Record!.ToDocument(date));
            mentions.Process(doc);
            linker.Process(doc);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(1024, doc.Text.Length * 4));
            using (var writer = new Utf8JsonWriter(buffer, Output.DocumentJsonWriter.WriterOptions(false)))
            {
                Output.DocumentJsonWriter.Write(writer, doc, options, [WriteFacts]);
            }
            sink.Write(buffer.WrittenSpan);
            sink.Write("\n"u8);
        }
        sink.Commit();
        return errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitOk;
    }

    /// <summary>The linker's facts (roles, ages, whom a person acts for) as an extension field <c>entity_facts</c>.</summary>
    private static void WriteFacts(Utf8JsonWriter w, Document doc, Output.CodePointMap map, Output.JsonWriteOptions options)
    {
        w.WriteStartArray("entity_facts");
        foreach (var f in doc.GetOrEmpty(Knowledge.Linking.KnowledgeLayers.EntityFacts))
        {
            w.WriteStartObject();
            w.WriteNumber("entity", f.Entity);
            w.WriteString("kind", f.Kind.ToString().ToLowerInvariant());
            w.WriteString("value", f.Value);
            w.WriteString("office", f.Office);
            w.WriteString("of", f.OfActor);
            w.WriteNumber("start", map.ToCodePoint(f.Evidence.Start));
            w.WriteNumber("end", map.ToCodePoint(f.Evidence.End));
            w.WriteString("text", doc.TextOf(f.Evidence));
            w.WriteEndObject();
        }
        w.WriteEndArray();
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
