using Npgsql;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server tests/run.sh starts and names in SOMEFORUM_POSTGRES; without it a test that needs it fails,
/// never passes quietly. Each test works in a database of its own and drops it after.
/// </summary>
public static class TestPostgres
{
    public static string Server => Environment.GetEnvironmentVariable("SOMEFORUM_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            "SOMEFORUM_POSTGRES is not set, so there is no PostgreSQL server to test against. Run the tests with tests/run.sh, " +
            "which starts a private server and sets it (e.g. Host=127.0.0.1;Port=5433;Username=someforum;Password=someforum).");

    public static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
        await connection.OpenAsync();
        // Not DROP ... WITH (FORCE): that must also end an autovacuum worker busy in the database after many writes,
        // which the test's role may not do. A plain DROP ends autovacuum itself; the test's own sessions (a killed
        // app process's, a pool not yet closed) are ended here first.
        await using var endSessions = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
            "WHERE datname = @database AND usename = current_user AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
            connection);
        endSessions.Parameters.AddWithValue("database", database);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\"", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await endSessions.ExecuteNonQueryAsync();
                await drop.ExecuteNonQueryAsync();
                return;
            }
            // A session that connected between the two statements, or an autovacuum worker slow to stop.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}
