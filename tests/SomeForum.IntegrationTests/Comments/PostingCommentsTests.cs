using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>A reader leaves a top-level comment through the post page's form; each test has its own store.</summary>
public sealed class PostingCommentsTests
{
    [Fact]
    public async Task CanPostATopLevelCommentThatIsNumberedAfterTheOthers()
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false");
        using var ann = new Browser(factory);

        var posted = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Thanks, *Neil*: a useful summary.") { Website = "https://ann.example.org/" });

        Assert.Equal(HttpStatusCode.Found, posted.Status);
        Assert.Equal("/posts/some-so-far-so-what#comment-22", posted.Location);
        var page = (await ann.FollowAsync(posted)).Document;
        var entry = page.Entry(22);
        Assert.Null(entry.ParentEntryId());
        Assert.Equal("14", entry.GetAttribute("value"));
        Assert.Equal(SeedThread.Numbered(1, 14), page.Numbers());
        Assert.Equal("Ann Reader", entry.Author());
        Assert.Equal("https://ann.example.org/", entry.QuerySelector(".comment-author a")?.GetAttribute("href"));
        Assert.Equal("Thanks, Neil: a useful summary.", entry.Body());
        Assert.Equal("Neil", entry.QuerySelector(".comment-body em")?.TextContent);
        Assert.Contains("depth-1", entry.ClassList);
        Assert.Empty(entry.QuerySelectorAll(".awaiting-moderation"));
        Assert.StartsWith("22 responses", page.ResponsesTitle(), StringComparison.Ordinal);

        // Published: everyone sees it, with a Reply link.
        using var stranger = new Browser(factory);
        var theirs = await stranger.OpenAsync(SeedThread.Url);
        Assert.Equal("Ann Reader", theirs.Entry(22).Author());
        Assert.Equal($"{SeedThread.Url}/reply/22#respond", theirs.Entry(22).QuerySelector(".reply-link")?.GetAttribute("href"));
        Assert.StartsWith("22 responses", theirs.ResponsesTitle(), StringComparison.Ordinal);

