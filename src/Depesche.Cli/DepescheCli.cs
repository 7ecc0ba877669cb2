using System.CommandLine;
using System.Reflection;

namespace Depesche.Cli;

/// <summary>The <c>depesche</c> command: its subcommands and how errors become exit codes.</summary>
public static class DepescheCli
{
    /// <summary>Exit codes: 0 all good; 1 some input could not be read (the rest was processed); 2 bad arguments; 3 output could not be written; 70 internal error.</summary>
    public const int ExitOk = 0;
    public const int ExitInputErrors = 1;
    public const int ExitUsage = 2;
    public const int ExitOutput = 3;
    public const int ExitInternal = 70;

    public static string Version =>
        typeof(DepescheCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("Depesche reads German news reports and turns each into structured, linked facts.");
        root.Subcommands.Add(ExtractCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(LexiconCommand.Create(console));
        root.Subcommands.Add(SyntaxCommands.CreateTrain(console).With(NerCommands.CreateTrain(console)).With(ClusterCommand.Create(console)));
        root.Subcommands.Add(NerCommands.CreateNer(console));
        root.Subcommands.Add(SyntaxCommands.CreateParse(console));
        root.Subcommands.Add(IngestCommand.Create(console));
        root.Subcommands.Add(StatsCommand.Create(console));
        root.Subcommands.Add(QueryCommand.Create(console));
        root.Subcommands.Add(SearchCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(KbCommand.Create(console));
        return root;
    }

    public static int Run(string[] args, CliConsole console)
    {
        try
        {
            var root = BuildRoot(console);
            var parse = root.Parse(args);
            using var stdoutWriter = console.CreateStdoutWriter();
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    console.Error(ErrorCodes.InvalidArgument, error.Message);
                }
                console.Info("Run 'depesche --help' for usage.");
                return ExitUsage;
            }
            var config = new InvocationConfiguration
            {
                Output = stdoutWriter,
                Error = console.Stderr,
                EnableDefaultExceptionHandler = false,
            };
            int code = parse.Invoke(config);
            stdoutWriter.Flush();
            return code;
        }
        catch (DepescheException ex)
        {
            console.Error(ex.Code, ex.Message);
            return ex.Code switch
            {
                ErrorCodes.InvalidArgument => ExitUsage,
                ErrorCodes.WriteFailed => ExitOutput,
                ErrorCodes.Internal or ErrorCodes.PipelineOrder or ErrorCodes.DataFileInvalid or ErrorCodes.KnowledgeDataInvalid => ExitInternal,
                _ => ExitInputErrors,
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            console.Error(ErrorCodes.Internal, $"unexpected failure: {ex.GetType().Name}: {ex.Message}. This is a bug in Depesche; set DEPESCHE_DEBUG=1 to see where.");
            if (Environment.GetEnvironmentVariable("DEPESCHE_DEBUG") == "1")
            {
                console.Stderr.WriteLine(ex.ToString());
            }
            return ExitInternal;
        }
    }
}
