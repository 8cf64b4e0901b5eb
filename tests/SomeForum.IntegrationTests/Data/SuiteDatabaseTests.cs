using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Data;

/// <summary>tests/run.sh runs the stories twice, the second time on PostgreSQL: each pass is on the database it says.</summary>
public sealed class SuiteDatabaseTests
{
    [Fact]
    public async Task TheStoriesRunOnTheDatabaseThePassAskedFor()
    {
        using var forum = new ForumFactory();
        await using var scope = forum.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
        var onPostgres = string.Equals(Environment.GetEnvironmentVariable("SOMEFORUM_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);
        Assert.IsType(onPostgres ? typeof(PostgresForumDb) : typeof(SqliteForumDb), db);
        Assert.Equal(21, await forum.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(d.Comments)));
    }
}
