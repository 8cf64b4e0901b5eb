using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SomeForum.Web.Site;

namespace SomeForum.Web.Notifications;

/// <summary>What an unsubscribe link stops: replies to an address, or one account's mails of a kind.</summary>
public enum UnsubscribeScope
{
    /// <summary>Every reply notification to an address (and its confirmation): the address is forgotten as confirmed.</summary>
    Replies,
    /// <summary>An account's "every new comment on my posts".</summary>
    PostComments,
    /// <summary>A moderator's digest of the queue.</summary>
    Digest,
}

public sealed record UnsubscribeRequest(UnsubscribeScope Scope, string Subject);

/// <summary>
/// The signed links in mails, made and read with the site's data-protection key ring (kept in the database, so
/// every instance reads what any made). Nobody needs an account: the signature is the permission. A confirmation
/// link expires; an unsubscribe link does not, since a mail may be read months later.
/// </summary>
public sealed class MailLinks(IDataProtectionProvider protection, IOptionsMonitor<MailOptions> mail, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector confirm =
        protection.CreateProtector("SomeForum.Mail.Confirm.v1").ToTimeLimitedDataProtector();

    private readonly IDataProtector unsubscribe = protection.CreateProtector("SomeForum.Mail.Unsubscribe.v1");

    public string ConfirmUrl(SiteSettingsView site, string address)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Absolute(ForumUrls.ConfirmMail(confirm.Protect(address, clock.GetUtcNow() + TimeSpan.FromHours(mail.CurrentValue.ConfirmationHours))));
    }

    public string UnsubscribeUrl(SiteSettingsView site, UnsubscribeScope scope, string subject)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Absolute(ForumUrls.Unsubscribe(unsubscribe.Protect($"{scope}\n{subject}")));
    }

    /// <summary>The link that moves an account to <paramref name="address"/>; <paramref name="token"/> is Identity's change-email token.</summary>
    public string EmailChangeUrl(SiteSettingsView site, string userId, string address, string token)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Absolute(ForumUrls.ConfirmEmailChange(userId, address, token));
    }

    /// <summary>The link that confirms a new account's address; <paramref name="token"/> is Identity's email-confirmation token.</summary>
    public string AccountConfirmUrl(SiteSettingsView site, string userId, string token)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Absolute(ForumUrls.ConfirmAccount(userId, token));
    }

    /// <summary>The address a confirmation token names, or null when it is forged, damaged or expired.</summary>
    public string? ReadConfirmation(string? token) =>
        confirm.TryUnprotect(token, out var expires) is { } address && expires >= clock.GetUtcNow() ? address : null;

    public UnsubscribeRequest? ReadUnsubscribe(string? token)
    {
        var parts = unsubscribe.TryUnprotect(token)?.Split('\n', 2);
        return parts is { Length: 2 } && Enum.TryParse<UnsubscribeScope>(parts[0], out var scope) && Enum.IsDefined(scope)
            ? new UnsubscribeRequest(scope, parts[1])
            : null;
    }
}
