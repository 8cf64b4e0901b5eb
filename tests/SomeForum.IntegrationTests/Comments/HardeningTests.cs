using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>Found by an attack on a running copy: a preview that skipped the limits, and a repeat check that told strangers too much.</summary>
public sealed class HardeningTests
{
    private static KeyValuePair<string, string?> F(string key, string value) => new(key, value);

    [Fact]
    public async Task ACommentPreviewOverTheLengthLimitIsRefusedAndNotRendered()
    {
        using var factory = new ForumFactory().With("Comments:MaxLength", "50");
        using var guest = new Browser(factory);

        var preview = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm($"**{new string('x', 60)}**") { Intent = "preview" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, preview.Status);
        Assert.Null(preview.Document.QuerySelector(".comment-preview"));
        Assert.Contains("A comment can be at most 50 characters; this one has 64.", preview.Document.QuerySelector("#respond")?.TextContent, StringComparison.Ordinal);
        // What was typed is kept in the box.
        Assert.Equal($"**{new string('x', 60)}**", preview.Document.QuerySelector("#Input_Text")?.TextContent);

        var within = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm("**short**") { Intent = "preview" });
        Assert.Equal("short", within.Document.QuerySelector(".comment-preview strong")?.TextContent);
    }

    [Fact]
    public async Task APostPreviewOverTheLengthLimitIsRefusedAndNotRendered()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        using var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);

        var body = string.Concat(Enumerable.Repeat("[a](", 25_001));
        var preview = await admin.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", "Long"), F("Input.Body", body)], "Input.Intent=preview");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, preview.Status);
        Assert.Null(preview.Document.QuerySelector(".post-preview"));
        Assert.Contains("A post can be at most 100,000 characters.", preview.Body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.Title == "Long")));
    }

    // Quotes within quotes, within the length limit but deeper than the renderer parses: the reader's mistake, not a 500.
    private static readonly string TooDeep = new('>', 5_000);

    [Fact]
    public async Task ACommentNestedTooDeeplyIsRefusedWith422NextToTheTextAndNothingIsStored()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var guest = new Browser(factory);
        var before = await factory.WithDbAsync(db => db.Comments.CountAsync());

        foreach (var intent in new[] { "preview", "post" })
        {
            var page = await guest.SubmitCommentAsync(SeedThread.Url, new CommentForm(TooDeep) { Intent = intent });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
            Assert.Contains("nests quotes, lists or brackets too deeply", page.Document.QuerySelector("#respond")?.TextContent, StringComparison.Ordinal);
            Assert.Equal(TooDeep, page.Document.QuerySelector("#Input_Text")?.TextContent);
        }
        Assert.Equal(before, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task APostNestedTooDeeplyIsRefusedWith422InPreviewAndSave()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        using var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);

        foreach (var intent in new[] { "preview", "publish" })
        {
            var page = await admin.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", "Deep"), F("Input.Body", TooDeep)], $"Input.Intent={intent}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
            Assert.Contains("nests quotes, lists or brackets too deeply", page.Body, StringComparison.Ordinal);
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.Title == "Deep")));
    }

    [Fact]
    public async Task AFormWithMoreFieldsThanTheLimitIsA400AndSavesNothing()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var guest = new Browser(factory);
        var before = await factory.WithDbAsync(db => db.Comments.CountAsync());
        var padding = Enumerable.Range(0, 1_100).Select(i => F($"pad{i}", "x"));

        var page = await guest.SubmitAsync(SeedThread.Url, "form.comment-form", [.. new CommentForm("Padded.").Fields(), .. padding], "Input.Intent=post");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("too many fields", page.Body, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task TheRepeatCheckRecognisesHeldTextOnlyForTheOneWhoSentIt()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        using var author = new Browser(factory);
        var text = "A held comment nobody else has read.";
        var first = await author.SubmitCommentAsync(SeedThread.Url, new CommentForm(text) { Name = "Vera", Email = "vera@example.org" });
        Assert.Equal(HttpStatusCode.Found, first.Status);
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 22).Select(c => c.Status).SingleAsync()));

        // Its author sending it again is told so.
        var again = await author.SubmitCommentAsync(SeedThread.Url, new CommentForm(text) { Name = "Vera", Email = "vera@example.org" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        // A stranger guessing the text, under the same name, or even the same email, learns nothing from the answer.
        using var stranger = new Browser(factory);
        var sameName = await stranger.SubmitCommentAsync(SeedThread.Url, new CommentForm(text) { Name = "Vera", Email = "mallory@example.org" });
        Assert.Equal(HttpStatusCode.Found, sameName.Status);
        using var other = new Browser(factory);
        var sameEmail = await other.SubmitCommentAsync(SeedThread.Url, new CommentForm(text) { Name = "Vera", Email = "vera@example.org" });
        Assert.Equal(HttpStatusCode.Found, sameEmail.Status);

        // Published text is public: repeating it under the same name is refused, whoever sends it.
        await factory.MarkAsync(22, CommentStatus.Approved);
        using var late = new Browser(factory);
        var repeat = await late.SubmitCommentAsync(SeedThread.Url, new CommentForm(text) { Name = "Vera", Email = "someone@example.org" });
        Assert.Equal(HttpStatusCode.Conflict, repeat.Status);
    }
}
