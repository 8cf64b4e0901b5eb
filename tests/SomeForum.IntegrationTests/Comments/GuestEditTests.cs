using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// A guest edits or deletes their own comment with the signed link the page gives them after posting, while the
/// edit window lasts, and sees and erases what is stored about them with the link beside it. The window is measured
/// by the app's clock, which these stories move forward.
/// </summary>
public sealed class GuestEditTests
{
    private static readonly Uri Site = new("http://localhost");

    /// <summary>The app's own clock, moved forward by a test.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Ahead;
    }

    private sealed class ClockedForum : ForumFactory
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    /// <summary>Comments publish at once (no first-comment hold) and nobody waits between two.</summary>
    private static ClockedForum Forum(params (string Key, string Value)[] settings)
    {
        var forum = new ClockedForum();
        forum.With("Comments:FloodIntervalSeconds", "0").With("Moderation:HoldFirstComment", "false");
        foreach (var (key, value) in settings) forum.With(key, value);
        return forum;
    }

    private sealed record Posted(long Id, Page Landing, IElement Entry, string EditUrl, string DataUrl);

    /// <summary>Posts a comment as a guest and reads the links the page they land on gives them.</summary>
    private static async Task<Posted> PostAsync(Browser guest, CommentForm comment)
    {
        var posted = await guest.SubmitCommentAsync(SeedThread.Url, comment);
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        var location = posted.Location!;
        var id = long.Parse(location[(location.IndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..], CultureInfo.InvariantCulture);
        var landing = await guest.FollowAsync(posted);
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        var entry = landing.Document.Entry(id);
        var edit = entry.QuerySelector(":scope > article .edit-own")?.GetAttribute("href");
        var data = entry.QuerySelector(":scope > article .own-data")?.GetAttribute("href");
        Assert.True(edit is not null && data is not null, $"comment {id} shows its writer no links: {entry.OuterHtml}");
        return new Posted(id, landing, entry, edit, data);
    }

    private static Task<Comment> StoredAsync(ForumFactory forum, long id) =>
        forum.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task AGuestEditsTheirCommentWithinTheWindowAndEveryReaderSeesItEdited()
    {
        using var forum = Forum();
        using var ann = new Browser(forum);
        using var stranger = new Browser(forum);
        // The guests' page and the comments feed are kept before the edit, to be evicted by it.
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(SeedThread.Url)).Status);

        var posted = await PostAsync(ann, new CommentForm("Teh first version."));
        var stored = await StoredAsync(forum, posted.Id);
        Assert.Equal(CommentStatus.Approved, stored.Status);
        var until = stored.ReceivedAt.AddMinutes(15);
        Assert.Equal($"Edit or delete your comment (until {until.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)",
            posted.Entry.QuerySelector(".edit-own")!.Text());
        Assert.StartsWith($"/comments/{posted.Id}/edit?token=", posted.EditUrl, StringComparison.Ordinal);
        Assert.StartsWith($"/comments/{posted.Id}/your-data?token=", posted.DataUrl, StringComparison.Ordinal);

        // Nobody else is offered the link: the shared page carries none.
        var theirs = await stranger.GetAsync(SeedThread.Url);
        Assert.Equal("Teh first version.", theirs.Document.Entry(posted.Id).Body());
        Assert.Empty(theirs.Document.QuerySelectorAll(".edit-own, .own-data"));
        Assert.DoesNotContain("/edit?token=", theirs.Body, StringComparison.Ordinal);
        Assert.Contains("Teh first version.", (await stranger.GetAsync("/comments/feed")).Body, StringComparison.Ordinal);

        var form = await ann.GetAsync(posted.EditUrl);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Teh first version.", form.Document.QuerySelector("textarea#Text")?.TextContent);
        var saved = await ann.SubmitAsync(form, "form.comment-form", [new("Text", "The *second* version.")]);

        Assert.Equal(HttpStatusCode.Found, saved.Status);
        Assert.Equal($"{SeedThread.Url}#comment-{posted.Id}", saved.Location);
        var own = (await ann.FollowAsync(saved)).Document.Entry(posted.Id);
        Assert.Equal("The second version.", own.Body());
        Assert.Equal("second", own.QuerySelector(".comment-body em")?.TextContent);
        Assert.StartsWith("· edited", own.QuerySelector(".edited")?.Text(), StringComparison.Ordinal);

        // Every reader's next view, and the feed, have the new text.
        theirs = await stranger.GetAsync(SeedThread.Url);
        Assert.Equal("The second version.", theirs.Document.Entry(posted.Id).Body());
        Assert.NotNull(theirs.Document.Entry(posted.Id).QuerySelector(".edited"));
        var feed = (await stranger.GetAsync("/comments/feed")).Body;
        Assert.Contains("second&lt;/em&gt; version.", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Teh first version.", feed, StringComparison.Ordinal);

        stored = await StoredAsync(forum, posted.Id);
        Assert.Equal(("The *second* version.", CommentStatus.Approved), (stored.Source, stored.Status));
        Assert.NotNull(stored.EditedAt);
        var logged = await forum.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == posted.Id).Select(e => new { e.Action, e.UserName, e.UserId }).ToListAsync());
        Assert.Contains(logged, e => e.Action == "Edit" && e.UserName == "its writer (guest link)" && e.UserId == null);
    }

    [Fact]
    public async Task AGuestDeletesTheirCommentAndOneWithRepliesStaysAsAnEmptyPlaceholder()
    {
        using var forum = Forum();
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);
        var answered = await PostAsync(ann, new CommentForm("Someone will answer this."));
        var alone = await PostAsync(ann, new CommentForm("Nobody will answer this."));
        Assert.Equal(HttpStatusCode.Found, (await bob.SubmitCommentAsync(SeedThread.Url, new CommentForm("An answer.") { Name = "Bob", Email = "bob@example.org", ParentId = answered.Id })).Status);
        var reply = await forum.WithDbAsync(db => db.Comments.Where(c => c.ParentId == answered.Id).Select(c => c.Id).SingleAsync());

        // Unconfirmed, nothing happens, and the guest is told why next to the box.
        var unconfirmed = await ann.SubmitAsync(answered.EditUrl, "form[action*='handler=Delete']", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.Status);
        Assert.Equal("Tick the box to confirm that the comment is to be deleted.", unconfirmed.Document.GetElementById("ConfirmDelete-error")?.Text());
        Assert.Equal("Someone will answer this.", (await StoredAsync(forum, answered.Id)).Source);

        var deleted = await ann.SubmitAsync(unconfirmed, "form[action*='handler=Delete']", [new("ConfirmDelete", "true")]);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("Your comment was deleted", deleted.Document.QuerySelector("h1")?.Text());
        Assert.Contains("its place stays in the thread", deleted.Body, StringComparison.Ordinal);

        var erased = await StoredAsync(forum, answered.Id);
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(("", null, null, ""), (erased.AuthorName, erased.AuthorEmail, erased.IpAddress, erased.Source));
        using var stranger = new Browser(forum);
        var page = (await stranger.GetAsync(SeedThread.Url)).Document;
        Assert.Equal("This comment was removed.", page.Entry(answered.Id).QuerySelector(".comment-removed")?.Text());
        Assert.Equal($"comment-{answered.Id}", page.Entry(reply).ParentEntryId());
        Assert.DoesNotContain("Someone will answer this.", page.Body!.TextContent, StringComparison.Ordinal);

        // Without replies it goes altogether.
        var gone = await ann.SubmitAsync(await ann.GetAsync(alone.EditUrl), "form[action*='handler=Delete']", [new("ConfirmDelete", "true")]);
        Assert.Equal(HttpStatusCode.OK, gone.Status);
        Assert.Equal("Nothing of it is kept.", gone.Document.QuerySelector("[role=status]")?.Text());
        Assert.False(await forum.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == alone.Id)));
        Assert.Null((await stranger.GetAsync(SeedThread.Url)).Document.GetElementById($"comment-{alone.Id}"));

        // The links of a deleted comment lead nowhere now.
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(alone.EditUrl)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(answered.EditUrl)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(alone.DataUrl)).Status);
    }

    [Fact]
    public async Task TheWindowClosesAfterTheConfiguredMinutesButTheDataLinkStillWorks()
    {
        using var forum = Forum(("Comments:EditWindowMinutes", "5"));
        using var ann = new Browser(forum);
        var posted = await PostAsync(ann, new CommentForm("Written in haste."));
        var received = (await StoredAsync(forum, posted.Id)).ReceivedAt;
        Assert.Contains(received.AddMinutes(5).ToString("HH:mm", CultureInfo.InvariantCulture), posted.Entry.QuerySelector(".edit-own")!.Text(), StringComparison.Ordinal);
        var form = await ann.GetAsync(posted.EditUrl);
        Assert.Equal(HttpStatusCode.OK, form.Status);

        forum.Clock.Ahead = TimeSpan.FromMinutes(4);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(posted.EditUrl)).Status);

        forum.Clock.Ahead = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);
        var closed = await ann.GetAsync(posted.EditUrl);
        Assert.Equal(HttpStatusCode.Gone, closed.Status);
        Assert.Equal("The time to change this comment is over", closed.Document.QuerySelector("h1")?.Text());
        Assert.Contains("for 5 minutes after it is posted", closed.Body, StringComparison.Ordinal);
        Assert.Null(closed.Document.QuerySelector("form.comment-form"));

        // A form opened in time and sent too late changes nothing; nor does a delete.
        var late = await ann.SubmitAsync(form, "form.comment-form", [new("Text", "Too late.")]);
        Assert.Equal(HttpStatusCode.Gone, late.Status);
        Assert.Equal(HttpStatusCode.Gone, (await ann.SubmitAsync(form, "form[action*='handler=Delete']", [new("ConfirmDelete", "true")])).Status);
        var stored = await StoredAsync(forum, posted.Id);
        Assert.Equal("Written in haste.", stored.Source);
        Assert.Null(stored.EditedAt);

        // The page no longer offers the link; what is stored can still be seen.
        var page = (await ann.GetAsync(SeedThread.Url)).Document;
        Assert.Empty(page.Entry(posted.Id).QuerySelectorAll(".edit-own"));
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(posted.DataUrl)).Status);
        // The page that says the window closed gives the data link too.
        var offered = closed.Document.QuerySelector(".error-page .own-data")?.GetAttribute("href");
        Assert.StartsWith($"/comments/{posted.Id}/your-data?token=", offered, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync(offered!)).Status);

        // Until it too expires.
        forum.Clock.Ahead = TimeSpan.FromDays(31);
        Assert.Equal(HttpStatusCode.Gone, (await ann.GetAsync(posted.DataUrl)).Status);
    }

    [Fact]
    public async Task ATamperedTokenOrAnotherCommentsTokenIsRefused()
    {
        using var forum = Forum();
        using var ann = new Browser(forum);
        using var bob = new Browser(forum);
        var anns = await PostAsync(ann, new CommentForm("Ann's words."));
        var bobs = await PostAsync(bob, new CommentForm("Bob's words.") { Name = "Bob", Email = "bob@example.org" });
        var annsToken = anns.EditUrl[(anns.EditUrl.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var dataToken = anns.DataUrl[(anns.DataUrl.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var middle = annsToken.Length / 2;
        var flipped = annsToken[..middle] + (annsToken[middle] == 'A' ? 'B' : 'A') + annsToken[(middle + 1)..];

        string[] refused =
        [
            $"/comments/{bobs.Id}/edit?token={annsToken}", // another comment's link
            $"/comments/{anns.Id}/edit?token={flipped}", // one character changed
            $"/comments/{anns.Id}/edit?token={dataToken}", // the other page's link
            $"/comments/{anns.Id}/edit", // none at all
            $"/comments/{bobs.Id}/your-data?token={dataToken}",
            $"/comments/{anns.Id}/your-data?token={annsToken}",
        ];
        foreach (var url in refused)
        {
            var page = await ann.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.Forbidden, $"GET {url} answered {(int)page.Status}");
            Assert.Equal("This link does not work", page.Document.QuerySelector("h1")?.Text());
            Assert.DoesNotContain("Bob's words.", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("bob@example.org", page.Body, StringComparison.Ordinal);
        }

        // A form sent to Bob's comment with Ann's token and a good antiforgery token changes nothing.
        var form = await ann.GetAsync(anns.EditUrl);
        var aimedAtBob = await ann.PostFormAsync($"/comments/{bobs.Id}/edit?token={annsToken}",
            [new("Text", "Rewritten by Ann."), new(Browser.AntiforgeryField, form.Document.QuerySelector($"input[name={Browser.AntiforgeryField}]")?.GetAttribute("value"))]);
        Assert.Equal(HttpStatusCode.Forbidden, aimedAtBob.Status);
        Assert.Equal("Bob's words.", (await StoredAsync(forum, bobs.Id)).Source);
    }

    [Fact]
    public async Task AnEditThatTripsTheRulesIsHeldAgainAndTheGuestIsTold()
    {
        using var forum = Forum(("Moderation:HoldWords:0", "casino"), ("Moderation:BlockWords:0", "pharmacy"));
        using var ann = new Browser(forum);
        using var stranger = new Browser(forum);
        var posted = await PostAsync(ann, new CommentForm("A harmless remark."));
        Assert.Equal("A harmless remark.", (await stranger.GetAsync(SeedThread.Url)).Document.Entry(posted.Id).Body());

        var held = await ann.SubmitAsync(posted.EditUrl, "form.comment-form", [new("Text", "Visit my casino.")]);
        Assert.Equal(HttpStatusCode.OK, held.Status);
        Assert.Contains("now held for a moderator’s review", held.Document.QuerySelector(".notice[role=status]")?.Text(), StringComparison.Ordinal);
        var stored = await StoredAsync(forum, posted.Id);
        Assert.Equal((CommentStatus.Pending, "Visit my casino."), (stored.Status, stored.Source));
        Assert.Null((await stranger.GetAsync(SeedThread.Url)).Document.GetElementById($"comment-{posted.Id}"));
        // Its writer still sees it in place, marked as held, with the link.
        var own = (await ann.GetAsync(SeedThread.Url)).Document.Entry(posted.Id);
        Assert.Equal("Your comment is awaiting moderation.", own.QuerySelector(".awaiting-moderation")?.Text());
        Assert.NotNull(own.QuerySelector(".edit-own"));

        // Editing it into something the blocklist catches marks it spam; it is never published by an edit.
        var blocked = await ann.SubmitAsync(posted.EditUrl, "form.comment-form", [new("Text", "Cheap pharmacy here.")]);
        Assert.Equal(HttpStatusCode.OK, blocked.Status);
        Assert.Contains("now held for a moderator’s review", blocked.Body, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Spam, (await StoredAsync(forum, posted.Id)).Status);
        var harmless = await ann.SubmitAsync(posted.EditUrl, "form.comment-form", [new("Text", "Harmless again.")]);
        Assert.Equal(HttpStatusCode.OK, harmless.Status);
        Assert.Equal(CommentStatus.Spam, (await StoredAsync(forum, posted.Id)).Status);
        Assert.Null((await stranger.GetAsync(SeedThread.Url)).Document.GetElementById($"comment-{posted.Id}"));
    }

    [Fact]
    public async Task EditingAndDeletingNeedTheFormsAntiforgeryToken()
    {
        // A first comment is held here: its writer is given the links beside it all the same.
        using var forum = Forum(("Moderation:HoldFirstComment", "true"));
        using var ann = new Browser(forum);
        var posted = await PostAsync(ann, new CommentForm("Guarded words."));
        Assert.NotNull(posted.Entry.QuerySelector(".awaiting-moderation"));
        var form = await ann.GetAsync(posted.EditUrl);

        var edit = await ann.SubmitAsync(form, "form.comment-form", [new("Text", "Forged words."), new(Browser.AntiforgeryField, null)]);
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        var delete = await ann.SubmitAsync(form, "form[action*='handler=Delete']", [new("ConfirmDelete", "true"), new(Browser.AntiforgeryField, null)]);
        Assert.Equal(HttpStatusCode.BadRequest, delete.Status);
        var erase = await ann.SubmitAsync(await ann.GetAsync(posted.DataUrl), "form.stacked-form", [new(Browser.AntiforgeryField, null)]);
        Assert.Equal(HttpStatusCode.BadRequest, erase.Status);

        var stored = await StoredAsync(forum, posted.Id);
        Assert.Equal(("Guarded words.", "Ann Reader"), (stored.Source, stored.AuthorName));

        // With the token, the same form works, and the held comment stays held.
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitAsync(form, "form.comment-form", [new("Text", "Guarded, and edited.")])).Status);
        stored = await StoredAsync(forum, posted.Id);
        Assert.Equal(("Guarded, and edited.", CommentStatus.Pending), (stored.Source, stored.Status));
    }

    [Fact]
    public async Task BadInputIsRefusedNextToItsFieldAndKeepsWhatWasTyped()
    {
        using var forum = Forum(("Comments:MaxLength", "40"));
        using var ann = new Browser(forum);
        var posted = await PostAsync(ann, new CommentForm("Short and sweet."));

        var empty = await ann.SubmitAsync(posted.EditUrl, "form.comment-form", [new("Text", "   ")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Equal("Write your comment before saving. To remove it, delete it below.", empty.Document.GetElementById("Text-error")?.Text());
        Assert.Equal("true", empty.Document.GetElementById("Text")?.GetAttribute("aria-invalid"));

        var typed = new string('x', 41);
        var tooLong = await ann.SubmitAsync(empty, "form.comment-form", [new("Text", typed)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Equal("A comment can be at most 40 characters; this one has 41.", tooLong.Document.GetElementById("Text-error")?.Text());
        Assert.Equal(typed, tooLong.Document.GetElementById("Text")?.TextContent);

        Assert.Equal("Short and sweet.", (await StoredAsync(forum, posted.Id)).Source);
        // The form still works from the page that refused it.
        Assert.Equal(HttpStatusCode.Found, (await ann.SubmitAsync(tooLong, "form.comment-form", [new("Text", "Shorter.")])).Status);
        Assert.Equal("Shorter.", (await StoredAsync(forum, posted.Id)).Source);
    }

    [Fact]
    public async Task AGuestSeesWhatIsStoredAboutThemAndErasesIt()
    {
        using var forum = Forum();
        using var ann = new Browser(forum);
        ann.Client.DefaultRequestHeaders.UserAgent.ParseAdd("AnnBrowser/1.0");
        using var stranger = new Browser(forum);
        var posted = await PostAsync(ann, new CommentForm("Mine to erase.") { Website = "https://ann.example.org/", Remember = true });
        Assert.NotNull(ann.Cookies.GetCookies(Site)[CommenterCookies.DetailsCookie]);

        var data = await ann.GetAsync(posted.DataUrl);
        Assert.Equal(HttpStatusCode.OK, data.Status);
        Assert.Contains("no-store", await CacheControlAsync(ann, posted.DataUrl), StringComparison.Ordinal);
        var shown = Stored(data);
        Assert.Equal("Ann Reader", shown["Name (shown with the comment)"]);
        Assert.Equal("ann@example.org", shown["Email address (never shown)"]);
        Assert.Equal("https://ann.example.org/", shown["Website (linked from your name)"]);
        Assert.Equal(ann.Address, shown["IP address it came from (seen by moderators)"]);
        Assert.Equal("AnnBrowser/1.0", shown["Browser it came from (seen by moderators)"]);
        Assert.Equal("Ann Reader, ann@example.org, https://ann.example.org/", shown[$"Your details for the next comment ({CommenterCookies.DetailsCookie})"]);

        var erased = await ann.SubmitAsync(data, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.Found, erased.Status);
        var after = await ann.FollowAsync(erased);
        Assert.Contains("Your personal data is erased", after.Document.QuerySelector(".notice")?.Text(), StringComparison.Ordinal);
        shown = Stored(after);
        Assert.Equal("Anonymous", shown["Name (shown with the comment)"]);
        Assert.Equal("none", shown["Email address (never shown)"]);
        Assert.Equal("none", shown["Website (linked from your name)"]);
        Assert.Equal("none", shown["IP address it came from (seen by moderators)"]);
        Assert.Equal("none", shown["Browser it came from (seen by moderators)"]);
        Assert.Equal("not remembered", shown[$"Your details for the next comment ({CommenterCookies.DetailsCookie})"]);
        Assert.Null(ann.Cookies.GetCookies(Site)[CommenterCookies.DetailsCookie]);

        var stored = await StoredAsync(forum, posted.Id);
        Assert.Equal(("Anonymous", (string?)null, (string?)null, (string?)null, (string?)null, "Mine to erase.", CommentStatus.Approved),
            (stored.AuthorName, stored.AuthorEmail, stored.AuthorUrl, stored.IpAddress, stored.UserAgent, stored.Source, stored.Status));
        // Readers' pages follow: the shared page shows the comment under the new name, with no link to the old website.
        var entry = (await stranger.GetAsync(SeedThread.Url)).Document.Entry(posted.Id);
        Assert.Equal("Anonymous", entry.Author());
        Assert.Null(entry.QuerySelector(".comment-author a"));
        Assert.Contains(await forum.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == posted.Id).Select(e => e.Action).ToListAsync()), a => a == "Anonymize");
    }

    [Fact]
    public async Task NoLinkIsGivenWhenGuestEditingIsOffNorToSignedInMembers()
    {
        using var forum = Forum(("Comments:EditWindowMinutes", "0"));
        using var ann = new Browser(forum);
        var posted = await ann.SubmitCommentAsync(SeedThread.Url, new CommentForm("No second thoughts."));
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        Assert.Null(ann.Cookies.GetCookies(Site)[CommenterCookies.OwnCookie]);
        Assert.Empty((await ann.FollowAsync(posted)).Document.QuerySelectorAll(".edit-own, .own-data"));

        using var open = Forum();
        await open.CreateUserAsync("member@example.org");
        using var member = new Browser(open);
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        var theirs = await member.SubmitCommentAsync(SeedThread.Url, new CommentForm("Signed in."));
        Assert.Equal(HttpStatusCode.Found, theirs.Status);
        Assert.Empty((await member.FollowAsync(theirs)).Document.QuerySelectorAll(".edit-own, .own-data"));
    }

    /// <summary>The data page's terms and what it says of each, by the term's text.</summary>
    private static Dictionary<string, string> Stored(Page page) =>
        page.Document.QuerySelectorAll("dl.stored-data > dt").ToDictionary(dt => dt.Text(), dt => dt.NextElementSibling?.Text() ?? "");

    private static async Task<string> CacheControlAsync(Browser browser, string url)
    {
        using var response = await browser.Client.GetAsync(new Uri(url, UriKind.Relative));
        return response.Headers.CacheControl?.ToString() ?? "";
    }
}