        var stored = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == 22));
        Assert.Equal(CommentStatus.Approved, stored.Status);
        Assert.Null(stored.ParentId);
        Assert.Equal(0, stored.Depth);
        Assert.Equal("Thanks, *Neil*: a useful summary.", stored.Source);
        Assert.Equal(ann.Address, stored.IpAddress);
    }

    [Fact]
    public async Task AFirstCommentIsHeldAndOnlyItsAuthorSeesItAwaitingModeration()
    {
        using var factory = new ForumFactory();
        using var ann = new Browser(factory);

        var posted = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("My first words here."));

        Assert.Equal(HttpStatusCode.Found, posted.Status);
        Assert.Equal("/posts/some-so-far-so-what#comment-22", posted.Location);
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 22).Select(c => c.Status).SingleAsync()));

        // Its author sees it in its place, marked, unnumbered, and not yet counted.
        var own = (await ann.FollowAsync(posted)).Document;
        var entry = own.Entry(22);
        Assert.Null(entry.ParentEntryId());
        Assert.Null(entry.GetAttribute("value"));
        Assert.Contains("awaiting", entry.ClassList);
        Assert.Equal("Your comment is awaiting moderation.", entry.QuerySelector(".awaiting-moderation")?.Text());
        Assert.Equal("My first words here.", entry.Body());
        Assert.Empty(entry.QuerySelectorAll(".reply-link"));
        Assert.StartsWith("21 responses", own.ResponsesTitle(), StringComparison.Ordinal);
        Assert.Equal(SeedThread.Numbered(1, 13), own.Numbers().Where(n => n.Length > 0));

        // Nobody else sees it at all, not even by its permalink.
        using var stranger = new Browser(factory);
        var theirs = await stranger.GetAsync(SeedThread.Url);
        Assert.Null(theirs.Document.GetElementById("comment-22"));
        Assert.DoesNotContain("My first words here.", theirs.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("awaiting moderation", theirs.Body, StringComparison.Ordinal);
        Assert.StartsWith("21 responses", theirs.Document.ResponsesTitle(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/comments/22")).Status);

        var permalink = await ann.GetAsync("/comments/22");
        Assert.Equal(HttpStatusCode.Found, permalink.Status);
        Assert.Equal("/posts/some-so-far-so-what#comment-22", permalink.Location);
    }

    [Fact]
    public async Task AHeldReplyIsShownToItsAuthorUnderItsParentOnThePageThatHoldsIt()
    {
        using var factory = new ForumFactory().With("Comments:PageSize", "5");
        using var ann = new Browser(factory);

        var posted = await ann.SubmitCommentAsync($"{SeedThread.Url}?cpage=2", new CommentForm("Nice point, Emma.") { ParentId = 14 });

        Assert.Equal("/posts/some-so-far-so-what?cpage=2#comment-22", posted.Location);
        var own = (await ann.FollowAsync(posted)).Document;
        Assert.Equal("comment-14", own.Entry(22).ParentEntryId());
        Assert.Contains("depth-4", own.Entry(22).ClassList);
        Assert.Equal("Your comment is awaiting moderation.", own.Entry(22).QuerySelector(".awaiting-moderation")?.Text());

        using var stranger = new Browser(factory);
        var theirs = await stranger.OpenAsync($"{SeedThread.Url}?cpage=2");
        Assert.Null(theirs.GetElementById("comment-22"));
        Assert.Empty(theirs.Entry(14).QuerySelectorAll("ul.children"));
    }

    [Fact]
    public async Task OnceAnAuthorHasAnApprovedCommentTheirNextIsPublishedAtOnce()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var ann = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("First, held.") { Email = "Ann@Example.org" })).Status);
        await factory.MarkAsync(22, CommentStatus.Approved);

        // The browser that wrote the approved comment vouches for its author (a signed cookie), whatever case the address is typed in.
        var second = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Second, published.") { Email = "ann@example.org" });

        Assert.Equal("/posts/some-so-far-so-what#comment-23", second.Location);
        Assert.Equal(CommentStatus.Approved, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 23).Select(c => c.Status).SingleAsync()));
        using var stranger = new Browser(factory);
        var page = await stranger.OpenAsync(SeedThread.Url);
        Assert.Equal(["14", "15"], page.Numbers()[^2..]);
        Assert.StartsWith("23 responses", page.ResponsesTitle(), StringComparison.Ordinal);

        // The address alone does not: typed in another browser it is held, as a new author is.
        using var annElsewhere = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await annElsewhere.SubmitCommentAsync(SeedThread.Url, new CommentForm("Third, from elsewhere."))).Status);
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 24).Select(c => c.Status).SingleAsync()));
        using var bob = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await bob.SubmitCommentAsync(SeedThread.Url, new CommentForm("Bob here.") { Name = "Bob", Email = "bob@example.org" })).Status);
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 25).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task SaveMyDetailsFillsInTheFormNextTime()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var ann = new Browser(factory);
        var details = new CommentForm("Remember me, please.") { Email = "Ann@Example.org", Website = "https://ann.example.org/", Remember = true };

        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, details)).Status);

        var page = await ann.OpenAsync(SeedThread.Url);
        Assert.Equal("Ann Reader", page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal("ann@example.org", page.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("https://ann.example.org/", page.QuerySelector("#Input_Website")?.GetAttribute("value"));
        Assert.True(page.QuerySelector("#Input_Remember")?.HasAttribute("checked"));
        Assert.Equal("", page.QuerySelector("#Input_Text")?.TextContent);

        // The reply page remembers too; another browser knows nothing of Ann.
        var replyPage = await ann.OpenAsync(SeedThread.ReplyUrl(11));
        Assert.Equal("Ann Reader", replyPage.QuerySelector("#Input_Name")?.GetAttribute("value"));
        using var stranger = new Browser(factory);
        AssertEmptyForm(await stranger.OpenAsync(SeedThread.Url));
    }

    [Fact]
    public async Task NotTickingSaveMyDetailsLeavesTheFormEmptyAndForgetsWhatWasSaved()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var bob = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await bob.SubmitCommentAsync(SeedThread.Url, new CommentForm("Not remembered.") { Name = "Bob" })).Status);
        AssertEmptyForm(await bob.OpenAsync(SeedThread.Url));

        using var ann = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Remembered.") { Remember = true })).Status);
        Assert.Equal("Ann Reader", (await ann.OpenAsync(SeedThread.Url)).QuerySelector("#Input_Name")?.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Now forget me."))).Status);
        AssertEmptyForm(await ann.OpenAsync(SeedThread.Url));
    }

    [Fact]
    public async Task PreviewShowsTheRenderedCommentAndSavesNothing()
    {
        using var factory = new ForumFactory();
        using var ann = new Browser(factory);
        const string text = "Some **bold** words and a [link](https://example.org/).\n\n<script>alert(1)</script>";
        var before = await factory.CountCommentsAsync();

        var preview = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm(text) { Website = "https://ann.example.org/", Intent = "preview" });

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var shown = preview.Document.QuerySelector(".comment-preview .comment-body");
        Assert.NotNull(shown);
        Assert.Equal("bold", shown.QuerySelector("strong")?.TextContent);
        Assert.Equal("https://example.org/", shown.QuerySelector("a")?.GetAttribute("href"));
        Assert.Empty(preview.Document.QuerySelectorAll("#main script"));
        Assert.Equal(text, preview.Document.QuerySelector("#Input_Text")?.TextContent);
        Assert.Equal("Ann Reader", preview.Document.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal("ann@example.org", preview.Document.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal("https://ann.example.org/", preview.Document.QuerySelector("#Input_Website")?.GetAttribute("value"));
        Assert.Empty(preview.Document.QuerySelectorAll(".field-error:not(:empty), .form-errors li:not(:empty)"));
        Assert.Equal(before, await factory.CountCommentsAsync());

        // A preview of nothing says so, and saves nothing either.
        var empty = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("") { Intent = "preview" });
        Assert.Equal("Write a comment to preview it.", empty.Document.QuerySelector("#Input_Text-error")?.Text());
        Assert.Null(empty.Document.QuerySelector(".comment-preview"));
        Assert.Equal(before, await factory.CountCommentsAsync());
    }

    [Fact]
    public async Task APreviewedReplyCanThenBePostedFromThePreview()
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false");
        using var ann = new Browser(factory);

        var preview = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Agreed, Tim.") { ParentId = 11, Intent = "preview" });
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("Agreed, Tim.", preview.Document.QuerySelector(".comment-preview")?.QuerySelector(".comment-body")?.Text());
        Assert.Equal("11", preview.Document.QuerySelector("form.comment-form input[name='Input.ParentId']")?.GetAttribute("value"));
        Assert.StartsWith("Reply to Tim Collins", preview.Document.QuerySelector("#reply-title")?.Text(), StringComparison.Ordinal);
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());

        var posted = await ann.SubmitAsync(preview, "form.comment-form", [], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        var page = (await ann.FollowAsync(posted)).Document;
        Assert.Equal("comment-11", page.Entry(22).ParentEntryId());
        Assert.Equal("Agreed, Tim.", page.Entry(22).Body());
    }

    private static void AssertEmptyForm(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        Assert.Equal("", page.QuerySelector("#Input_Name")?.GetAttribute("value") ?? "");
        Assert.Equal("", page.QuerySelector("#Input_Email")?.GetAttribute("value") ?? "");
        Assert.Equal("", page.QuerySelector("#Input_Website")?.GetAttribute("value") ?? "");
        Assert.False(page.QuerySelector("#Input_Remember")?.HasAttribute("checked"));
    }
}
