using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Data;

/// <summary>The SQLite store itself: on the PostgreSQL pass of the suite too.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly ForumFactory factory = new ForumFactory().With("Database:Provider", "Sqlite");

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task TheSqliteMigrationsMatchTheModel()
    {
        _ = factory.Server;
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The model has changes no migration holds: run dotnet ef migrations add for SqliteForumDb.");
        Assert.Empty(await factory.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public void ThePostgresMigrationsMatchTheModel()
    {
        // The design-time factory builds the model without a server, so this runs everywhere.
        using var db = new PostgresForumDbFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration holds: run dotnet ef migrations add for PostgresForumDb.");
    }

    [Fact]
    public async Task TheDatabaseFileRunsInWalMode()
    {
        _ = factory.Server;
        var mode = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.Equal("wal", Assert.Single(mode));
        Assert.True(File.Exists(factory.DatabaseFile));
    }

    [Fact]
    public async Task EveryConnectionCommitsWithoutAFlushPerCommitUnlessTheOwnerAsksForOneAndReadsThroughAMemoryMapIfAsked()
    {
        _ = factory.Server;
        // synchronous: 1 is NORMAL, 2 is FULL.
        Assert.Equal((1L, 0L), await factory.WithDbAsync(ConnectionModesAsync));

        using var chosen = new ForumFactory().With("Database:Provider", "Sqlite")
            .With("Database:Sqlite:Synchronous", "Full").With("Database:Sqlite:MemoryMapBytes", "67108864");
        Assert.Equal((2L, 64L * 1024 * 1024), await chosen.WithDbAsync(ConnectionModesAsync));
    }

    [Theory]
    [InlineData("Synchronous", "Off")]
    [InlineData("Synchronous", "7")]
    [InlineData("MemoryMapBytes", "-1")]
    public void AWrongSqliteModeStopsTheAppFromStartingAndSaysWhich(string setting, string value)
    {
        using var wrong = new ForumFactory().With("Database:Provider", "Sqlite").With($"Database:Sqlite:{setting}", value);
        var error = Assert.ThrowsAny<Exception>(() => wrong.Server);
        Assert.Contains($"Database:Sqlite:{setting}", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(long Synchronous, long MemoryMap)> ConnectionModesAsync(ForumDb db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return (Assert.Single(await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync()),
                Assert.Single(await db.Database.SqlQueryRaw<long>("PRAGMA mmap_size").ToListAsync()));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public void TheDefaultDatabaseLivesInAppDataUnderTheContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"someforum-root-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal($"Data Source={Path.Combine(root, "App_Data", "forum.db")}", DataSetup.SqliteConnectionString(null, root));
            Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
            Directory.CreateDirectory(Path.Combine(root, "other"));
            Directory.CreateDirectory(Path.Combine(root, "elsewhere"));
            Assert.Equal($"Data Source={Path.Combine(root, "other", "x.db")}", DataSetup.SqliteConnectionString("Data Source=other/x.db", root));
            var absolute = Path.Combine(root, "elsewhere", "x.db");
            Assert.Equal($"Data Source={absolute}", DataSetup.SqliteConnectionString($"Data Source={absolute}", "/unrelated"));
            Assert.Equal("Data Source=:memory:", DataSetup.SqliteConnectionString("Data Source=:memory:", root));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AConfiguredFileInAFolderThatIsNotThereStopsTheStartAndNamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"someforum-typo-{Guid.NewGuid():N}", "forum.db");
        using var forum = new ForumFactory().With("ConnectionStrings:Forum", $"Data Source={missing}");

        var error = Assert.ThrowsAny<Exception>(() => forum.Server);

        Assert.Contains($"names the SQLite file {missing}, but its folder", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)), "no empty forum was made in its place");
    }
}
