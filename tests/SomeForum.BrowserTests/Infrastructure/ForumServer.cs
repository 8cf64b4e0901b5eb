using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real loopback port (Kestrel, not the in-memory test server), with the real
/// migrations and seed import over its own SQLite file, deleted when the server is disposed.
/// </summary>
public sealed class ForumServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public ForumServer(IReadOnlyDictionary<string, string?> settings)
    {
        this.settings = settings;
        DatabaseFile = Path.Combine(Path.GetTempPath(), $"someforum-browser-{Guid.NewGuid():N}.db");
        // Must happen before the host is built. Loopback only: nothing outside this machine can reach it.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DatabaseFile { get; }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234</c>, once <see cref="Start"/> has run.</summary>
    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no address.");
        Address = new Uri(address);
        if (!IPAddress.TryParse(Address.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            throw new InvalidOperationException($"The test app must listen on loopback only, not {address}.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, static web assets are not wired up unless asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Forum", $"Data Source={DatabaseFile};Pooling=False");
        // The browser tests' output is the browsers' story; the app speaks up only when something is wrong.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" })
            {
                File.Delete(DatabaseFile + suffix);
            }
        }
    }
}
