using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SomeForum.Web.Data;

namespace SomeForum.Web.Notifications;

/// <summary>
/// Sends one queued mail through the configured SMTP server. A mail is claimed with a lease, as the webmention queue
/// does it, the same on both providers: one UPDATE raises the attempt count it was read with and moves it out of reach,
/// so of two instances that read it only one sends it; one that dies mid-send leaves it due again when the lease ends
/// (it may then be sent twice: delivery is at least once). A try that failed waits longer each time (doubling, up to a
/// cap) until the last try, then the mail is marked failed; a permanent refusal (an SMTP 5xx) fails it at once.
/// </summary>
public sealed class MailDelivery(ForumDb db, IOptionsMonitor<MailOptions> options, Site.SiteSettings site, TimeProvider clock, ILogger<MailDelivery> logger)
{
    /// <summary>Sent the oldest due mail: (true, _); nothing due: (false, when the next one falls due, if any).</summary>
    public async Task<(bool Worked, DateTime? NextDue)> SendNextAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var next = await db.OutgoingMails.AsNoTracking()
            .Where(m => (m.Status == MailStatus.Queued || m.Status == MailStatus.Sending) && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .FirstOrDefaultAsync(ct);
        if (next is null)
        {
            var due = await db.OutgoingMails.Where(m => m.Status == MailStatus.Queued || m.Status == MailStatus.Sending)
                .MinAsync(m => (DateTime?)m.NextAttemptAt, ct);
            return (false, due);
        }

        var lease = TimeSpan.FromSeconds(settings.TimeoutSeconds * 4 + 30);
        var claimed = await db.OutgoingMails
            .Where(m => m.Id == next.Id && m.Attempts == next.Attempts && (m.Status == MailStatus.Queued || m.Status == MailStatus.Sending))
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, MailStatus.Sending)
                .SetProperty(m => m.Attempts, next.Attempts + 1)
                .SetProperty(m => m.NextAttemptAt, now + lease), ct);
        if (claimed == 0) return (true, null);
        var attempt = next.Attempts + 1;

        string? error = null;
        var permanent = false;
        try
        {
            await SendAsync(Compose(next, settings, settings.SenderName(await site.CurrentAsync(ct))), settings, ct);
        }
        catch (SmtpCommandException e)
        {
            error = $"{(int)e.StatusCode} {e.Message}";
            permanent = (int)e.StatusCode >= 500;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = e.Message;
        }

        var done = clock.GetUtcNow().UtcDateTime;
        var (status, nextAt, what) = error is null ? (MailStatus.Sent, done, "sent")
            : permanent || attempt >= settings.MaxAttempts ? (MailStatus.Failed, done, "given up")
            : (MailStatus.Queued, done + settings.RetryDelay(attempt), "tried again later");
        if (error is not null) error = error.Length > 1000 ? error[..1000] : error;
        // Only while the claim is still ours: a try that outlived its lease must not overwrite a newer one's result.
        await db.OutgoingMails.Where(m => m.Id == next.Id && m.Attempts == attempt).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.NextAttemptAt, nextAt)
            .SetProperty(m => m.SentAt, error == null ? done : null)
            .SetProperty(m => m.LastError, m => error ?? m.LastError), CancellationToken.None);
        if (error is null) logger.MailSent(next.Id, next.Kind, attempt);
        else logger.MailFailed(next.Id, next.Kind, attempt, what, error);
        return (true, null);
    }

    internal static MimeMessage Compose(OutgoingMail mail, MailOptions settings, string fromName)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, settings.FromAddress ?? throw new InvalidOperationException("Mail:FromAddress is empty.")));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToAddress));
        message.Subject = mail.Subject;
        var host = settings.FromAddress is { } from && from.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? from[(at + 1)..] : "someforum.invalid";
        // The same id on every try, so a mail that reached the server twice is recognisable as one.
        message.MessageId = FormattableString.Invariant($"someforum.mail.{mail.Id}.{mail.CreatedAt.Ticks}@{host}");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    private static async Task SendAsync(MimeMessage message, MailOptions settings, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = settings.Security switch
        {
            MailSecurity.None => SecureSocketOptions.None,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("Mail:Host is empty."), settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>Forgets sent and failed mail older than <see cref="MailOptions.KeepDays"/>.</summary>
    public Task<int> SweepAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddDays(-options.CurrentValue.KeepDays);
        return db.OutgoingMails.Where(m => (m.Status == MailStatus.Sent || m.Status == MailStatus.Failed) && m.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
