using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Posts;

namespace SomeForum.IntegrationTests.Posts;

/// <summary>The editor's question before publishing, its excerpt field, and the live preview's handler and its limits.</summary>
public sealed class PostEditorTests : IDisposable
{
    private readonly ForumFactory factory = new();

    public void Dispose() => factory.Dispose();

    private static KeyValuePair<string, string?> F(string key, string? value) => new(key, value);

    private async Task<Browser> SignedInAsync(string email, params string[] roles)
    {
        await factory.CreateUserAsync(email, roles);
        var browser = new Browser(factory);
        await browser.SignInAsync(email, ForumFactory.UserPassword);
        return browser;
    }

    private Task<Post?> PostAsync(string slug) => factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug));

    [Fact]
    public async Task PublishAsksOnceBeforeAnythingIsStored()
    {
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        var editor = await admin.GetAsync("/posts/new");
        Assert.True(editor.Document.GetElementById("publish-confirm")?.HasAttribute("hidden"), "the question shows before Publish was pressed");

        var asked = await admin.SubmitAsync(editor, "form.post-editor", [F("Input.Title", "Careful now"), F("Input.Body", "Some *words*.")], "Input.Intent=publish");
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        var question = asked.Document.GetElementById("publish-confirm");
        Assert.NotNull(question);
        Assert.False(question.HasAttribute("hidden"));
        Assert.Contains("Publish “Careful now” now?", question.TextContent, StringComparison.Ordinal);
        Assert.Equal("words", asked.Document.QuerySelector(".post-preview .post-body em")?.TextContent);
        Assert.Null(await PostAsync("careful-now"));

        // Enter in a field still presses the first button, which saves and never publishes.
        var first = asked.Document.QuerySelector("form.post-editor button[type=submit]");
        Assert.Equal("save", first?.GetAttribute("value"));

        var published = await admin.SubmitAsync(asked, "form.post-editor", [], "Input.Intent=publish-now");
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        Assert.Equal("/posts/careful-now", published.Location);
        Assert.Equal(PostStatus.Published, (await PostAsync("careful-now"))?.Status);
    }

    [Fact]
    public async Task AWrittenExcerptIsStoredAndShownInTheListTheFeedAndThePagesDescription()
    {
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        var published = await admin.SubmitAsync("/posts/new", "form.post-editor",
            [F("Input.Title", "Excerpted"), F("Input.Body", "The long text.\n\n## More\n\nAnd more."), F("Input.Excerpt", "  What this <post> is\n about,\u0007 in   short. ")],
            "Input.Intent=publish-now");
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        var post = await PostAsync("excerpted");
        Assert.Equal(("What this <post> is about, in short.", true), (post?.Excerpt, post?.ExcerptByAuthor));

        using var reader = new Browser(factory);
        var home = await reader.OpenAsync("/");
        Assert.Equal("What this <post> is about, in short.", home.QuerySelector("article.post-summary .excerpt")?.TextContent);
        var page = await reader.OpenAsync("/posts/excerpted");
        Assert.Equal("What this <post> is about, in short.", page.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        var feed = XDocument.Parse((await reader.GetAsync("/feed")).Body);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")?.Value == "Excerpted");
        Assert.Equal("What this <post> is about, in short.", entry.Element(atom + "summary")?.Value);

        // The editor shows it back; emptied, the excerpt is made from the text again.
        var editor = await admin.OpenAsync("/posts/excerpted/edit");
        Assert.Equal("What this <post> is about, in short.", editor.QuerySelector("#Input_Excerpt")?.TextContent);
        var emptied = await admin.SubmitAsync("/posts/excerpted/edit", "form.post-editor", [F("Input.Excerpt", "")], "Input.Intent=save");
        Assert.Equal(HttpStatusCode.Redirect, emptied.Status);
        post = await PostAsync("excerpted");
        Assert.Equal(("The long text. More. And more.", false), (post?.Excerpt, post?.ExcerptByAuthor));
        Assert.Equal("", (await admin.OpenAsync("/posts/excerpted/edit")).QuerySelector("#Input_Excerpt")?.TextContent);
    }

    [Fact]
    public async Task TheAutomaticExcerptKeepsHeadingsAndListItemsApart()
    {
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        await admin.SubmitAsync("/posts/new", "form.post-editor",
            [F("Input.Title", "Welcome"), F("Input.Body", "Here is what you can do.\n\n## What you can do here\n\n- Read a post\n- Write a reply")], "Input.Intent=publish-now");

        var home = await new Browser(factory).OpenAsync("/");
        var excerpt = home.QuerySelectorAll("article.post-summary").Single(a => a.QuerySelector("h2")?.TextContent.Contains("Welcome", StringComparison.Ordinal) == true)
            .QuerySelector(".excerpt")?.TextContent;
        Assert.Equal("Here is what you can do. What you can do here. Read a post. Write a reply", excerpt);
    }

    [Fact]
    public async Task AnExcerptOverTheLimitIsRefusedNextToItsFieldWithTheTextKept()
    {
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);
        var tooLong = new string('e', PostLimits.ExcerptLength + 1);
        var refused = await admin.SubmitAsync("/posts/new", "form.post-editor",
            [F("Input.Title", "Wordy"), F("Input.Body", "Body."), F("Input.Excerpt", tooLong)], "Input.Intent=publish-now");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("An excerpt can be at most 400 characters.", refused.Document.GetElementById("Input_Excerpt-error")?.TextContent.Trim());
        Assert.Equal(tooLong, refused.Document.GetElementById("Input_Excerpt")?.TextContent);
        Assert.Null(await PostAsync("wordy"));
    }

    private static async Task<Page> LivePreviewAsync(Browser browser, string editorUrl, string body, bool withToken = true)
    {
        var editor = await browser.GetAsync(editorUrl);
        Assert.Equal(HttpStatusCode.OK, editor.Status);
        var form = editor.Document.QuerySelector("form.post-editor")!;
        var url = form.GetAttribute("data-preview-url")!;
        var token = form.QuerySelector($"input[name={Browser.AntiforgeryField}]")!.GetAttribute("value");
        List<KeyValuePair<string, string?>> fields = [F("Input.Title", ""), F("Input.Body", body)];
        if (withToken) fields.Add(F(Browser.AntiforgeryField, token));
        return await browser.PostFormAsync(url, fields);
    }

    [Fact]
    public async Task TheLivePreviewRendersTheBodyWithThePreviewButtonsLimits()
    {
        using var admin = await SignedInAsync("admin@example.org", Roles.Administrator);

        // The body alone is rendered (the title may still be empty), as the site stores it: sanitized, headings moved down.
        var rendered = await LivePreviewAsync(admin, "/posts/new", "Some **bold**\n\n# Heading\n\n<script>alert(1)</script>");
        Assert.Equal(HttpStatusCode.OK, rendered.Status);
        Assert.Contains("<strong>bold</strong>", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("<h2", rendered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", rendered.Body, StringComparison.Ordinal);

        var tooLong = await LivePreviewAsync(admin, "/posts/new", new string('b', PostLimits.BodyLength + 1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Equal("A post can be at most 100,000 characters.", tooLong.Body);
        var empty = await LivePreviewAsync(admin, "/posts/new", "");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Write the post's text."), (empty.Status, empty.Body));
        var deep = await LivePreviewAsync(admin, "/posts/new", new string('>', 200) + " deep");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deep.Status);
        Assert.Contains("nests quotes, lists or brackets too deeply", deep.Body, StringComparison.Ordinal);

        // A request without the form's token is refused; so is one for a post the writer may not edit.
        var forged = await LivePreviewAsync(admin, "/posts/new", "hello", withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        await admin.SubmitAsync("/posts/new", "form.post-editor", [F("Input.Title", "Admins own"), F("Input.Body", "Mine.")], "Input.Intent=publish-now");
        using var author = await SignedInAsync("author@example.org", Roles.Author);
        var ownPreview = await LivePreviewAsync(author, "/posts/new", "An author's *own*.");
        Assert.Equal(HttpStatusCode.OK, ownPreview.Status);
        var authorsToken = (await author.GetAsync("/posts/new")).Document.QuerySelector($"form.post-editor input[name={Browser.AntiforgeryField}]")!.GetAttribute("value");
        var notTheirs = await author.PostFormAsync("/posts/admins-own/edit?handler=Preview", [F("Input.Body", "x"), F(Browser.AntiforgeryField, authorsToken)]);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.Status);
    }
}
