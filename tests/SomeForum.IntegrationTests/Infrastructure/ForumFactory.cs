using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Site;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// The real app, with the real migrations and seed import, over its own SQLite file that is
/// deleted when the factory is disposed.
/// </summary>
public class ForumFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = [];
    private string? appConnectionString;

    public ForumFactory(string? databaseFile = null)
    {
        DatabaseFile = databaseFile ?? Path.Combine(Path.GetTempPath(), $"someforum-test-{Guid.NewGuid():N}.db");
        OwnsDatabaseFile = databaseFile is null;
    }

    public string DatabaseFile { get; }

    private bool OwnsDatabaseFile { get; }

    /// <summary>Sets a configuration value before the app starts.</summary>
    public ForumFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, static web assets are not wired up unless asked for.
        builder.UseStaticWebAssets();
        if (OnPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Forum", $"{TestPostgres.Server};Database={PostgresDatabase}");
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Forum", $"Data Source={DatabaseFile};Pooling=False");
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
    }

    /// <summary>
    /// On PostgreSQL an instance keeps no page until it hears the other instances (<see cref="PageCacheRelay.Listening"/>):
    /// a test that reads kept pages begins once it does.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ForumDb>().Database;
            appConnectionString = db.GetDbConnection() is SqliteConnection ? db.GetConnectionString() : null;
        }
        if (host.Services.GetService<PageCacheRelay>() is { } relay && host.Services.GetServices<IHostedService>().OfType<PageCacheListener>().Any())
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!relay.Listening)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the page cache listener did not listen within 30 s");
                Thread.Sleep(10);
            }
        }
        return host;
    }

    /// <summary>
    /// With SOMEFORUM_TEST_DATABASE=postgres (and SOMEFORUM_POSTGRES naming a server), a factory that was not given a
    /// file of its own runs on a PostgreSQL database of its own instead, dropped when it is disposed.
    /// </summary>
    private bool OnPostgres => OwnsDatabaseFile
        && string.Equals(Environment.GetEnvironmentVariable("SOMEFORUM_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase)
        && !settings.ContainsKey("ConnectionStrings:Forum") && !settings.ContainsKey("Database:Provider");

    private string PostgresDatabase { get; } = $"someforum_suite_{Guid.NewGuid():N}";

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<ForumDb, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<ForumDb>());
    }

    public const string UserPassword = "correct horse battery";

    // Straight through Identity, not the register page: the tests are about what an account may do (its address confirmed).
    public async Task<string> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var user = new ForumUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], CreatedAt = DateTime.UtcNow, EmailConfirmed = true };
        var created = await users.CreateAsync(user, UserPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return user.Id;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OnPostgres)
        {
            TestPostgres.DropDatabaseAsync(PostgresDatabase).GetAwaiter().GetResult();
        }
        if (disposing && OwnsDatabaseFile)
        {
            // Only this app's pool: the pools are the whole process's, and another story may be using its own just now.
            if (appConnectionString is not null)
            {
                using var connection = new SqliteConnection(appConnectionString);
                SqliteConnection.ClearPool(connection);
            }
            foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" })
            {
                File.Delete(DatabaseFile + suffix);
            }
        }
    }
}
