using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Hosting;

namespace SomeForum.Web.Notifications;

/// <summary>A composed mail, before it is queued.</summary>
public sealed record MailDraft(
    MailKind Kind, string ToAddress, string? ToName, string Subject, string TextBody, string HtmlBody, string? UnsubscribeUrl,
    long? CommentId = null, string? DedupKey = null);

/// <summary>
/// Puts mail in the database for the sender, and holds each address to its hourly allowance: a flood of replies
/// to one person queues a few mails, and the rest are dropped with a log line.
/// </summary>
public sealed class MailOutbox(ForumDb db, IOptionsMonitor<MailOptions> options, WorkSignal<MailSender> signal, TimeProvider clock, ILogger<MailOutbox> logger)
{
    /// <summary>Queues the mail; false when the recipient's allowance is used up or the same digest is queued already.</summary>
    public async Task<bool> EnqueueAsync(MailDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow().UtcDateTime;
        var to = EmailAddress.Normalize(draft.ToAddress);
        // The digest has a pace of its own (one every DigestIntervalSeconds); everything else counts against the allowance.
        if (draft.Kind != MailKind.ModeratorDigest)
        {
            var hourAgo = now.AddHours(-1);
            var recent = await db.OutgoingMails.CountAsync(
                m => m.ToAddress == to && m.CreatedAt > hourAgo && m.Kind != MailKind.ModeratorDigest, ct);
            if (recent >= options.CurrentValue.MaxPerRecipientPerHour)
            {
                logger.MailDropped(draft.Kind, draft.CommentId, recent);
                return false;
            }
        }
        var mail = new OutgoingMail
        {
            Kind = draft.Kind,
            ToAddress = to,
            ToName = draft.ToName is null ? null : MailText.OneLine(draft.ToName, 200),
            Subject = MailText.OneLine(draft.Subject, 400),
            TextBody = draft.TextBody,
            HtmlBody = draft.HtmlBody,
            UnsubscribeUrl = draft.UnsubscribeUrl,
            CommentId = draft.CommentId,
            DedupKey = draft.DedupKey,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutgoingMails.Add(mail);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (draft.DedupKey is not null)
        {
            // Another instance queued the same digest a moment ago.
            db.Entry(mail).State = EntityState.Detached;
            return false;
        }
        logger.MailQueued(mail.Id, mail.Kind, mail.CommentId);
        signal.Notify();
        return true;
    }
}

internal static partial class MailLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({Kind}) queued, about comment {CommentId}")]
    public static partial void MailQueued(this ILogger logger, long mailId, MailKind kind, long? commentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail ({Kind}) about comment {CommentId} dropped: its recipient was sent {Recent} mails in the last hour, the limit")]
    public static partial void MailDropped(this ILogger logger, MailKind kind, long? commentId, int recent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({Kind}) sent on try {Attempt}")]
    public static partial void MailSent(this ILogger logger, long mailId, MailKind kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} ({Kind}) try {Attempt} failed, {Next}: {Error}")]
    public static partial void MailFailed(this ILogger logger, long mailId, MailKind kind, int attempt, string next, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail is off (no Mail:Host): nothing is sent")]
    public static partial void MailOff(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail sender failed; it goes on after a pause")]
    public static partial void SenderFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the notification request for comment {CommentId}")]
    public static partial void SubscribeFailed(this ILogger logger, Exception exception, long commentId);
}
