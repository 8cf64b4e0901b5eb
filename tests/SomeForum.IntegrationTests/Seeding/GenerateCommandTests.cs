using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Seeding;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>
/// <c>generate --comments N</c>: a post with N comments in real threads, written through the comment pipeline's
/// batched import, with the figures the door keeps, ids in page order, and a progress bar.
/// </summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly ForumFactory forum = new ForumFactory().With("Comments:PageSize", "50");

    public void Dispose() => forum.Dispose();

    [Fact]
    public async Task GenerateWritesAWholeCountedDiscussionInBatchesAndShowsProgress()
    {
        var (exit, output, error) = await GeneratedThreads.GenerateAsync(forum, "--comments", "2500", "--slug", "a-big-one");

        Assert.Equal(0, exit);
        Assert.Equal("generated /posts/a-big-one with 2,500 comments", output.Trim());
        // Not a terminal: one line a tenth of the way, the last one complete.
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 10);
        Assert.Contains("100% 2,500/2,500 comments", lines[^1], StringComparison.Ordinal);
        await GeneratedThreads.AssertWellFormedAsync(forum, "a-big-one", 2500);

        using var reader = new Browser(forum);
        var page = await reader.OpenAsync("/posts/a-big-one");
        Assert.StartsWith("2,500 responses", page.QuerySelector("#comments-title")!.Text(), StringComparison.Ordinal);
        Assert.Equal(50, page.QuerySelectorAll("#comments ol.comment-list > li").Length);
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameDiscussion()
    {
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(forum, "--comments", "300", "--slug", "one", "--seed", "7")).Exit);
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(forum, "--comments", "300", "--slug", "two", "--seed", "7")).Exit);
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(forum, "--comments", "300", "--slug", "three", "--seed", "8")).Exit);
        var shapes = await forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "one" || p.Slug == "two" || p.Slug == "three").OrderBy(p => p.Id)
            .Select(p => string.Join("|", p.Comments.OrderBy(c => c.Id).Select(c => c.Depth + ":" + c.AuthorName + ":" + c.Source))).ToListAsync());
        Assert.Equal(shapes[0], shapes[1]);
        Assert.NotEqual(shapes[0], shapes[2]);
    }

    [Fact]
    public async Task NewCommentsNeverTakeTheIdOfADeletedOne()
    {
        _ = forum.Server;
        // The seed's last entry is a pingback with no replies: delete it for good, as a moderator would.
        var last = await forum.WithDbAsync(db => db.Comments.MaxAsync(c => c.Id));
        await ThreadDoor.WithServicesAsync(forum, services =>
            services.GetRequiredService<ThreadChanges>().EraseAsync(last, ThreadDoor.TestModerator, null, CancellationToken.None));
        Assert.False(await forum.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == last)));

        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(forum, "--comments", "20", "--slug", "after")).Exit);

        var ids = await forum.WithDbAsync(db => db.Comments.Where(c => c.Post.Slug == "after").Select(c => c.Id).ToListAsync());
        Assert.True(ids.Min() > last, $"ids from {ids.Min()}, after the deleted {last}");
    }

    [Theory]
    [InlineData(new string[0], 2, "usage: generate --comments N")]
    [InlineData(new[] { "--comments", "many" }, 2, "--comments many: not understood")]
    [InlineData(new[] { "--comments", "5", "--slug", "Not A Slug" }, 2, "--slug Not A Slug: a slug is lowercase")]
    [InlineData(new[] { "--comments", "5", "--slug", "some-so-far-so-what" }, 1, "a post with the slug 'some-so-far-so-what' exists already")]
    public async Task BadArgumentsAreRefusedWithAMessageAndChangeNothing(string[] args, int expectedExit, string message)
    {
        _ = forum.Server;
        var before = await forum.WithDbAsync(db => db.Comments.CountAsync());

        var (exit, output, error) = await GeneratedThreads.GenerateAsync(forum, args);

        Assert.Equal(expectedExit, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(before, await forum.WithDbAsync(db => db.Comments.CountAsync()));
        Assert.Equal(1, await forum.WithDbAsync(db => db.Posts.CountAsync()));
    }
}

/// <summary>Runs the command as a user would, and checks what it wrote; shared with the PostgreSQL tests.</summary>
public static class GeneratedThreads
{
    public static async Task<(int Exit, string Out, string Err)> GenerateAsync(ForumFactory forum, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(forum);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GenerateCommand.RunAsync(forum.Services, args, output, error, interactive: false);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>What every generated thread must be, whatever the database: whole, in order, within the depth limit, counted right.</summary>
    public static async Task AssertWellFormedAsync(ForumFactory forum, string slug, int expected)
    {
        ArgumentNullException.ThrowIfNull(forum);
        var comments = await forum.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.Post.Slug == slug).OrderBy(c => c.ThreadPath)
            .Select(c => new { c.Id, c.ParentId, c.ThreadPath, c.Depth, c.Status, c.Source, c.Html, c.TextHash, c.CreatedAt }).ToListAsync());
        Assert.Equal(expected, comments.Count);
        // Ids follow the page: listing by thread path lists by id.
        Assert.Equal(comments.Select(c => c.Id).Order(), comments.Select(c => c.Id));
        var byId = comments.ToDictionary(c => c.Id);
        foreach (var c in comments)
        {
            Assert.Equal(CommentStatus.Approved, c.Status);
            Assert.Equal(CommentText.Hash(c.Source), c.TextHash);
            Assert.Matches("^<(p|blockquote)>", c.Html);
            if (c.ParentId is { } parentId)
            {
                var parent = byId[parentId];
                Assert.Equal(ThreadPath.Of(parent.ThreadPath, c.Id), c.ThreadPath);
                Assert.Equal(parent.Depth + 1, c.Depth);
                Assert.True(c.CreatedAt > parent.CreatedAt, "a reply is written after what it answers");
            }
            else
            {
                Assert.Equal((ThreadPath.Of(null, c.Id), 0), (c.ThreadPath, c.Depth));
            }
        }
        // Shaped like a real discussion: about 40% top-level, replies down to the limit of 5 levels and no further.
        var topLevel = comments.Count(c => c.Depth == 0) / (double)comments.Count;
        Assert.InRange(topLevel, 0.3, 0.5);
        Assert.Equal(4, comments.Max(c => c.Depth));
        Assert.Contains(comments, c => c.Html.Contains("<a href=\"https://example.", StringComparison.Ordinal));
        await FigureChecks.AssertFiguresMatchCountingAsync(forum);
    }
}
