using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Site;

namespace SomeForum.Web.Notifications;

/// <summary>
/// Tells moderators and administrators what waits for them, batched: to each, at most one mail every
/// <see cref="MailOptions.DigestIntervalSeconds"/>, and only when something was held since their last one. The mail
/// lists what is new and counts everything waiting. Moderators who opted out get none.
/// </summary>
public sealed class ModeratorDigest(ForumDb db, MailOutbox queue, MailLinks links, SiteSettings settings, IOptionsMonitor<MailOptions> options, TimeProvider clock)
{
    private const int Listed = 20;

    /// <summary>Queues the digests that are due; the number queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Comments.AnyAsync(c => c.Status == CommentStatus.Pending, ct)) return 0;

        var moderators = await (from link in db.UserRoles
                                join role in db.Roles on link.RoleId equals role.Id
                                join user in db.Users on link.UserId equals user.Id
                                where (role.Name == Roles.Moderator || role.Name == Roles.Administrator) && !user.ModerationDigestOff && user.Email != null
                                select new { user.Id, user.Email, user.DisplayName, user.Language }).Distinct().ToListAsync(ct);
        var site = await settings.CurrentAsync(ct);
        var interval = TimeSpan.FromSeconds(options.CurrentValue.DigestIntervalSeconds);
        var queued = 0;
        foreach (var moderator in moderators)
        {
            var address = EmailAddress.Normalize(moderator.Email!);
            var last = await db.OutgoingMails.Where(m => m.ToAddress == address && m.Kind == MailKind.ModeratorDigest)
                .OrderByDescending(m => m.Id).Select(m => new { m.CreatedAt, m.CommentId }).FirstOrDefaultAsync(ct);
            if (last is not null && last.CreatedAt > now - interval) continue;

            // What the last digest told of is known by the newest comment it listed, not by its time: a comment written
            // while that digest was being made has a later id, though it may have an earlier time.
            var since = last?.CommentId ?? 0;
            var listed = await db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Pending && c.Id > since)
                .OrderBy(c => c.Id).Take(Listed)
                .Select(c => new MailText.Held(c.Id, c.AuthorName, c.Post.Title, c.Source)).ToListAsync(ct);
            if (listed.Count == 0) continue;
            var waiting = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, ct);

            var unsubscribe = links.UnsubscribeUrl(site, UnsubscribeScope.Digest, moderator.Id);
            var (subject, text, html) = MailText.Digest(options.CurrentValue.SenderName(site), waiting, listed,
                site.Absolute(ForumUrls.Queue(CommentStatus.Pending)), unsubscribe, MailLanguage.Culture(moderator.Language));
            // One digest per moderator per interval, even when two instances plan at the same moment.
            var slot = (now.Ticks / interval.Ticks).ToString(CultureInfo.InvariantCulture);
            var name = string.IsNullOrWhiteSpace(moderator.DisplayName) ? null : moderator.DisplayName;
            if (await queue.EnqueueAsync(new MailDraft(MailKind.ModeratorDigest, address, name, subject, text, html, unsubscribe,
                CommentId: listed[^1].Id, DedupKey: $"digest:{moderator.Id}:{slot}"), ct))
            {
                queued++;
            }
        }
        return queued;
    }
}
