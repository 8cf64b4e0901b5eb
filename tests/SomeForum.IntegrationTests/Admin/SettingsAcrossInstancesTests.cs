using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Site;

namespace SomeForum.IntegrationTests.Admin;

/// <summary>
/// Two instances on one PostgreSQL database: a title saved through one is on the next view served by the other,
/// not only once the other's kept copy of the settings runs out (<see cref="SavedInMemory{T}.KeptFor"/>): the
/// page-cache relay's "every page" eviction makes it read them again. Needs SOMEFORUM_POSTGRES; fails without it.
/// </summary>
public sealed class SettingsAcrossInstancesTests : IAsyncLifetime
{
    private readonly string database = $"someforum_test_{Guid.NewGuid():N}";
    private ForumFactory a = null!;
    private ForumFactory b = null!;

    private ForumFactory Instance() => new ForumFactory()
        .With("Database:Provider", "Postgres")
        .With("ConnectionStrings:Forum", $"{TestPostgres.Server};Database={database}");

    public async Task InitializeAsync()
    {
        a = Instance();
        _ = a.Server;
        b = Instance();
        _ = b.Server;
        // B listens once its first session evicted every page (see PageCacheListener).
        var versions = b.Services.GetRequiredService<ReaderCache.TagVersions>();
        var clock = Stopwatch.StartNew();
        while (versions.Now == 0 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
    }

    public async Task DisposeAsync()
    {
        b.Dispose();
        a.Dispose();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task ATitleSavedThroughOneInstanceIsOnTheOthersNextView()
    {
        await a.CreateUserAsync("admin@example.org", Roles.Administrator);
        using var admin = new Browser(a);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        var form = await admin.GetAsync("/admin/settings");

        using var guest = new Browser(b);
        Assert.Equal("SomeForum", (await guest.OpenAsync(SeedThread.Url)).QuerySelector(".site-title")?.TextContent);
        // A page B has not made yet: B reads the settings now, and keeps them for a while.
        Assert.Equal("SomeForum", (await guest.OpenAsync($"{SeedThread.Url}?cpage=2")).QuerySelector(".site-title")?.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(form, "form.settings-form", [new("Input.Title", "Renamed through A")])).Status);
        var clock = Stopwatch.StartNew();
        while ((await guest.OpenAsync(SeedThread.Url)).QuerySelector(".site-title")?.TextContent != "Renamed through A")
        {
            Assert.True(clock.Elapsed < SavedInMemory<StoredSettings>.KeptFor / 2,
                $"B still showed the old title {clock.Elapsed.TotalSeconds:F1} s after the save");
            await Task.Delay(20);
        }
        // And it stays so: no page made from what B kept comes back.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("Renamed through A", (await guest.OpenAsync(SeedThread.Url)).QuerySelector(".site-title")?.TextContent);
        Assert.Equal("Renamed through A", (await guest.OpenAsync($"{SeedThread.Url}?cpage=2")).QuerySelector(".site-title")?.TextContent);
    }
}
