using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Data;
using SomeForum.Web.Seeding;

namespace SomeForum.Benchmarks;

/// <summary>
/// A post with 10,000 comments, written by the app's own <c>generate</c> command (nested threads, through its import
/// path), served by the real app in process (TestServer, no network) with the guests' page cache off, so that every
/// request makes its page: the first and last page of 50 top-level threads, a permalink's redirect, and all 10,000
/// on one page.
/// </summary>
[MemoryDiagnoser]
public class ThreadPageBenchmarks
{
    private const int Comments = 10_000;
    private const string Slug = "a-very-long-discussion";
    private string file = "";
    private string lastPage = "";
    private WebApplicationFactory<Program> paged = null!;
    private WebApplicationFactory<Program> unpaged = null!;
    private HttpClient pagedClient = null!;
    private HttpClient unpagedClient = null!;

    [GlobalSetup]
    public void Setup()
    {
        file = Path.Combine(Path.GetTempPath(), $"someforum-bench-{Guid.NewGuid():N}.db");
        paged = App("50");
        // The first start migrates the new database (and imports the seed post); then the generate command's own code.
        var generated = GenerateCommand.RunAsync(paged.Services,
            ["--comments", Comments.ToString(CultureInfo.InvariantCulture), "--slug", Slug], TextWriter.Null, Console.Error, interactive: false)
            .GetAwaiter().GetResult();
        if (generated != 0) throw new InvalidOperationException($"generate failed ({generated})");
        using (var scope = paged.Services.CreateScope())
        {
            var threads = scope.ServiceProvider.GetRequiredService<ForumDb>().Posts.Where(p => p.Slug == Slug).Select(p => p.ThreadCount).Single();
            lastPage = $"/posts/{Slug}?cpage={(threads + 49) / 50}";
        }
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
        b.UseSetting("Caching:Pages", "false");
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

    [Benchmark(Baseline = true, Description = "page 1 (50 threads)")]
    public int FirstPage() => Get(pagedClient, $"/posts/{Slug}");

    [Benchmark(Description = "last page")]
    public int LastPage() => Get(pagedClient, lastPage);

    [Benchmark(Description = "permalink /comments/{id} → its page")]
    public int Permalink() => Get(pagedClient, "/comments/9000");

    [Benchmark(Description = "all 10,000 on one page (PageSize 0)")]
    public int AllOnOnePage() => Get(unpagedClient, $"/posts/{Slug}");

    private static int Get(HttpClient client, string url)
    {
        using var response = client.GetAsync(new Uri(url, UriKind.Relative)).GetAwaiter().GetResult();
        if ((int)response.StatusCode >= 400) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult().Length;
    }
}
