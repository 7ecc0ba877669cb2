using System.Globalization;
using System.Text;
using System.Text.Json;
using Depesche.Cli;
using Depesche.German;
using Depesche.Input;
using Depesche.Model;
using Depesche.Processing;
using Depesche.Store;
using Depesche.Store.Bench;

namespace Depesche.Tests;

/// <summary>A folder that is deleted after the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Root = Path.Combine(Path.GetTempPath(), "depesche-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string File(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Synthetic reports written for these tests, and the pipeline that annotates them.</summary>
public static class Samples
{
    public static readonly (string Name, EntityType Type)[] Names =
    [
        ("Angela Müller", EntityType.Person),
        ("Jürgen Weiß", EntityType.Person),
        ("Nato", EntityType.Organisation),
        ("Bundesregierung", EntityType.Organisation),
        ("Brüssel", EntityType.Location),
        ("Kiew", EntityType.Location),
    ];

    private static readonly string[] s_topics = ["Verteidigung", "Haushalt", "Energie", "Sanktionen", "Flüchtlinge"];

    /// <summary>A report of a few paragraphs; <paramref name="k"/> varies numbers, topic and month.</summary>
    public static string Report(int k)
    {
        string topic = s_topics[k % s_topics.Length];
        int month = 1 + (k % 12);
        return string.Create(CultureInfo.InvariantCulture, $"""
             date 2022-{month:D2} 

            Brüssel (dpa) - Die Nato hat {100 + k} Soldaten nach Osteuropa verlegt. Angela Müller kritisierte die Bundesregierung wegen der {topic}. „Das Bündnis muss jetzt handeln“, sagte Angela Müller in Brüssel.

            Jürgen Weiß widersprach der Kritik: „Wir brauchen Geduld bei der {topic}.“ Bericht Nummer {k} aus dem Jahr 2022.

            In Kiew warteten {20 + k % 7} Familien auf Nachricht.
            """);
    }

    /// <summary>JSON Lines of reports <paramref name="from"/> … <paramref name="from"/>+<paramref name="count"/>-1, with ids and dates unless told otherwise.</summary>
    public static string JsonLines(int count, int from = 0, bool ids = true, bool dates = true)
    {
        var sb = new StringBuilder();
        for (int k = from; k < from + count; k++)
        {
            var record = new Dictionary<string, object>();
            if (ids)
            {
                record["id"] = $"r{k:D5}";
            }
            if (dates)
            {
                record["date"] = new DateOnly(2022, 1, 1).AddDays(k % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            record["text"] = Report(k);
            sb.Append(JsonSerializer.Serialize(record)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Header and segmentation from the German pipeline, then the synthetic annotator for every
    /// annotation layer: the store is tested on known layers, independent of how the German
    /// components evolve (the CLI tests run the real pipeline end to end).
    /// </summary>
    public static Pipeline Annotating()
    {
        var builder = Pipeline.CreateBuilder();
        foreach (var c in GermanPipeline.Create(Stage.Segment).Components)
        {
            builder.Add(c);
        }
        return builder.Add(new SyntheticAnnotator(Names)).Build();
    }

    public static IEnumerable<InputItem> Items(string jsonLines, string name = "samples.jsonl")
        => InputReader.ReadJsonLines(Encoding.UTF8.GetBytes(jsonLines), name, Path.GetFileNameWithoutExtension(name));

    /// <summary>Ingests with the annotating pipeline.</summary>
    public static IngestSummary Ingest(string db, IEnumerable<InputItem> items, int threads = 2, int batch = 7)
    {
        using var store = CorpusStore.OpenWrite(db);
        return Ingester.Run(store, items, Annotating(), new IngestOptions { Threads = threads, BatchSize = batch });
    }
}

/// <summary>Runs the <c>depesche</c> command in-process with captured output.</summary>
public sealed class CliRun
{
    private CliRun(int exit, string stdout, string stderr)
    {
        Exit = exit;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int Exit { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    public static CliRun Of(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var console = new CliConsole(() => new MemoryStream(), stdout, stderr);
        int exit = DepescheCli.Run(args, console);
        return new CliRun(exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement.Clone();
}
