using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SomeForum.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Read once, the same way everywhere: the binder takes either name in any case and refuses anything else.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long start-up waits for a PostgreSQL server that is not up yet (Database:StartupWaitSeconds, 60 by default).</summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(60);

    public static DatabaseOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DatabaseOptions();
        var wait = configuration[$"{Section}:StartupWaitSeconds"];
        if (!string.IsNullOrWhiteSpace(wait))
        {
            options.StartupWait = int.TryParse(wait, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidOperationException($"Database:StartupWaitSeconds '{wait}' is not a number of seconds from 0 to 3600.");
        }
        var text = configuration[$"{Section}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(text)) return options;
        options.Provider = Enum.TryParse<DatabaseProvider>(text.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider '{text}' is not known: use Sqlite (the default) or Postgres.");
        return options;
    }
}

public static class DataSetup
{
    public const string ConnectionStringName = "Forum";

    public static WebApplicationBuilder AddForumData(this WebApplicationBuilder builder)
    {

        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        builder.Services.AddSingleton<StorageRefusals>();
        builder.Services.AddSingleton<StorageRefusalInterceptor>();
        switch (DatabaseOptions.From(builder.Configuration).Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(configured))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Forum is empty: give it a PostgreSQL connection string.");
                }
                builder.Services.AddDbContextPool<ForumDb, PostgresForumDb>((services, options) =>
                    options.UseNpgsql(configured).AddInterceptors(services.GetRequiredService<StorageRefusalInterceptor>()));
                break;
            default:
                var connectionString = SqliteConnectionString(configured, builder.Environment.ContentRootPath);
                var modes = new SqliteConnectionModes(SqliteOptions.From(builder.Configuration));
                builder.Services.AddDbContextPool<ForumDb, SqliteForumDb>((services, options) =>
                    options.UseSqlite(connectionString).AddInterceptors(services.GetRequiredService<StorageRefusalInterceptor>(), modes));
                builder.Services.AddSingleton<WritersInTurn>();
                break;
        }
        var keys = builder.Services.AddDataProtection().SetApplicationName("SomeForum").PersistKeysToDbContext<ForumDb>();
        if (KeyRingCertificate.Load(builder.Configuration) is { } certificate)
        {
            // Given to both sides: to unprotect, ASP.NET Core would otherwise look for the certificate in the machine's store.
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. KeyRingCertificate.LoadEarlier(builder.Configuration)]);
        }
        return builder;
    }

    /// <summary>
    /// The embedded default is a file in App_Data under the content root; a relative file name
    /// in a configured connection string is taken from the content root too, not from wherever
    /// the process happened to start. Only the default's folder is created.
    /// </summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/forum.db" : configured);
        var isFile = csb.Mode is not SqliteOpenMode.Memory
            && !string.IsNullOrEmpty(csb.DataSource)
            && csb.DataSource != ":memory:"
            && !csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        if (isFile)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            var folder = Path.GetDirectoryName(csb.DataSource)!;
            // The default's folder is ours to make; a configured path into a folder that is not there is more likely
            // a typo than a wish for an empty forum, which would look to its owner as if the data were lost.
            if (string.IsNullOrWhiteSpace(configured)) Directory.CreateDirectory(folder);
            else if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:Forum names the SQLite file {csb.DataSource}, but its folder {folder} does not exist. " +
                    "Check the path, or create the folder if a new, empty forum there is what you want.");
            }
        }
        return csb.ToString();
    }

    /// <summary>
    /// A database that refuses writes (a read-only file or mount, a standby) is served read-only if its schema is this
    /// build's: nothing is migrated or set up in it, readers read, every write is answered 503, and the health probe
    /// says Unhealthy with the reason until a write goes in. With migrations pending it cannot serve, and start-up stops.
    /// </summary>
    public static async Task<bool> StartsReadOnlyAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
        if (await db.RefusesWritesAsync(ct) is not { } why) return false;
        var name = StorageFull.Name(db.Database.GetDbConnection());
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot start: {name} refuses writes ({why}), and {pending.Count} migration(s) of this build are not applied to it " +
                $"({string.Join(", ", pending)}), so it cannot be brought up to date. Make it writable and start again.");
        }
        scope.ServiceProvider.GetRequiredService<StorageRefusals>().Known(why);
        DataLog.StartingReadOnly(scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataSetup).FullName!), name, why);
        return true;
    }

    /// <summary>Brings the schema up to date and sets the store's runtime modes.</summary>
    public static async Task MigrateForumDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
        await db.Database.MigrateAsync(ct);
        await Comments.CommentText.HashUnhashedAsync(db, ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a comment is written; it is a property of the file, so setting it once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

internal static partial class DataLog
{
    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Starting read-only: {Database} refuses writes ({Why}). Readers are served; every write is answered 503 and the health probe says Unhealthy until it takes writes again")]
    public static partial void StartingReadOnly(ILogger logger, string database, string why);
}
