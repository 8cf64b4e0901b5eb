using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>
/// The queue's answers: to its script (JSON, from the same handler as the plain form), to a plain form (back to the row
/// the moderator left, saying whose comment changed), Undo in both, and the inline reply and edit coming back to the queue.
/// </summary>
public sealed class QueueFlowTests : IDisposable
{
    private const string SeedPost = "/posts/some-so-far-so-what";
    private readonly ForumFactory factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task AnActionSentByTheScriptIsAnsweredWithWhatChangedAndUndoTakesItBack()
    {
        var id = await GuestCommentAsync("Gwen", "A first comment, held.");
        using var moderator = await ModeratorAsync();

        using var approved = await PostJsonAsync(moderator, "/moderation?Status=Pending", [new("OnOne", $"Approve:{id}")]);
        var change = approved.RootElement.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal((id, "Pending", "Approved", "Approved the comment by Gwen."),
            (change.GetProperty("id").GetInt64(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString(),
                change.GetProperty("text").GetString()));
        Assert.Equal("Approved the comment by Gwen.", approved.RootElement.GetProperty("message").GetString());
        Assert.Equal(0, approved.RootElement.GetProperty("counts").GetProperty("Pending").GetInt32());
        Assert.Equal(CommentStatus.Approved, await StatusAsync(id));
        var entry = change.GetProperty("undo").GetInt64();
        var logged = await factory.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.Id == entry));
        Assert.Equal((id, "Approve"), (logged.CommentId!.Value, logged.Action));

        using var undone = await PostJsonAsync(moderator, "/moderation?Status=Pending", [new("Undo", entry.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal("Undone: the comment by Gwen is held again.", undone.RootElement.GetProperty("message").GetString());
        Assert.Equal(1, undone.RootElement.GetProperty("counts").GetProperty("Pending").GetInt32());
        var comment = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == id));
        // Held again for the reason it was held, and the log says who took the approval back.
        Assert.Equal((CommentStatus.Pending, "First comment from this author"), (comment.Status, comment.ModerationReason));
        var log = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["Approve", "Undo"], log.Select(e => e.Action));
        Assert.Equal((CommentStatus.Approved, CommentStatus.Pending, "mod@example.org"), (log[1].StatusBefore!.Value, log[1].StatusAfter!.Value, log[1].UserName));

        // The same Undo twice takes back nothing more.
        using var again = await PostJsonAsync(moderator, "/moderation?Status=Pending", [new("Undo", entry.ToString(CultureInfo.InvariantCulture))]);
        Assert.Empty(again.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal(CommentStatus.Pending, await StatusAsync(id));
    }

