using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Notifications;

public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The SMTP server mail goes out through, and the limits of what the site sends. No host: mail is off.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Empty turns mail off: the form offers no notifications and nothing is queued.</summary>
    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [EmailAddress]
    public string? FromAddress { get; set; }

    /// <summary>The sender's name in mails; unset, the site's title (see <see cref="SenderName"/>).</summary>
    public string? FromName { get; set; }

    public string SenderName(Site.SiteSettingsView site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return string.IsNullOrWhiteSpace(FromName) ? site.Title : FromName;
    }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Tries of one mail before it is marked failed (a permanent refusal, 5xx, fails at once).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed try; it doubles after each one, up to <see cref="RetryMaxSeconds"/>.</summary>
    [Range(1, 86_400)]
    public int RetryBaseSeconds { get; set; } = 60;

    [Range(1, 86_400)]
    public int RetryMaxSeconds { get; set; } = 3_600;

    /// <summary>How often the sender looks at the queue when nothing woke it (a retry falling due, another instance's mail).</summary>
    [Range(1, 3_600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Notifications one address may be sent in an hour; more are dropped, with a log line.</summary>
    [Range(1, 1_000)]
    public int MaxPerRecipientPerHour { get; set; } = 10;

    /// <summary>At most one moderators' digest to each moderator this often.</summary>
    [Range(1, 86_400)]
    public int DigestIntervalSeconds { get; set; } = 300;

    /// <summary>How long a confirmation link works; a new confirmation to the same address is sent at most this often.</summary>
    [Range(1, 24 * 30)]
    public int ConfirmationHours { get; set; } = 72;

    /// <summary>The connection, the greeting and each SMTP command must finish within this.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Sent and failed mails are kept in the delivery log this long.</summary>
    [Range(1, 3_650)]
    public int KeepDays { get; set; } = 30;

    public TimeSpan RetryDelay(int attempt)
    {
        var seconds = RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, RetryMaxSeconds));
    }
}
