namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>
/// The app started in each of the ways an owner starts it in production, side by side, and one chromium.
/// A start that fails fails only the stories of that start, with what publish or the app said; a missing
/// chromium fails only the stories that need a browser.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit ends a fixture's life through IAsyncLifetime.DisposeAsync.")]
public sealed class ProductionForums : IAsyncLifetime
{
    private readonly Dictionary<ProductionStart, Task<ProductionServer>> servers = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Task InitializeAsync()
    {
        // Not awaited here: the starts run side by side, and each story waits for its own.
        foreach (var start in Enum.GetValues<ProductionStart>())
        {
            servers[start] = ProductionServer.StartAsync(start);
        }
        return Task.CompletedTask;
    }

    public Task<ProductionServer> ServerAsync(ProductionStart start) => servers[start];

    /// <summary>A new browser context and page on the app started that way, as <see cref="BrowserForum.OpenAsync"/> makes them.</summary>
    public async Task<BrowserSession> OpenAsync(ProductionStart start)
    {
        // The stories of a class run one at a time, so the browser is launched once, by the first that needs it.
        if (browser is null)
        {
            var executable = Chromium.ExecutablePath();
            playwright ??= await Playwright.CreateAsync();
            browser = await Chromium.LaunchAsync(playwright, executable);
        }
        return await BrowserSession.OpenAsync(browser, (await ServerAsync(start)).Address);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        foreach (var start in servers.Values)
        {
            // A start that failed has cleaned up after itself, and its stories have reported why.
            if (await Task.WhenAny(start) is { IsCompletedSuccessfully: true })
            {
                await (await start).DisposeAsync();
            }
        }
    }
}
