using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Seeding;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// What a reader gets back when a comment is refused: the status, the message where they will look
/// for it, everything they typed still in the form, and nothing stored. Each test has its own store.
/// </summary>
public sealed class RefusedCommentsTests
{
    private static ForumFactory Open() => new ForumFactory().With("Comments:FloodIntervalSeconds", "0");

    /// <summary>Posts the form and checks the status, that nothing was stored, and that the form kept what was typed.</summary>
    private static async Task<IHtmlDocument> RefusedAsync(ForumFactory factory, Browser browser, CommentForm comment, HttpStatusCode status, string url = SeedThread.Url)
    {
        var before = await factory.CountCommentsAsync();
        var refused = await browser.SubmitCommentAsync(url, comment);

        Assert.True(status == refused.Status, $"{refused.Request} answered {(int)refused.Status}, expected {(int)status}");
        Assert.Equal(before, await factory.CountCommentsAsync());
        var page = refused.Document;
        Assert.Equal(comment.Text ?? "", page.QuerySelector("form.comment-form #Input_Text")?.TextContent);
        Assert.Equal(comment.Name ?? "", page.QuerySelector("form.comment-form #Input_Name")?.GetAttribute("value") ?? "");
        Assert.Equal(comment.Email ?? "", page.QuerySelector("form.comment-form #Input_Email")?.GetAttribute("value") ?? "");
        Assert.Equal(comment.Website ?? "", page.QuerySelector("form.comment-form #Input_Website")?.GetAttribute("value") ?? "");
        return page;
    }

    private static void AssertFieldError(IHtmlDocument page, string field, string message)
    {
        Assert.Equal(message, page.QuerySelector($"#Input_{field}-error")?.Text());
        Assert.Equal("true", page.QuerySelector($"#Input_{field}")?.GetAttribute("aria-invalid"));
    }

    private static void AssertFormError(IHtmlDocument page, string message) =>
        Assert.Contains(message, page.QuerySelectorAll("form.comment-form .form-errors li").Select(li => li.Text()));

