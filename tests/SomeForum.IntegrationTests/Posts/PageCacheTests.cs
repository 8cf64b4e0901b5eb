using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>
/// Readers who bring nothing of their own get a page kept in memory, which every change to its thread evicts:
/// the next view after a change shows it, a held comment never reaches anyone but its author, and a page made
/// for one signed-in reader is never given to anybody else.
/// </summary>
public sealed class PageCacheTests
{
    private static (ForumFactory Forum, CommandCounter Queries) Forum(params (string Key, string Value)[] settings)
    {
        var counter = new CommandCounter();
        var forum = new CountingForum(counter).With("Comments:FloodIntervalSeconds", "0");
        foreach (var (key, value) in settings) forum.With(key, value);
        return (forum, counter);
    }

    private sealed class CountingForum(CommandCounter counter) : ForumFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<SqliteForumDb>(o => o.AddInterceptors(counter)).ConfigureDbContext<PostgresForumDb>(o => o.AddInterceptors(counter)));
        }
    }

    [Fact]
    public async Task AGuestsSecondViewIsServedWithoutTouchingTheDatabase()
    {
        var (forum, queries) = Forum();
        using var _ = forum;
        using var first = new Browser(forum);
        var page = await first.GetAsync(SeedThread.Url);
        Assert.Equal(HttpStatusCode.OK, page.Status);

        queries.Reset();
        using var second = new Browser(forum);
        var again = await second.GetAsync(SeedThread.Url);
        Assert.Equal(0, queries.Count);
        Assert.Equal(page.Body, again.Body);

        // Another page of comments is another page.
        var paged = await second.GetAsync($"{SeedThread.Url}?cpage=1");
        Assert.Equal(HttpStatusCode.OK, paged.Status);
        Assert.True(queries.Count > 0, "a page with another query string was served as the first");
    }

    [Fact]
    public async Task ANewCommentIsOnTheNextViewOfEveryReader()
    {
        var (forum, _) = Forum(("Moderation:Enabled", "false"));
        using var __ = forum;
        using var reader = new Browser(forum);
        await reader.OpenAsync(SeedThread.Url);
        await reader.OpenAsync("/");

        using var writer = new Browser(forum);
        Assert.Equal(HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.Url, new CommentForm("Seen at once by everyone."))).Status);

        var page = await reader.OpenAsync(SeedThread.Url);
        Assert.Equal("Seen at once by everyone.", page.Entry(22).Body());
        Assert.StartsWith("22 responses", page.ResponsesTitle(), StringComparison.Ordinal);
        Assert.Contains("22 comments", (await reader.OpenAsync("/")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeldCommentReachesOnlyItsAuthorAndAnApprovalReachesEveryone()
    {
        var (forum, _) = Forum();
        using var __ = forum;
        using var reader = new Browser(forum);
        var before = await reader.GetAsync(SeedThread.Url);

        using var author = new Browser(forum);
        var posted = await author.SubmitCommentAsync(SeedThread.Url, new CommentForm("Held until a moderator looks."));
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        // The author sees it in place; that page, made for them, is kept for nobody.
        var own = await author.FollowAsync(posted);
        Assert.Equal("Your comment is awaiting moderation.", own.Document.Entry(22).QuerySelector(".awaiting-moderation")?.TextContent);

        foreach (var stranger in new[] { reader, new Browser(forum) })
        {
            var page = await stranger.GetAsync(SeedThread.Url);
            Assert.DoesNotContain("Held until a moderator looks.", page.Body, StringComparison.Ordinal);
            Assert.Null(page.Document.GetElementById("comment-22"));
        }
        Assert.Equal(before.Body, (await reader.GetAsync(SeedThread.Url)).Body);

        await forum.MarkAsync(22, CommentStatus.Approved);
        Assert.Equal("Held until a moderator looks.", (await reader.OpenAsync(SeedThread.Url)).Entry(22).Body());
    }

    [Fact]
    public async Task AnEditedOrRemovedCommentIsChangedOnTheNextView()
    {
        var (forum, _) = Forum();
        using var __ = forum;
        using var reader = new Browser(forum);
        Assert.Contains("small movement", (await reader.OpenAsync(SeedThread.Url)).Entry(1).Body(), StringComparison.Ordinal);

        await forum.WithServicesAsync(services => services.GetRequiredService<ThreadChanges>()
            .EditAsync(1, "Edited by a moderator.", CommentOrigin.Moderator, ThreadDoor.TestModerator, default));
        Assert.Equal("Edited by a moderator.", (await reader.OpenAsync(SeedThread.Url)).Entry(1).Body());

        await forum.MarkAsync(1, CommentStatus.Trash);
        var page = await reader.OpenAsync(SeedThread.Url);
        Assert.DoesNotContain("Edited by a moderator.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("20 responses", page.ResponsesTitle(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInReadersPageIsNeverGivenToAnyoneElse()
    {
        var (forum, queries) = Forum();
        using var __ = forum;
        await forum.CreateUserAsync("member@example.org");
        using var member = new Browser(forum);
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);

        var theirs = await member.GetAsync(SeedThread.Url);
        Assert.Contains("member", theirs.Document.QuerySelector(".account-nav")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(theirs.Document.QuerySelector($"form.comment-form input[name='{Browser.AntiforgeryField}']"));

        using var guest = new Browser(forum);
        var guests = await guest.GetAsync(SeedThread.Url);
        Assert.DoesNotContain("member@example.org", guests.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", guests.Body, StringComparison.Ordinal);
        Assert.Null(guests.Document.QuerySelector($"input[name='{Browser.AntiforgeryField}']"));

        // Nor is the guests' page given to the member: theirs is made for them each time.
        queries.Reset();
        var again = await member.GetAsync(SeedThread.Url);
        Assert.True(queries.Count > 0, "the signed-in reader was served a kept page");
        Assert.NotNull(again.Document.QuerySelector($"form.comment-form input[name='{Browser.AntiforgeryField}']"));
    }

    [Fact]
    public async Task AReaderWhoAskedToBeRememberedGetsTheirOwnForm()
    {
        var (forum, _) = Forum(("Moderation:Enabled", "false"));
        using var __ = forum;
        using var guest = new Browser(forum);
        await guest.GetAsync(SeedThread.Url);
        using var ann = new Browser(forum);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Remember me.") { Name = "Ann Remembered", Remember = true })).Status);

        var hers = await ann.OpenAsync(SeedThread.Url);
        Assert.Equal("Ann Remembered", hers.QuerySelector("#Input_Name")?.GetAttribute("value"));
        var theirs = await guest.OpenAsync(SeedThread.Url);
        Assert.Null(theirs.QuerySelector("#Input_Name")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("?cpage=abc")]
    [InlineData("?cpage=99999")]
    [InlineData("?cpage=1")]
    public async Task AnAddressThatIsNotAPagesOwnIsNeverKept(string query)
    {
        var (forum, queries) = Forum();
        using var _ = forum;
        using var guest = new Browser(forum);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(SeedThread.Url + query)).Status);
        queries.Reset();
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(SeedThread.Url + query)).Status);
        Assert.True(queries.Count > 0, $"{query} was kept in the cache");
    }

    [Fact]
    public void APageMadeBeforeAnEvictionOfItsTagIsNotStoredAfterIt()
    {
        var versions = new SomeForum.Web.Site.ReaderCache.TagVersions();
        var began = versions.Now;
        Assert.False(versions.ChangedSince(["post-1", "readers"], began));
        versions.Bump("post-2");
        Assert.False(versions.ChangedSince(["post-1", "readers"], began));
        versions.Bump("post-1");
        Assert.True(versions.ChangedSince(["post-1", "readers"], began));
        Assert.False(versions.ChangedSince(["post-1", "readers"], versions.Now));
    }
}
