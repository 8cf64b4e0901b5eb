using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// The real app, with the real migrations and seed import, over its own SQLite file that is
/// deleted when the factory is disposed.
/// </summary>
public class ForumFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = [];

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
        builder.UseSetting("ConnectionStrings:Forum", $"Data Source={DatabaseFile};Pooling=False");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<ForumDb, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<ForumDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsDatabaseFile)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(DatabaseFile + suffix);
            }
        }
    }
}
