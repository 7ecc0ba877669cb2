using System.Text;
using Depesche.Cli;

namespace Depesche.Tests;

/// <summary>Runs the depesche command in-process with in-memory streams.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string[] args, string? stdin = null)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var console = new CliConsole(() => new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? "")), stdout, stderr);
        int code = DepescheCli.Run(args, console);
        return new Result(code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public static string Sample(string name) => Path.Combine(SharedData.RepositoryRoot!, "samples", name);

    /// <summary>No .NET stack trace ever reaches the user.</summary>
    public static void AssertNoStackTrace(Result r)
    {
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception:", r.Stderr);
    }
}
