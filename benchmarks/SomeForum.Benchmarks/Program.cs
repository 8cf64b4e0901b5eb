using BenchmarkDotNet.Running;

namespace SomeForum.Benchmarks;

public static class BenchmarkEntry
{
    /// <summary>
    /// <c>prepare FILE [COMMENTS]</c> writes the large-thread database for a load test of the real
    /// server (benchmarks/load.sh); anything else runs the BenchmarkDotNet suite.
    /// </summary>
    public static async Task Main(string[] args)
    {
        if (args is ["prepare", var file, ..])
        {
            var comments = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
            await LargeThread.CreateAsync(Path.GetFullPath(file), comments);
            Console.WriteLine($"{file}: one post, /posts/{LargeThread.Slug}, with {comments} comments");
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(ThreadPageBenchmarks).Assembly).Run(args);
    }
}
