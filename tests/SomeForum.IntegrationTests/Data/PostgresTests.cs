using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// The scale-out path: the real app on a real PostgreSQL server. tests/run.sh starts a private
/// server and names it in SOMEFORUM_POSTGRES; without it these tests fail, they never pass quietly.
/// </summary>
public sealed class PostgresTests : IAsyncLifetime
{
    private readonly string database = $"someforum_test_{Guid.NewGuid():N}";
    private ForumFactory factory = null!;

    private static string Server => TestPostgres.Server;

    public Task InitializeAsync()
    {
        factory = Forum(database);
        return Task.CompletedTask;
    }

    private static ForumFactory Forum(string db, params (string Key, string Value)[] settings)
    {
        var forum = new ForumFactory()
            .With("Database:Provider", "Postgres")
            .With("ConnectionStrings:Forum", $"{Server};Database={db}")
            .With("Comments:FloodIntervalSeconds", "0");
        foreach (var (key, value) in settings) forum.With(key, value);
        return forum;
    }

    public async Task DisposeAsync()
    {
        factory.Dispose();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task ModeratorsActingAtOnceNeitherDeadlockNorMiscountOnPostgres()
    {
        _ = factory.Server;
        await FigureChecks.ModerateAtOnceAsync(factory);
        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
    }

    [Fact]
    public async Task GenerateImportsAWholeCountedDiscussionInPageOrderOnPostgres()
    {
        _ = factory.Server;
        var (exit, _, error) = await Seeding.GeneratedThreads.GenerateAsync(factory, "--comments", "2200", "--slug", "generated");
        Assert.True(exit == 0, error);
        await Seeding.GeneratedThreads.AssertWellFormedAsync(factory, "generated", 2200);
    }

    [Fact]
    public async Task TheAppMigratesAPostgresDatabaseAndImportsTheSeedThreadInOrder()
    {
        _ = factory.Server;
        await using var scope = factory.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
        Assert.IsType<PostgresForumDb>(db);
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var thread = await db.Comments.OrderBy(c => c.ThreadPath).Select(c => new { c.AuthorName, c.Depth, c.CreatedAt }).ToListAsync();
        Assert.Equal(21, thread.Count);
        Assert.Equal(["Sukh Pabial", "dougshaw", "Sukh Pabial"], thread.Skip(3).Take(3).Select(c => c.AuthorName));
        Assert.Equal([0, 1, 2], thread.Skip(3).Take(3).Select(c => c.Depth));
        Assert.Equal(new DateTime(2013, 12, 16, 0, 0, 0, DateTimeKind.Utc), thread[^1].CreatedAt);
        Assert.Equal(DateTimeKind.Utc, thread[0].CreatedAt!.Value.Kind);
    }

    [Fact]
    public async Task ThePostPageAndItsPagesReadTheSameFromPostgres()
    {
        using var paged = Forum(database, ("Comments:PageSize", "5"));
        using var reader = new Browser(paged);
        var page = await reader.OpenAsync("/posts/some-so-far-so-what?cpage=2");
        Assert.Equal(["6", "7", "8", "9", "10"], page.QuerySelectorAll("ol.comment-list > li").Select(li => li.GetAttribute("value")));
        Assert.Equal(3, page.QuerySelectorAll("#comment-8 ul.children li").Length);

        var whole = await reader.GetAsync("/comments/21");
        Assert.Equal(HttpStatusCode.Redirect, whole.Status);
        Assert.Equal("/posts/some-so-far-so-what?cpage=3#comment-21", whole.Location);
    }

    [Fact]
    public async Task ManyReadersPostingAtOnceLoseNothing()
    {
        _ = factory.Server;
        var posts = Enumerable.Range(0, 12).Select(async i =>
        {
            await using var scope = factory.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
            {
                PostId = 1, ParentId = i % 2 == 0 ? null : 8, AuthorName = $"Reader {i}", AuthorEmail = $"r{i}@example.org",
                Text = $"Said at once, number {i}", IpAddress = $"203.0.113.{i + 1}",
            }, CommentOrigin.Reader, CancellationToken.None);
            return result.Comment;
        });
        var stored = await Task.WhenAll(posts);
        Assert.All(stored, Assert.NotNull);
        Assert.Equal(33, await factory.WithDbAsync(db => db.Comments.CountAsync()));
        // Tim Collins' comment (8) had two replies; six more arrived at once.
        Assert.Equal(8, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.ParentId == 8 && c.Depth == 1)));
    }

    [Fact]
    public async Task TheSameCommentSentManyTimesAtOnceIsStoredOnce()
    {
        _ = factory.Server;
        // One impatient reader, from one address, pressing the button again and again.
        var attempts = Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = factory.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
            {
                PostId = 1, AuthorName = "Impatient", AuthorEmail = "impatient@example.org",
                Text = "Did my comment go through?", IpAddress = "198.51.100.1",
            }, CommentOrigin.Reader, CancellationToken.None);
            return result;
        });
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, r => r.Comment is not null);
        Assert.All(results.Where(r => r.Comment is null), r => Assert.Equal(CommentProblem.Duplicate, r.Rejection!.Problem));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.AuthorName == "Impatient")));
    }

    [Fact]
    public async Task AModeratorSignsInAndApprovesOnPostgres()
    {
        await factory.CreateUserAsync("mod@example.org", SomeForum.Web.Accounts.Roles.Moderator);
        using var guest = new Browser(factory, "203.0.113.200");
        var posted = await guest.SubmitAsync("/posts/some-so-far-so-what", "form.comment-form",
            [new("Input.Name", "Guest"), new("Input.Email", "guest@example.org"), new("Input.Text", "Held on PostgreSQL")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var id = await factory.WithDbAsync(db => db.Comments.Where(c => c.Source == "Held on PostgreSQL").Select(c => c.Id).SingleAsync());
        using var moderator = new Browser(factory, "192.0.2.1");
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        var approve = await moderator.SubmitAsync("/moderation", "form.queue", [], $"OnOne=Approve:{id}");
        Assert.Equal(HttpStatusCode.Redirect, approve.Status);
        var page = await new Browser(factory).OpenAsync("/posts/some-so-far-so-what");
        Assert.Equal("14", page.GetElementById($"comment-{id}")?.GetAttribute("value"));
        Assert.Single(await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == id).ToListAsync()));
    }

    [Fact]
    public async Task TheHealthProbeSaysUnhealthyWhilePostgresRefusesTheDatabaseAndHealthyWhenItIsBack()
    {
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(client));

        await AdministerAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
        await AdministerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND backend_type = 'client backend'");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(client));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(client));

        await AdministerAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
        // Connections the server cut may still wait in the pool; each is found broken on its first use.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++) status = await HealthAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<HttpStatusCode> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task AdministerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
