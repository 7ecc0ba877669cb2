namespace Depesche.Cli;

public static class Program
{
    public static int Main(string[] args) => DepescheCli.Run(args, CliConsole.System);
}