    [Fact]
    public async Task UndoLeavesAloneWhatSomeoneChangedSince()
    {
        var id = await GuestCommentAsync("Hal", "Something to moderate.");
        using var first = await ModeratorAsync();
        using var approved = await PostJsonAsync(first, "/moderation", [new("OnOne", $"Approve:{id}")]);
        var entry = approved.RootElement.GetProperty("changes")[0].GetProperty("undo").GetInt64();

        using var second = await ModeratorAsync("other@example.org");
        using var trashed = await PostJsonAsync(second, "/moderation?Status=Approved", [new("OnOne", $"Trash:{id}")]);

        using var undo = await PostJsonAsync(first, "/moderation", [new("Undo", entry.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal("Nothing to undo: the comment has changed since.", undo.RootElement.GetProperty("message").GetString());
        Assert.Equal(CommentStatus.Trash, await StatusAsync(id));
    }

    [Fact]
    public async Task AQueueRequestWithNothingChosenIsABadRequestForTheScriptAndANoticeForTheForm()
    {
        using var moderator = await ModeratorAsync();
        var (status, body) = await PostRawJsonAsync(moderator, "/moderation", [new("BulkAction", "Approve")]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Choose comments and an action.", body.RootElement.GetProperty("message").GetString());
        body.Dispose();

        var plain = await moderator.SubmitAsync("/moderation", "form.queue", [new("BulkAction", "Approve")]);
        Assert.Equal(HttpStatusCode.Redirect, plain.Status);
        var queue = await moderator.FollowAsync(plain);
        Assert.Equal("Choose comments and an action.", queue.Document.QuerySelector(".notice")?.TextContent.Trim());
    }

    [Fact]
    public async Task APlainFormComesBackToTheNextRowSayingWhoseCommentChanged()
    {
        var ann = await GuestCommentAsync("Ann", "one");
        var ben = await GuestCommentAsync("Ben", "two");
        var cat = await GuestCommentAsync("Cat", "three");
        using var moderator = await ModeratorAsync();

        // Newest first: Cat, Ben, Ann. Ben's goes; the page comes back at Ann's, the notice where Ben's was.
        var response = await moderator.SubmitAsync("/moderation?q=example.org", "form.queue", [], $"OnOne=Approve:{ben}");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        Assert.Equal("/moderation?Status=Pending&q=example.org#moderated", response.Location);
        var followed = await moderator.FollowAsync(response);
        var notice = followed.Document.GetElementById("moderated")!;
        Assert.StartsWith("Approved the comment by Ben.", notice.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"queued-{ann}", notice.NextElementSibling?.Id);
        Assert.Equal($"queued-{cat}", notice.PreviousElementSibling?.Id);
        Assert.Equal("status", notice.GetAttribute("role"));

        // Its Undo brings Ben's back, and the notice stands before it.
        var undo = notice.QuerySelector("button[name=Undo]")!.GetAttribute("value")!;
        var undone = await moderator.SubmitAsync(followed, "form.queue", [], $"Undo={undo}");
        var after = (await moderator.FollowAsync(undone)).Document;
        Assert.Equal($"queued-{ben}", after.GetElementById("moderated")?.NextElementSibling?.Id);
        Assert.StartsWith("Undone: the comment by Ben is held again.", after.GetElementById("moderated")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, await StatusAsync(ben));

        // The last row acted on: the notice closes the list.
        var last = await moderator.SubmitAsync("/moderation?q=example.org", "form.queue", [], $"OnOne=Spam:{ann}");
        var end = (await moderator.FollowAsync(last)).Document;
        Assert.Null(end.GetElementById("moderated")?.NextElementSibling);
        Assert.Equal($"queued-{ben}", end.GetElementById("moderated")?.PreviousElementSibling?.Id);
    }

    [Fact]
    public async Task AnInlineReplyAndEditComeBackToTheQueueWhereTheModeratorWas()
    {
        var ann = await GuestCommentAsync("Ann", "one");
        var ben = await GuestCommentAsync("Ben", "two");
        using var moderator = await ModeratorAsync();
        var queue = await moderator.GetAsync("/moderation?q=example.org");
        var inline = $"#reply-{ben}";
        Assert.NotNull(queue.Document.QuerySelector($"#queued-{ben} textarea[form='reply-{ben}']"));

        var replied = await moderator.SubmitAsync(queue, inline, [new("Text", "Thank you, Ben.")]);
        Assert.Equal(HttpStatusCode.Redirect, replied.Status);
        Assert.Equal("/moderation?Status=Pending&q=example.org#moderated", replied.Location);
        var back = (await moderator.FollowAsync(replied)).Document;
        Assert.StartsWith("Replied to Ben, and published their comment.", back.GetElementById("moderated")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"queued-{ann}", back.GetElementById("moderated")?.NextElementSibling?.Id);
        Assert.Equal(CommentStatus.Approved, await StatusAsync(ben));

        var edited = await moderator.SubmitAsync(await moderator.GetAsync("/moderation?q=example.org"), $"#edit-{ann}", [new("Text", "one, and more")]);
        Assert.Equal("/moderation?Status=Pending&q=example.org#moderated", edited.Location);
        var afterEdit = (await moderator.FollowAsync(edited)).Document;
        Assert.Equal($"queued-{ann}", afterEdit.GetElementById("moderated")?.NextElementSibling?.Id);
        Assert.Equal("one, and more", afterEdit.QuerySelector($"#queued-{ann} .queued-text")?.TextContent.Trim());

        // Anywhere but a moderation page is not a place to go back to: the reply page goes to the reply, as without the queue.
        var elsewhere = await moderator.SubmitAsync($"/moderation/comments/{ann}/reply", "form.comment-form",
            [new("Text", "And you, Ann."), new("ReturnUrl", "https://evil.example/moderation")]);
        Assert.Matches(@"^/comments/\d+$", elsewhere.Location);

        // A refused inline reply keeps the way back, and the words.
        var empty = await moderator.SubmitAsync(await moderator.GetAsync("/moderation?Status=Approved&q=example.org"), $"#reply-{ann}", [new("Text", " ")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Equal("/moderation?Status=Approved&q=example.org", empty.Document.QuerySelector("input[name=ReturnUrl]")?.GetAttribute("value"));
        Assert.Equal("Write a reply before posting.", empty.Document.QuerySelector(".field-error")?.TextContent.Trim());
    }

    [Fact]
    public async Task TheAuditLogShowsTheWordsAnEditChangedUntilTheCommentIsDeleted()
    {
        await factory.CreateUserAsync("boss@example.org", Roles.Administrator);
        using var admin = new Browser(factory);
        await admin.SignInAsync("boss@example.org", ForumFactory.UserPassword);
        var first = await admin.SubmitAsync("/moderation/comments/3/edit", "form.comment-form", [new("Text", "The quick brown fox jumps over the lazy dog.")]);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var edit = await admin.SubmitAsync("/moderation/comments/3/edit", "form.comment-form", [new("Text", "The quick <b>red</b> fox jumps over the lazy dog.")]);
        Assert.Equal(HttpStatusCode.Redirect, edit.Status);

        var log = await admin.OpenAsync("/moderation/log");
        var diff = log.QuerySelector("table.log tbody tr .log-diff")!;
        Assert.Equal("brown", diff.QuerySelector("del")?.TextContent);
        Assert.Equal("<b>red</b>", diff.QuerySelector("ins")?.TextContent);
        // What the editor typed is text in the log, never markup.
        Assert.Null(diff.QuerySelector("b"));
        Assert.Equal("The quick brown<b>red</b> fox jumps over the lazy dog.", diff.TextContent);

        var delete = await admin.SubmitAsync("/moderation/comments/3/delete", "main form[method=post]", []);
        Assert.Equal(HttpStatusCode.Redirect, delete.Status);
        var kept = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.CommentId == 3).ToListAsync());
        Assert.All(kept, e => Assert.Null(e.TextBefore ?? e.TextAfter));
        Assert.Null((await admin.OpenAsync("/moderation/log")).QuerySelector(".log-diff"));
    }

    private async Task<Browser> ModeratorAsync(string email = "mod@example.org")
    {
        await factory.CreateUserAsync(email, Roles.Moderator);
        var moderator = new Browser(factory);
        await moderator.SignInAsync(email, ForumFactory.UserPassword);
        return moderator;
    }

    private async Task<long> GuestCommentAsync(string name, string text)
    {
        using var guest = new Browser(factory);
        var response = await guest.SubmitAsync(SeedPost, "form.comment-form",
            [new("Input.Name", name), new("Input.Email", $"{name.ToLowerInvariant()}@example.org"), new("Input.Text", text)], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        return long.Parse(response.Location!.Split("#comment-")[1], CultureInfo.InvariantCulture);
    }

    private Task<CommentStatus> StatusAsync(long id) => factory.WithDbAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    private static async Task<JsonDocument> PostJsonAsync(Browser moderator, string queue, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (status, body) = await PostRawJsonAsync(moderator, queue, fields);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>What the queue's script sends: the form's own fields and token, asking for JSON.</summary>
    private static async Task<(HttpStatusCode, JsonDocument)> PostRawJsonAsync(Browser moderator, string queue, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await moderator.OpenAsync(queue);
        var form = page.QuerySelector("form.queue")!;
        var entries = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(fields).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(queue, UriKind.Relative)) { Content = new FormUrlEncodedContent(entries) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await moderator.Client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }
}
