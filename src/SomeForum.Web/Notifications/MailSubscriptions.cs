using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Notifications;

/// <summary>
/// Who asked for which mail: "notify me of replies" on a comment, the double opt-in that must confirm an address
/// before anything but the confirmation is sent to it, and the one-click unsubscribe.
/// </summary>
public sealed class MailSubscriptions(
    ForumDb db, MailOutbox queue, MailLinks links, Site.SiteSettings settings, IOptionsMonitor<MailOptions> options, TimeProvider clock, ILogger<MailSubscriptions> logger)
{
    /// <summary>
    /// The reader ticked "notify me of replies" on a comment just stored. Recorded whatever the comment's status
    /// but spam (a held comment's replies come once it is approved); an unconfirmed address is sent a confirmation.
    /// A failure here is logged, never shown: the comment itself is stored already. <paramref name="language"/> is the
    /// reader's, kept with the subscription: their reply mails are written in it, whoever writes the reply.
    /// </summary>
    public async Task SubscribeAsync(Comment comment, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (!options.CurrentValue.Enabled || string.IsNullOrWhiteSpace(comment.AuthorEmail)) return;
        if (comment.Status is CommentStatus.Spam or CommentStatus.Trash) return;
        try
        {
            var address = EmailAddress.Normalize(comment.AuthorEmail);
            if (!await db.MailSubscriptions.AnyAsync(s => s.CommentId == comment.Id && s.Address == address, ct))
            {
                db.MailSubscriptions.Add(new MailSubscription
                {
                    Address = address, CommentId = comment.Id, CreatedAt = clock.GetUtcNow().UtcDateTime, Language = language,
                });
                await db.SaveChangesAsync(ct);
            }
            var title = await db.Posts.Where(p => p.Id == comment.PostId).Select(p => p.Title).SingleAsync(ct);
            await RequestConfirmationAsync(address, title, language, ct);
        }
#pragma warning disable CA1031 // The comment is stored; a notification that could not be recorded must not turn that into an error page.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.SubscribeFailed(e, comment.Id);
        }
    }

    public async Task<bool> IsConfirmedAsync(string address, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(address);
        return await db.MailRecipients.AnyAsync(r => r.Address == normalized && r.ConfirmedAt != null, ct);
    }

    /// <summary>
    /// Sends the confirmation mail unless the address is confirmed or was sent one within the link's lifetime (so a
    /// stranger typing someone's address again and again gets them one mail, not many), in the language of the request
    /// that gave the address. True when the address is confirmed.
    /// </summary>
    public async Task<bool> RequestConfirmationAsync(string address, string? postTitle, string? language, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(address);
        var now = clock.GetUtcNow().UtcDateTime;
        var recipient = await db.MailRecipients.FindAsync([normalized], ct);
        if (recipient?.ConfirmedAt is not null) return true;
        var hours = options.CurrentValue.ConfirmationHours;
        if (recipient?.ConfirmationSentAt is { } sent && sent > now.AddHours(-hours)) return false;
        if (recipient is null)
        {
            recipient = new MailRecipient { Address = normalized };
            db.MailRecipients.Add(recipient);
        }
        recipient.ConfirmationSentAt = now;
        await db.SaveChangesAsync(ct);

        var site = await settings.CurrentAsync(ct);
        var unsubscribe = links.UnsubscribeUrl(site, UnsubscribeScope.Replies, normalized);
        var (subject, text, html) = MailText.Confirmation(
            options.CurrentValue.SenderName(site), postTitle, links.ConfirmUrl(site, normalized), hours, unsubscribe, MailLanguage.Culture(language));
        await queue.EnqueueAsync(new MailDraft(MailKind.Confirmation, normalized, null, subject, text, html, unsubscribe), ct);
        return false;
    }

    /// <summary>The address a confirmation link named is confirmed: its subscriptions start sending.</summary>
    public async Task ConfirmAsync(string address, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(address);
        var now = clock.GetUtcNow().UtcDateTime;
        var recipient = await db.MailRecipients.FindAsync([normalized], ct);
        if (recipient is null)
        {
            recipient = new MailRecipient { Address = normalized };
            db.MailRecipients.Add(recipient);
        }
        recipient.ConfirmedAt ??= now;
        recipient.UnsubscribedAt = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stops what the link names, and drops such mail still waiting in the queue.</summary>
    public async Task UnsubscribeAsync(UnsubscribeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (request.Scope)
        {
            case UnsubscribeScope.Replies:
                var address = EmailAddress.Normalize(request.Subject);
                await db.MailSubscriptions.Where(s => s.Address == address).ExecuteDeleteAsync(ct);
                var recipient = await db.MailRecipients.FindAsync([address], ct);
                if (recipient is null)
                {
                    recipient = new MailRecipient { Address = address };
                    db.MailRecipients.Add(recipient);
                }
                // Confirmation is forgotten too: ticking the box again later starts with a confirmation mail again.
                recipient.ConfirmedAt = null;
                recipient.UnsubscribedAt = now;
                await db.SaveChangesAsync(ct);
                await DropQueuedAsync(address, [MailKind.Reply, MailKind.Confirmation, MailKind.NewComment], ct);
                break;
            case UnsubscribeScope.PostComments:
                var author = await db.Users.Where(u => u.Id == request.Subject).Select(u => u.Email).SingleOrDefaultAsync(ct);
                await db.Users.Where(u => u.Id == request.Subject).ExecuteUpdateAsync(u => u.SetProperty(x => x.NotifyOfComments, false), ct);
                if (author is not null) await DropQueuedAsync(EmailAddress.Normalize(author), [MailKind.NewComment], ct);
                break;
            case UnsubscribeScope.Digest:
                var moderator = await db.Users.Where(u => u.Id == request.Subject).Select(u => u.Email).SingleOrDefaultAsync(ct);
                await db.Users.Where(u => u.Id == request.Subject).ExecuteUpdateAsync(u => u.SetProperty(x => x.ModerationDigestOff, true), ct);
                if (moderator is not null) await DropQueuedAsync(EmailAddress.Normalize(moderator), [MailKind.ModeratorDigest], ct);
                break;
        }
    }

    private Task<int> DropQueuedAsync(string address, MailKind[] kinds, CancellationToken ct) =>
        db.OutgoingMails.Where(m => m.ToAddress == address && kinds.Contains(m.Kind) && m.Status == MailStatus.Queued)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MailStatus.Failed).SetProperty(m => m.LastError, "Not sent: the recipient unsubscribed"), ct);
}
