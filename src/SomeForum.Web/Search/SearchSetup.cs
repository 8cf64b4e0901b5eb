using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Search;

/// <summary><c>Search</c>: how much searching the server takes on at once, and for how long.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Searches run at once; more wait their turn briefly, then are told to try again.</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>A search still running after this is stopped and the reader told so.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Bounds what searching costs the database: however many readers search, at most
/// <see cref="SearchOptions.MaxConcurrent"/> searches run at once in this process.
/// </summary>
public sealed class SearchGate(Microsoft.Extensions.Options.IOptions<SearchOptions> options) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);

    public TimeSpan Timeout { get; } = options.Value.Timeout;

    /// <summary>A slot to search in (dispose it when done), or null when the server is busy with other searches.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct) => await slots.WaitAsync(Wait, ct) ? new Slot(slots) : null;

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slots.Release();
        }
    }
}

public static class SearchSetup
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SearchGate>();
        return builder;
    }
}
