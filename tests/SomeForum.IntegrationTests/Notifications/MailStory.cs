using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Notifications;

namespace SomeForum.IntegrationTests.Notifications;

/// <summary>What the mail stories share: the app sending to a test SMTP server, fast, and readers who ask for mail.</summary>
internal static class MailStory
{
    public const string Site = "http://localhost";
    /// <summary>The seed post's title as stored (a no-break space between "So" and "What").</summary>
    public static Task<string> PostTitleAsync(this ForumFactory forum) =>
        forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "some-so-far-so-what").Select(p => p.Title).SingleAsync());

    /// <summary>The app with mail on, sending to <paramref name="smtp"/>, retrying after 1 s, then 2 s (the cap).</summary>
    public static ForumFactory Forum(TestSmtpServer smtp) => new ForumFactory().WithMail(smtp);

    /// <summary>The settings of <see cref="Forum"/>, on a factory of a kind of its own.</summary>
    public static T WithMail<T>(this T forum, TestSmtpServer smtp) where T : ForumFactory
    {
        forum.With("Mail:Host", "127.0.0.1")
            .With("Mail:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Mail:Security", "None")
            .With("Mail:FromAddress", "forum@example.org")
            .With("Mail:PollSeconds", "1")
            .With("Mail:RetryBaseSeconds", "1")
            .With("Mail:RetryMaxSeconds", "2")
            .With("Mail:TimeoutSeconds", "5")
            .With("Pingback:SiteUrl", Site)
            .With("Moderation:Enabled", "false")
            .With("Comments:FloodIntervalSeconds", "0");
        return forum;
    }

    /// <summary>Posts a comment through the form, ticking "Notify me of replies" when asked to; the new comment's id.</summary>
    public static async Task<long> CommentAsync(this Browser browser, CommentForm comment, bool notify = false)
    {
        var form = await browser.GetAsync(comment.ParentId is { } parent ? SeedThread.ReplyUrl(parent) : SeedThread.Url);
        var box = form.Document.QuerySelector("form.comment-form input#Input_NotifyOfReplies");
        Assert.NotNull(box);
        Assert.False(box.HasAttribute("checked"), "the box must never be ticked unasked");
        var posted = await browser.SubmitAsync(form, "form.comment-form",
            [.. comment.Fields(), new("Input.NotifyOfReplies", notify ? "true" : null)], "Input.Intent=post");
        Assert.True(posted.Status == HttpStatusCode.Found, $"posting answered {(int)posted.Status}: {posted.Body[..Math.Min(2000, posted.Body.Length)]}");
        return long.Parse(posted.Location![(posted.Location!.LastIndexOf("#comment-", StringComparison.Ordinal) + 9)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens a link from a mail in the browser (the site is http://localhost, the browser's own address).</summary>
    public static Task<Page> OpenLinkAsync(this Browser browser, string link)
    {
        Assert.StartsWith(Site + "/", link, StringComparison.Ordinal);
        return browser.GetAsync(link[Site.Length..]);
    }

    /// <summary>Waits for the confirmation mail to <paramref name="address"/>, opens its link and presses Confirm.</summary>
    public static async Task<ReceivedMail> ConfirmAsync(this Browser browser, TestSmtpServer smtp, string address)
    {
        var mail = await smtp.WaitForAsync(address, "Confirm your address");
        var page = await browser.OpenLinkAsync(mail.Link($"{Site}/mail/confirm?token="));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var confirmed = await browser.SubmitAsync(page, "form.stacked-form", []);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains($"{address} is confirmed", confirmed.Document.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        return mail;
    }

    public static Task<List<OutgoingMail>> MailsToAsync(this ForumFactory forum, string address) =>
        forum.WithDbAsync(db => db.OutgoingMails.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    /// <summary>Polls the queue until a mail matches (the sender works in the background).</summary>
    public static async Task<OutgoingMail> WaitForRowAsync(this ForumFactory forum, Func<OutgoingMail, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var rows = await forum.WithDbAsync(db => db.OutgoingMails.AsNoTracking().ToListAsync());
            if (rows.FirstOrDefault(match) is { } row) return row;
            Assert.True(DateTime.UtcNow < deadline,
                $"no matching row in the mail queue: {string.Join(" | ", rows.Select(r => $"{r.Id} {r.Kind} {r.ToAddress} {r.Status} tries {r.Attempts} {r.LastError}"))}");
            await Task.Delay(100);
        }
    }
}
