using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Depesche.German;
using Depesche.Input;
using Depesche.Output;

namespace Depesche.Cli;

/// <summary><c>depesche extract PATH… | -</c>: reads reports and writes the JSON contract of OUTPUT.md.</summary>
internal static class ExtractCommand
{
    private static readonly DocumentJsonWriter.Extension[] s_extensions = [German.Syntax.SyntaxJson.Extension];

    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths("Report files, folders of .txt files, JSON Lines files, or - for standard input.");
        var date = CommonOptions.Date();
        var format = new Option<string>("--format")
        {
            Description = "json: one object (an array for several reports); jsonl: one object per line; events: one event per line, tab-separated, with a header line.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "events");
        var pretty = new Option<bool>("--pretty") { Description = "Indent the JSON." };
        var tokens = new Option<bool>("--tokens") { Description = "Also write every token." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically: all or nothing) instead of standard output." };
        var inputFormat = CommonOptions.InputFormatOption();
        var threads = new Option<int>("--threads")
        {
            Description = "Reports processed at once (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        var command = new Command("extract", "Read reports and write what Depesche finds in them as JSON.")
        {
            paths, date, format, pretty, tokens, output, inputFormat, threads,
        };
        command.SetAction(parse => Execute(
            console,
            parse.GetValue(paths)!,
            new ExtractSettings(
                CommonOptions.ParseDate(parse.GetValue(date)),
                parse.GetValue(format) is "jsonl" or "events",
                parse.GetValue(pretty),
                parse.GetValue(tokens),
                parse.GetValue(output),
                CommonOptions.ParseInputFormat(parse.GetValue(inputFormat)!),
                parse.GetValue(threads),
                parse.GetValue(format) == "events")));
        return command;
    }

    internal sealed record ExtractSettings(DateOnly? Date, bool JsonLines, bool Pretty, bool Tokens, string? OutputPath, InputFormat InputFormat, int Threads, bool EventTable = false);

    private readonly record struct Result(byte[]? Json, InputError? Error);

    internal static int Execute(CliConsole console, string[] paths, ExtractSettings settings)
    {
        if (settings.Threads < 1)
        {
            throw new DepescheException(ErrorCodes.InvalidArgument, "--threads must be at least 1");
        }
        var pipeline = GermanPipeline.Default;
        var reader = new InputReader(settings.InputFormat, console.OpenStdin);
        var jsonOptions = new JsonWriteOptions { Indented = settings.Pretty && !settings.JsonLines, IncludeTokens = settings.Tokens };

        var results = reader.Read(paths)
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(settings.Threads)
            .Select(item =>
            {
                if (item.Error is { } error)
                {
                    return new Result(null, error);
                }
                var record = item.Record!;
                try
                {
                    var doc = pipeline.Process(record.ToDocument(settings.Date));
                    if (settings.EventTable)
                    {
                        return new Result(EventTsv.Write(doc), null);
                    }
                    var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, record.Text.Length * 4));
                    using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.WriterOptions(jsonOptions.Indented)))
                    {
                        DocumentJsonWriter.Write(writer, doc, jsonOptions, s_extensions);
                    }
                    return new Result(buffer.WrittenSpan.ToArray(), null);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    string where = Environment.GetEnvironmentVariable("DEPESCHE_DEBUG") == "1" ? Environment.NewLine + ex.StackTrace : "";
                    return new Result(null, new InputError(ErrorCodes.Internal, record.Source, null, $"processing failed: {ex.GetType().Name}: {ex.Message} (a bug in Depesche){where}"));
                }
            });

        using var sink = OutputSink.Open(settings.OutputPath, console.Stdout);
        int errors = 0;
        int written = 0;
        byte[]? held = null; // with --format json, the first object waits to see whether an array is needed
        try
        {
            if (settings.EventTable)
            {
                sink.Write(System.Text.Encoding.UTF8.GetBytes(EventTsv.Header));
            }
            foreach (var result in results)
            {
                if (result.Error is { } error)
                {
                    errors++;
                    console.Error(error.Code, error.Line is { } l ? $"{error.Source}:{l}: {error.Message}" : $"{error.Source}: {error.Message}");
                    continue;
                }
                var json = result.Json!;
                if (settings.EventTable)
                {
                    sink.Write(json); // complete lines, possibly none
                }
                else if (settings.JsonLines)
                {
                    sink.Write(json);
                    sink.Write("\n"u8);
                }
                else if (written == 0)
                {
                    held = json;
                }
                else
                {
                    if (written == 1)
                    {
                        sink.Write("[\n"u8);
                        sink.Write(held!);
                        held = null;
                    }
                    sink.Write(",\n"u8);
                    sink.Write(json);
                }
                written++;
            }
            if (!settings.JsonLines)
            {
                if (written == 1)
                {
                    sink.Write(held!);
                    sink.Write("\n"u8);
                }
                else if (written > 1)
                {
                    sink.Write("\n]\n"u8);
                }
            }
            sink.Commit();
        }
        catch (IOException ex)
        {
            console.Error(ErrorCodes.WriteFailed, $"could not write the output: {ex.Message}");
            return DepescheCli.ExitOutput;
        }
        if (errors > 0)
        {
            console.Info($"depesche: {written} report(s) written, {errors} input(s) failed");
            return DepescheCli.ExitInputErrors;
        }
        return DepescheCli.ExitOk;
    }
}
