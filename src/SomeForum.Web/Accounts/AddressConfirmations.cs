using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Registering proves nothing about the address typed. With mail on, an account's address is its own only once it
/// answered a link (Identity's email-confirmation token, which also dies when the security stamp changes): until
/// then the account may sign in but not comment, and the address stays free for the guest who may really own it.
/// Without mail nothing can be proven, and every account keeps its address as before (see README, Accounts).
/// </summary>
public sealed class AddressConfirmations(
    UserManager<ForumUser> users, MailOutbox outbox, MailLinks links, MailSubscriptions subscriptions, Site.SiteSettings settings,
    IOptionsMonitor<MailOptions> mail, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    public bool MailEnabled => mail.CurrentValue.Enabled;

    public int LinkHours => (int)tokens.Value.TokenLifespan.TotalHours;

    /// <summary>The accounts that may act as their address: comment under it, and keep guests from typing it.</summary>
    public static Expression<Func<ForumUser, bool>> OwningAddress(bool mailEnabled) =>
        mailEnabled ? u => u.EmailConfirmed : u => true;

    public bool OwnsAddress(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !MailEnabled || user.EmailConfirmed;
    }

    /// <summary>Mails the link that confirms the account's address; false when the address's hourly allowance is used up.</summary>
    public async Task<bool> SendLinkAsync(ForumUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var site = await settings.CurrentAsync(ct);
        var (subject, text, html) = MailText.AccountConfirmation(
            mail.CurrentValue.SenderName(site), links.AccountConfirmUrl(site, user.Id, token), LinkHours, MailLanguage.Culture(user.Language));
        return await outbox.EnqueueAsync(new MailDraft(MailKind.AccountConfirmation, user.Email!, user.PublicName, subject, text, html, null), ct);
    }

    /// <summary>Someone registered again with the owner's address: the owner is told (in the owner's language), the page is not.</summary>
    public async Task TellOwnerAsync(ForumUser owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var site = await settings.CurrentAsync(ct);
        var (subject, text, html) = MailText.AccountExists(
            mail.CurrentValue.SenderName(site), site.Absolute(Site.ForumUrls.SignIn), site.Absolute(Site.ForumUrls.ForgotPassword),
            MailLanguage.Culture(owner.Language));
        await outbox.EnqueueAsync(new MailDraft(MailKind.AccountExists, owner.Email!, owner.PublicName, subject, text, html, null), ct);
    }

    /// <summary>The link was followed and confirmed: the address is the account's, and counts as confirmed for notifications.</summary>
    public async Task<IdentityResult> ConfirmAsync(ForumUser user, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var confirmed = await users.ConfirmEmailAsync(user, token);
        if (confirmed.Succeeded) await subscriptions.ConfirmAsync(user.Email!, ct);
        return confirmed;
    }

    /// <summary>The address answered another mailed link (a password reset): it is the account's, as if confirmed.</summary>
    public async Task<IdentityResult> ProvenByMailAsync(ForumUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.EmailConfirmed) return IdentityResult.Success;
        user.EmailConfirmed = true;
        var updated = await users.UpdateAsync(user);
        if (updated.Succeeded) await subscriptions.ConfirmAsync(user.Email!, ct);
        return updated;
    }
}
