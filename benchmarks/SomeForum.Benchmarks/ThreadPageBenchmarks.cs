using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SomeForum.Benchmarks;

/// <summary>
/// A post with 10,000 comments, served by the real app in process (TestServer, no network):
/// the first and last page of 50 top-level threads, a permalink's redirect, and all 10,000 on one page.
/// </summary>
[MemoryDiagnoser]
public class ThreadPageBenchmarks
{
    private const int Comments = 10_000;
    private string file = "";
    private WebApplicationFactory<Program> paged = null!;
    private WebApplicationFactory<Program> unpaged = null!;
    private HttpClient pagedClient = null!;
    private HttpClient unpagedClient = null!;

    [GlobalSetup]
    public void Setup()
    {
        file = Path.Combine(Path.GetTempPath(), $"someforum-bench-{Guid.NewGuid():N}.db");
        LargeThread.CreateAsync(file, Comments).GetAwaiter().GetResult();
        paged = App("50");
        unpaged = App("0");
        pagedClient = paged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        unpagedClient = unpaged.CreateClient();
        // Warm both apps: start-up, migrations check, the first query plans.
        _ = FirstPage();
        _ = AllOnOnePage();
    }

    private WebApplicationFactory<Program> App(string pageSize) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Production");
        b.UseSetting("ConnectionStrings:Forum", $"Data Source={file}");
        b.UseSetting("Comments:PageSize", pageSize);
        b.UseSetting("Logging:LogLevel:Default", "Warning");
    });

    [GlobalCleanup]
    public void Cleanup()
    {
        pagedClient.Dispose();
        unpagedClient.Dispose();
        paged.Dispose();
        unpaged.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
    }

    [Benchmark(Baseline = true, Description = "page 1 of 200 (50 threads, 250 comments)")]
    public int FirstPage() => Get(pagedClient, $"/posts/{LargeThread.Slug}");

    [Benchmark(Description = "page 200 of 200")]
    public int LastPage() => Get(pagedClient, $"/posts/{LargeThread.Slug}?cpage=200");

    [Benchmark(Description = "permalink /comments/{id} → its page")]
    public int Permalink() => Get(pagedClient, "/comments/9000");

    [Benchmark(Description = "all 10,000 on one page (PageSize 0)")]
    public int AllOnOnePage() => Get(unpagedClient, $"/posts/{LargeThread.Slug}");

    private static int Get(HttpClient client, string url)
    {
        using var response = client.GetAsync(new Uri(url, UriKind.Relative)).GetAwaiter().GetResult();
        if ((int)response.StatusCode >= 400) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult().Length;
    }
}
