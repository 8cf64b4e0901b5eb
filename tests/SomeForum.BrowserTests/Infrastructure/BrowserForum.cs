namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>
/// One running app with a fresh database and one chromium, shared by the tests of a collection.
/// Each test opens its own <see cref="BrowserSession"/> (a new browser context: no cookies, no cache).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit ends a fixture's life through IAsyncLifetime.DisposeAsync.")]
public abstract class BrowserForum : IAsyncLifetime
{
    public const string SeedPostPath = "/posts/some-so-far-so-what";

    private readonly Dictionary<string, string?> settings;
    private ForumServer? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    protected BrowserForum(Dictionary<string, string?> settings)
    {
        // Every forum has its first administrator, made at start-up the way a site owner makes theirs.
        this.settings = new(settings)
        {
            ["Admin:Email"] = Accounts.Administrator.Email,
            ["Admin:Password"] = Accounts.Administrator.Password,
        };
    }

    public Uri Address => (server ?? throw new InvalidOperationException("The forum has not started.")).Address;

    /// <summary>The running app's services, for a test to read what it stored.</summary>
    public IServiceProvider Services => (server ?? throw new InvalidOperationException("The forum has not started.")).Services;

    public async Task InitializeAsync()
    {
        // The browser first: without it nothing here can run, and that must be said plainly.
        var executable = Chromium.ExecutablePath();
        server = new ForumServer(settings);
        server.Start();
        await Accounts.CreateAsync(server.Services, Accounts.Moderator, SomeForum.Web.Accounts.Roles.Moderator);
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright, executable);
    }

    /// <summary>A new browser context and page: a reader arriving with a browser of their own.</summary>
    public Task<BrowserSession> OpenAsync(bool javaScript = true, int width = 1280, int height = 800, bool phone = false,
        ColorScheme colorScheme = ColorScheme.Light, string locale = "en-GB") =>
        BrowserSession.OpenAsync(browser ?? throw new InvalidOperationException("The browser has not started."), Address,
            javaScript, width, height, phone, colorScheme, locale);

    public virtual async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
    }
}

/// <summary>The app as configured out of the box: moderation on, the first comment of an author held.</summary>
public sealed class SeededForum() : BrowserForum([]);

/// <summary>Comments publish at once and may follow each other without a pause.</summary>
public sealed class OpenForum() : BrowserForum(new()
{
    ["Moderation:Enabled"] = "false",
    ["Comments:FloodIntervalSeconds"] = "0",
});

/// <summary>
/// The default moderation (first comments held), in an app of its own so held comments touch no other
/// story. Every reader here comes from 127.0.0.1, so the pause between two comments of one address is off.
/// </summary>
public sealed class ModeratedForum() : BrowserForum(new()
{
    ["Comments:FloodIntervalSeconds"] = "0",
});

[CollectionDefinition(Name)]
public sealed class SeededForumDefinition : ICollectionFixture<SeededForum>
{
    public const string Name = "Seeded forum (read only)";
}

[CollectionDefinition(Name)]
public sealed class OpenForumDefinition : ICollectionFixture<OpenForum>
{
    public const string Name = "Open forum (no moderation)";
}

[CollectionDefinition(Name)]
public sealed class ModeratedForumDefinition : ICollectionFixture<ModeratedForum>
{
    public const string Name = "Moderated forum";
}
