using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// Several instances of the app, each a real process, started at the same moment on a database nobody has set up
/// yet, as a load balancer's instances are after a deployment: every one comes up, and the migrations, the roles,
/// the first administrator and the seed post are each there once.
/// </summary>
public sealed class ManyInstancesTests
{
    private const int Instances = 3;
    private const string AdminEmail = "owner@example.org";

    [Fact]
    public async Task InstancesStartingTogetherOnAPostgresDatabaseThatDoesNotExistYetAllComeUp()
    {
        var database = $"someforum_test_{Guid.NewGuid():N}";
        var connectionString = $"{TestPostgres.Server};Database={database}";
        try
        {
            await StartTogetherAsync(new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Forum"] = connectionString },
                () => new NpgsqlConnection(connectionString));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task InstancesStartingTogetherOnASqliteFileThatDoesNotExistYetAllComeUp()
    {
        var file = Path.Combine(Path.GetTempPath(), $"someforum-instances-{Guid.NewGuid():N}.db");
        try
        {
            await StartTogetherAsync(new() { ["ConnectionStrings__Forum"] = $"Data Source={file}" },
                () => new SqliteConnection($"Data Source={file};Pooling=False"));
        }
        finally
        {
            // The database, its -wal and -shm, and the start-up lock file beside it.
            foreach (var left in Directory.EnumerateFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*")) File.Delete(left);
        }
    }

    private static async Task StartTogetherAsync(Dictionary<string, string> settings, Func<DbConnection> database)
    {
        settings["Admin__Email"] = AdminEmail;
        settings["Admin__Password"] = "a long passphrase for the owner";
        var starts = Enumerable.Range(0, Instances).Select(_ => AppProcess.StartAsync(settings)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (InvalidOperationException)
        {
            // Every start is reported below, not only the first that failed.
        }
        try
        {
            var failed = starts.Where(s => s.IsFaulted).Select(s => s.Exception!.InnerException!.Message).ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} of {Instances} instances did not come up:\n{string.Join("\n\n", failed)}");

            using var client = new HttpClient();
            foreach (var app in starts.Select(s => s.Result))
            {
                using var health = await client.GetAsync(new Uri(app.Address, "/healthz"));
                Assert.True(health.StatusCode == HttpStatusCode.OK, $"{app.Address}healthz answered {(int)health.StatusCode}:\n{app.Output}");
            }

            await using var connection = database();
            await connection.OpenAsync();
            Assert.Equal(1L, await ScalarAsync(connection, """SELECT COUNT(*) FROM "Posts" """));
            Assert.Equal((long)SeedThread.Entries, await ScalarAsync(connection, """SELECT COUNT(*) FROM "Comments" """));
            Assert.Equal(Roles.All.Order(StringComparer.Ordinal), await NamesAsync(connection, """SELECT "Name" FROM "AspNetRoles" """));
            Assert.Equal([AdminEmail], await NamesAsync(connection, """SELECT "Email" FROM "AspNetUsers" """));
            Assert.Equal(1L, await ScalarAsync(connection, $"""
                SELECT COUNT(*) FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE r."Name" = '{Roles.Administrator}'
                """));
        }
        finally
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await start.Result.DisposeAsync();
        }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> NamesAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names.Order(StringComparer.Ordinal).ToList();
    }
}
