using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SomeForum.Web.Data;

/// <summary>
/// Start-up (the migrations, the roles, the first administrator, the seed) is done by one instance at a time, so
/// that instances started together on an empty database each find the others' work done instead of repeating it:
/// each of those steps checks, then creates, and two doing that at once both create (a database that already
/// exists, a duplicate role, a second seed post). The lock is released when start-up ends, or by the database
/// or the operating system when the instance holding it dies.
/// </summary>
public static partial class StartupLock
{
    private const string MaintenanceDatabase = "postgres";

    public static async Task<IAsyncDisposable> AcquireStartupLockAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ForumDb>().Database;
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupLock).FullName!);
        var connectionString = database.GetConnectionString()
            ?? throw new InvalidOperationException("The forum's database has no connection string.");
        var waitForServer = DatabaseOptions.From(scope.ServiceProvider.GetRequiredService<IConfiguration>()).StartupWait;
        return database.IsNpgsql()
            ? await PostgresLockAsync(connectionString, waitForServer, log, ct)
            : await SqliteLockAsync(connectionString, log, ct);
    }

    /// <summary>
    /// A session advisory lock, taken in the server's maintenance database: the forum's own may not exist yet (the
    /// first instance creates it while it holds the lock), and advisory locks belong to the database they are taken
    /// in, so every instance must take it in the same one. Its key is the forum database's name, so forums sharing
    /// a server do not wait for each other.
    /// </summary>
    private static async Task<IAsyncDisposable> PostgresLockAsync(string connectionString, TimeSpan waitForServer, ILogger log, CancellationToken ct)
    {
        var forum = new NpgsqlConnectionStringBuilder(connectionString);
        var name = forum.Database ?? forum.Username ?? "";
        // Pooling off: a pooled connection would return to the pool, and keep the lock, when this one is closed.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Database = MaintenanceDatabase, Pooling = false,
        }.ConnectionString);
        try
        {
            await OpenWhenUpAsync(connection, waitForServer, log, ct);
        }
        catch (PostgresException e) when (e.SqlState != PostgresErrorCodes.CannotConnectNow)
        {
            // A host that refuses us its maintenance database has given us the forum's own, which must then exist
            // already (we could not create it either): the lock is taken there, by every instance alike.
            await connection.DisposeAsync();
            StartupLog.NoMaintenanceDatabase(log, MaintenanceDatabase, e.SqlState, name);
            connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
        }
        try
        {
            const string Key = "hashtextextended('SomeForum start-up: ' || @name, 0)";
            if (!await PostgresAsync<bool>(connection, $"SELECT pg_try_advisory_lock({Key})", name, ct))
            {
                StartupLog.Waiting(log);
                await PostgresAsync<object>(connection, $"SELECT pg_advisory_lock({Key})", name, ct);
            }
            return new Releaser(async () =>
            {
                await PostgresAsync<bool>(connection, $"SELECT pg_advisory_unlock({Key})", name, CancellationToken.None);
                await connection.DisposeAsync();
            });
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the connection, waiting with a growing pause while the server cannot be reached or says it is starting up
    /// (a server started with the app, or restarting), for at most <paramref name="limit"/>, then fails naming the server.
    /// </summary>
    private static async Task OpenWhenUpAsync(NpgsqlConnection connection, TimeSpan limit, ILogger log, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var pause = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException e) when (e is not PostgresException || ((PostgresException)e).SqlState == PostgresErrorCodes.CannotConnectNow)
            {
                var waited = DateTime.UtcNow - started;
                var target = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
                var where = $"{target.Host}:{target.Port}";
                if (waited + pause > limit)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL at {where} did not answer within {limit.TotalSeconds:0} s of start-up ({e.Message}); is it running, and is the connection string right?", e);
                }
                StartupLog.ServerNotUp(log, where, attempt, e.Message, pause.TotalSeconds);
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static async Task<T> PostgresAsync<T>(NpgsqlConnection connection, string sql, string name, CancellationToken ct)
    {
#pragma warning disable CA2100 // The SQL is ours; the name goes in as a parameter.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
#pragma warning restore CA2100
        command.Parameters.AddWithValue("name", name);
        // No timeout: another instance's migrations take as long as they take.
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A lock file beside the database, held open for exclusive use (on Linux and macOS .NET takes an flock on it).
    /// Not a transaction in the database itself: the start-up steps write through connections of their own, which
    /// would wait for that transaction. An in-memory database is reached by one process only and needs no lock. A lock file
    /// that cannot be written beside a database that cannot be written either does not stop the start (read-only).
    /// </summary>
    private static async Task<IAsyncDisposable> SqliteLockAsync(string connectionString, ILogger log, CancellationToken ct)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode is SqliteOpenMode.Memory || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:"
            || csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new Releaser(() => Task.CompletedTask);
        }
        var path = csb.DataSource + ".startup-lock";
        var waited = false;
        while (true)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Releaser(() => file.DisposeAsync().AsTask());
            }
            catch (Exception e) when (e is UnauthorizedAccessException
                || (e is IOException && e is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException)))
            {
                // Not to be written (a read-only folder or mount, no permission): the lock is held as well through a
                // read-only handle, if the file is there; if it is not and cannot be made, no instance can migrate or
                // seed this database either, so there is nothing to take turns at.
                if (!File.Exists(path)) return new Releaser(() => Task.CompletedTask);
                try
                {
                    var readOnly = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
                    return new Releaser(() => readOnly.DisposeAsync().AsTask());
                }
                catch (Exception held) when (held is IOException or UnauthorizedAccessException)
                {
                    // Another instance holds it (or it is not ours to read): wait as for any holder.
                }
                if (!waited) StartupLog.Waiting(log);
                waited = true;
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    private sealed class Releaser(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }

    private static partial class StartupLog
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Waiting for another instance to finish starting up")]
        public static partial void Waiting(ILogger logger);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
            Message = "Could not connect to the {Maintenance} database ({SqlState}) for the start-up lock; taking it in {Database}, which must exist")]
        public static partial void NoMaintenanceDatabase(ILogger logger, string maintenance, string sqlState, string database);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
            Message = "PostgreSQL at {Server} is not reachable yet (attempt {Attempt}: {Problem}); trying again in {Seconds} s")]
        public static partial void ServerNotUp(ILogger logger, string server, int attempt, string problem, double seconds);
    }
}
