using BenchmarkDotNet.Running;

namespace Depesche.Benchmarks;

/// <summary>
/// Micro-benchmarks of hot paths. Run: dotnet run -c Release --project bench/Depesche.Benchmarks -- --filter '*'
/// Whole-stage throughput against a floor is `depesche bench`.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
