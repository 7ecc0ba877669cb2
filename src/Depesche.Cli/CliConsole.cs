using System.Text;

namespace Depesche.Cli;

/// <summary>The streams a command talks to; tests give it in-memory ones.</summary>
public sealed class CliConsole
{
    public CliConsole(Func<Stream> openStdin, Stream stdout, TextWriter stderr)
    {
        OpenStdin = openStdin;
        Stdout = stdout;
        Stderr = stderr;
    }

    public static CliConsole System => new(Console.OpenStandardInput, Console.OpenStandardOutput(), CreateStderr());

    public Func<Stream> OpenStdin { get; }

    /// <summary>Raw standard output: JSON is written as UTF-8 bytes, never through a console encoding.</summary>
    public Stream Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>A text view of standard output for tables and messages (UTF-8, no BOM).</summary>
    public TextWriter CreateStdoutWriter() => new StreamWriter(Stdout, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { AutoFlush = false };

    private static TextWriter CreateStderr()
    {
        var w = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        return w;
    }

    /// <summary>Prints an error with its stable code: <c>depesche: DEP0001: message</c>.</summary>
    public void Error(string code, string message) => Stderr.WriteLine($"depesche: {code}: {message}");

    public void Info(string message) => Stderr.WriteLine(message);
}