    [Fact]
    public async Task AnEmptyCommentIsRefusedWithAMessageByTheCommentBox()
    {
        using var factory = Open();
        using var ann = new Browser(factory);

        var page = await RefusedAsync(factory, ann, new CommentForm("") { Website = "https://ann.example.org/" }, HttpStatusCode.UnprocessableEntity);
        AssertFieldError(page, "Text", "Write a comment before posting.");

        // Only blanks is no comment either (the form comes back empty: there was nothing to keep).
        var blank = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("   \n\n  "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.Status);
        AssertFieldError(blank.Document, "Text", "Write a comment before posting.");
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());
    }

    [Fact]
    public async Task ACommentOverTheLengthLimitIsRefusedAndOneAtTheLimitIsNot()
    {
        using var factory = Open().With("Comments:MaxLength", "100");
        using var ann = new Browser(factory);

        var page = await RefusedAsync(factory, ann, new CommentForm(new string('x', 101)), HttpStatusCode.UnprocessableEntity);
        AssertFieldError(page, "Text", "A comment can be at most 100 characters; this one has 101.");
        Assert.Equal("100", page.QuerySelector("#Input_Text")?.GetAttribute("maxlength"));

        var atTheLimit = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm(new string('y', 100)));
        Assert.Equal(HttpStatusCode.Found, atTheLimit.Status);
    }

    [Fact]
    public async Task ALineBreakCountsAsOneCharacterAsTheBrowserCountsIt()
    {
        // A browser's maxlength counts a line break once, and then sends it as CR LF.
        using var factory = Open().With("Comments:MaxLength", "100").With("Moderation:Enabled", "false");
        using var ann = new Browser(factory);
        var lines = string.Join("\r\n", Enumerable.Repeat(new string('x', 9), 10));
        Assert.Equal(99, lines.ReplaceLineEndings("\n").Length);

        var posted = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm(lines));

        Assert.Equal(HttpStatusCode.Found, posted.Status);
        var stored = await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == 22).Select(c => c.Source).SingleAsync());
        Assert.Equal(lines.ReplaceLineEndings("\n"), stored);
    }

    [Fact]
    public async Task ACommentWithoutANameIsRefused()
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        var page = await RefusedAsync(factory, ann, new CommentForm("Who am I?") { Name = "" }, HttpStatusCode.UnprocessableEntity);
        AssertFieldError(page, "Name", "Enter your name.");
        Assert.Equal("", page.QuerySelector("#Input_Text-error")?.Text());
    }

    [Fact]
    public async Task ACommentWithoutAnEmailAddressIsRefused()
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        var page = await RefusedAsync(factory, ann, new CommentForm("No email.") { Email = "" }, HttpStatusCode.UnprocessableEntity);
        AssertFieldError(page, "Email", "Enter your email address. It is never shown to readers.");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("ann@localhost")]
    [InlineData("Ann <ann@example.org>")]
    public async Task ACommentWithAnInvalidEmailAddressIsRefusedWithAnExample(string email)
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        var page = await RefusedAsync(factory, ann, new CommentForm("Bad email.") { Email = email }, HttpStatusCode.UnprocessableEntity);
        AssertFieldError(page, "Email", "Enter an email address like name@example.org.");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://ann.example.org/")]
    [InlineData("ann.example.org")]
    public async Task ACommentWithAWebsiteThatIsNotHttpIsRefused(string website)
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        var page = await RefusedAsync(factory, ann, new CommentForm("Bad website.") { Website = website }, HttpStatusCode.UnprocessableEntity);
        AssertFieldError(page, "Website", "Enter a website address that starts with http:// or https://, or leave it empty.");
    }

    [Fact]
    public async Task AReplyToACommentThatDoesNotExistIsRefused()
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        var page = await RefusedAsync(factory, ann, new CommentForm("To nobody.") { ParentId = 999 }, HttpStatusCode.UnprocessableEntity);
        AssertFormError(page, "The comment you are replying to does not exist on this post, or is not published.");
    }

    [Fact]
    public async Task AReplyToACommentOnAnotherPostIsRefused()
    {
        using var factory = Open();
        _ = factory.Server;
        var folder = Directory.CreateTempSubdirectory("someforum-seeds-");
        try
        {
            var file = Path.Combine(folder.FullName, "second.txt");
            await File.WriteAllTextAsync(file, "A Second Post\n\nIts only paragraph.\n\n  1. Alice · March 1, 2024\n\n    First!\n");
            Assert.Equal(0, await ImportCommand.RunAsync(factory.Services, [file], TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        var alice = await factory.WithDbAsync(db => db.Comments.Where(c => c.Post.Slug == "a-second-post").Select(c => c.Id).SingleAsync());
        using var ann = new Browser(factory);

        var page = await RefusedAsync(factory, ann, new CommentForm("Wrong thread.") { ParentId = alice }, HttpStatusCode.UnprocessableEntity);
        AssertFormError(page, "The comment you are replying to does not exist on this post, or is not published.");

        // Nor through the reply page of the wrong post.
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(SeedThread.ReplyUrl(alice))).Status);
    }

    [Fact]
    public async Task AReplyToAHeldCommentIsRefused()
    {
        using var factory = new ForumFactory();
        using var ann = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Held, as a first comment."))).Status);

        using var bob = new Browser(factory);
        var page = await RefusedAsync(factory, bob, new CommentForm("Answering the unseen.") { Name = "Bob", Email = "bob@example.org", ParentId = 22 },
            HttpStatusCode.UnprocessableEntity);
        AssertFormError(page, "The comment you are replying to does not exist on this post, or is not published.");
        Assert.Null(page.GetElementById("comment-22"));
    }

    [Fact]
    public async Task ACommentOnAPostWhoseCommentsClosedMeanwhileIsRefused()
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        var form = await ann.GetAsync(SeedThread.Url);
        await factory.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentsOpen, false)));

        var refused = await ann.SubmitCommentAsync(form, new CommentForm("Too late.") { Name = "Ann Reader" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());
        Assert.Contains("Comments are closed", refused.Document.QuerySelector("#respond")?.Text(), StringComparison.Ordinal);
        // What the reader wrote is given back, so it is not lost; but there is nothing to post it with.
        Assert.Equal("Too late.", refused.Document.QuerySelector("#respond textarea")?.TextContent);
        Assert.Empty(refused.Document.QuerySelectorAll("#respond button[type=submit], #respond .reply-link, #comments .reply-link"));

        // And the page says so to the next reader too, with no form.
        var later = await ann.OpenAsync(SeedThread.Url);
        Assert.Equal("Comments are closed.", later.QuerySelector(".comments-closed")?.Text());
        Assert.Null(later.QuerySelector("form.comment-form"));
    }

    [Fact]
    public async Task TheSameAuthorSayingTheSameThingAgainIsRefused()
    {
        using var factory = Open().With("Moderation:Enabled", "false");
        using var ann = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("Great post."))).Status);

        var page = await RefusedAsync(factory, ann, new CommentForm("Great post."), HttpStatusCode.Conflict);
        AssertFieldError(page, "Text", "It looks as though you already said that.");

        // From another browser, by name or by email alike; and with spaces around it.
        using var again = new Browser(factory);
        await RefusedAsync(factory, again, new CommentForm("  Great post.\n") { Email = "other@example.org" }, HttpStatusCode.Conflict);
        await RefusedAsync(factory, again, new CommentForm("Great post.") { Name = "Ann R." }, HttpStatusCode.Conflict);

        // Someone else may say it.
        using var bob = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await bob.SubmitCommentAsync(SeedThread.Url, new CommentForm("Great post.") { Name = "Bob", Email = "bob@example.org" })).Status);
    }

    [Fact]
    public async Task TheSameClientPostingTwiceWithinFifteenSecondsIsToldToWait()
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false");
        using var ann = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("First thought."))).Status);

        var page = await RefusedAsync(factory, ann, new CommentForm("Second thought."), HttpStatusCode.TooManyRequests);
        AssertFormError(page, "You are posting comments too quickly. Wait 15 seconds between comments, then post again.");

        // Another client is not held up.
        using var bob = new Browser(factory);
        Assert.Equal(HttpStatusCode.Found, (await bob.SubmitCommentAsync(SeedThread.Url, new CommentForm("Bob's thought.") { Name = "Bob", Email = "bob@example.org" })).Status);
    }

    [Fact]
    public async Task ARequestBodyOverTheSizeLimitIsRefused()
    {
        using var factory = Open();
        using var ann = new Browser(factory);

        var huge = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm(new string('x', 300 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("Too large", huge.Document.QuerySelector("h1")?.Text());
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await ann.SubmitCommentAsync(SeedThread.ReplyUrl(11), new CommentForm(new string('x', 300 * 1024)))).Status);
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());
    }

    [Fact]
    public async Task ARequestBodyThatSaysItIsOverTheSizeLimitIsRefusedWithoutBeingRead()
    {
        using var factory = Open();
        using var ann = new Browser(factory);
        const int size = 1024 * 1024;
        var body = await FormBodyAsync(ann, new string('x', size));
        await using var stream = new CountingStream(body);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        content.Headers.ContentLength = body.Length;

        using var response = await ann.Client.PostAsync(new Uri(SeedThread.Url, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // The test server's pipe takes some of it unasked; reading the form would have taken it all.
        Assert.True(stream.BytesRead < size / 2, $"{stream.BytesRead:N0} of {body.Length:N0} bytes were read");
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());
    }

    [Fact]
    public async Task ARequestBodyThatDoesNotSayItsLengthIsCutOffAtTheSizeLimit()
    {
        using var factory = Open().With("Moderation:Enabled", "false");
        using var ann = new Browser(factory);

        using var huge = await PostChunkedAsync(ann, await FormBodyAsync(ann, new string('x', 300 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("Too large", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SeedThread.Entries, await factory.CountCommentsAsync());

        // One within the limit goes through, its form read whole by the antiforgery check and the page.
        using var small = await PostChunkedAsync(ann, await FormBodyAsync(ann, "Sent in chunks."));
        Assert.Equal(HttpStatusCode.Found, small.StatusCode);
        Assert.Equal("Sent in chunks.", (await ann.OpenAsync(SeedThread.Url)).Entry(22).Body());
    }

    /// <summary>A guest's comment form as the browser would send it, encoded by hand (a guest's form has no token).</summary>
    private static async Task<byte[]> FormBodyAsync(Browser browser, string text)
    {
        var page = await browser.OpenAsync(SeedThread.Url);
        Assert.NotNull(page.QuerySelector("form.comment-form"));
        var comment = new CommentForm(text);
        using var form = new FormUrlEncodedContent(comment.Fields()
            .Where(f => f.Value is not null)
            .Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))
            .Append(new("Input.Intent", comment.Intent)));
        return await form.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> PostChunkedAsync(Browser browser, byte[] body)
    {
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SeedThread.Url, UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await browser.Client.SendAsync(request);
    }

    /// <summary>A request body that counts how much of it the server took.</summary>
    private sealed class CountingStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes);
        private long bytesRead;

        public long BytesRead => Interlocked.Read(ref bytesRead);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            Interlocked.Add(ref bytesRead, read);
            return read;
        }
    }
}
