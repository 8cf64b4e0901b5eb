using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Accounts;

public enum EmailChangeOutcome
{
    /// <summary>A link went to the new address; nothing changes until it is opened.</summary>
    Mailed,

    /// <summary>The site sends no mail: the password the account gave again was the proof, and the address changed.</summary>
    Changed,

    /// <summary>The mail could not be queued: the new address was sent its allowance of mail this hour.</summary>
    NotMailed,
}

/// <summary>
/// Moving an account to another address. With mail on, the new address must answer a link first (Identity's
/// change-email token, which also dies when the account's security stamp changes); without mail there is nobody
/// to ask, so the change is made at once, behind the password. The user name is the address, so both move together.
/// </summary>
public sealed class EmailChanges(
    UserManager<ForumUser> users, MailOutbox outbox, MailLinks links, MailSubscriptions subscriptions, Site.SiteSettings settings,
    IOptionsMonitor<MailOptions> mail, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    public bool MailEnabled => mail.CurrentValue.Enabled;

    public int LinkHours => (int)tokens.Value.TokenLifespan.TotalHours;

    public async Task<(EmailChangeOutcome Outcome, IdentityResult Result)> RequestAsync(ForumUser user, string address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.FindByEmailAsync(address) is { } other && other.Id != user.Id)
        {
            return (EmailChangeOutcome.NotMailed, IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(address)));
        }
        if (!MailEnabled)
        {
            // SetEmailAsync marks the address unconfirmed and changes the security stamp (other sessions end).
            var changed = await users.SetEmailAsync(user, address);
            return (EmailChangeOutcome.Changed, changed.Succeeded ? await users.SetUserNameAsync(user, address) : changed);
        }
        var token = await users.GenerateChangeEmailTokenAsync(user, address);
        var site = await settings.CurrentAsync(ct);
        var (subject, text, html) = MailText.EmailChange(
            mail.CurrentValue.SenderName(site), links.EmailChangeUrl(site, user.Id, address, token), LinkHours, MailLanguage.Culture(user.Language));
        var queued = await outbox.EnqueueAsync(new MailDraft(MailKind.EmailChange, address, user.PublicName, subject, text, html, null), ct);
        return (queued ? EmailChangeOutcome.Mailed : EmailChangeOutcome.NotMailed, IdentityResult.Success);
    }

    /// <summary>The link of the mail was followed and confirmed: the address changes, and counts as confirmed for notifications.</summary>
    public async Task<IdentityResult> ConfirmAsync(ForumUser user, string address, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var changed = await users.ChangeEmailAsync(user, address, token);
        if (!changed.Succeeded) return changed;
        var renamed = await users.SetUserNameAsync(user, address);
        if (renamed.Succeeded) await subscriptions.ConfirmAsync(address, ct);
        return renamed;
    }
}
