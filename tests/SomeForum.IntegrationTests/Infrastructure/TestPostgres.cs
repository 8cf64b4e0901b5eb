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
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            // After many writes an autovacuum worker may be at work in the database, and the test's role may not
            // end it; it finishes in a moment.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }
}
