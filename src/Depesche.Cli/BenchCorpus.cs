using Depesche.Input;

namespace Depesche.Cli;

/// <summary>Reads a benchmark corpus, naming every bad input, for the bench commands.</summary>
internal static class BenchCorpus
{
    /// <summary>The readable reports, or an exit code when there are none.</summary>
    public static (List<InputRecord> Records, int Errors, int? Exit) Read(CliConsole console, string[] paths)
    {
        var records = new List<InputRecord>();
        int errors = 0;
        foreach (var item in new InputReader(InputFormat.Auto, console.OpenStdin).Read(paths))
        {
            if (item.Error is { } e)
            {
                errors++;
                console.Error(e.Code, e.Line is { } line ? $"{e.Source}:{line}: {e.Message}" : $"{e.Source}: {e.Message}");
                continue;
            }
            records.Add(item.Record!);
        }
        if (records.Count == 0)
        {
            console.Error(ErrorCodes.InvalidArgument, "the corpus holds no readable report");
            return (records, errors, errors > 0 ? DepescheCli.ExitInputErrors : DepescheCli.ExitUsage);
        }
        return (records, errors, null);
    }
}
