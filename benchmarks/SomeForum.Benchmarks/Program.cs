using BenchmarkDotNet.Running;

namespace SomeForum.Benchmarks;

public static class BenchmarkEntry
{
    /// <summary>Runs the BenchmarkDotNet suite (the load test of the real server is benchmarks/load.sh).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(ThreadPageBenchmarks).Assembly).Run(args);
}
