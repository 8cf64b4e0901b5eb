using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SomeForum.Web.Notifications;
using SomeForum.Web.Site;

namespace SomeForum.Web.Accounts;

/// <summary>
/// "Forgot your password?": with mail on, a link (Identity's password-reset token, <see cref="PasswordResetTokenProvider"/>)
/// goes to the account's address. Following it proves the mailbox, so the reset also confirms the address: whoever
/// registered someone else's address loses the account to its owner, their password and sessions with it (the
/// new password renews the security stamp). Without mail an administrator sets the password.
/// </summary>
public sealed class PasswordResets(
    UserManager<ForumUser> users, AddressConfirmations confirmations, MailOutbox outbox, SiteSettings settings,
    IOptionsMonitor<MailOptions> mail, IOptionsMonitor<AccountsOptions> accounts)
{
    public bool MailEnabled => mail.CurrentValue.Enabled;

    public int LinkMinutes => accounts.CurrentValue.PasswordResetMinutes;

    /// <summary>
    /// Whatever the address, one mail is queued (the link, or "no account has this address"): the page's answer and the
    /// work behind it are the same, so they tell a stranger nothing. Mail to the address is held to its hourly allowance.
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email) is { } user)
        {
            await SendLinkAsync(user, ct);
            return;
        }
        // The work of a link too (a token, for nobody), so the answer takes as long as for an address with an account.
        await users.GeneratePasswordResetTokenAsync(new ForumUser());
        var site = await settings.CurrentAsync(ct);
        // No account keeps a language for this address: the notice is written in the language of the request that asked.
        var (subject, text, html) = MailText.PasswordResetNoAccount(
            mail.CurrentValue.SenderName(site), site.Absolute(ForumUrls.Register), MailLanguage.Culture(MailLanguage.OfThisRequest()));
        await outbox.EnqueueAsync(new MailDraft(MailKind.PasswordResetNoAccount, email, null, subject, text, html, null), ct);
    }

    /// <summary>Mails the reset link to the account's address; false when the address's hourly allowance is used up.</summary>
    public async Task<bool> SendLinkAsync(ForumUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var site = await settings.CurrentAsync(ct);
        var (subject, text, html) = MailText.PasswordReset(
            mail.CurrentValue.SenderName(site), site.Absolute(ForumUrls.ResetPassword(user.Id, token)), LinkMinutes, MailLanguage.Culture(user.Language));
        return await outbox.EnqueueAsync(new MailDraft(MailKind.PasswordReset, user.Email!, user.PublicName, subject, text, html, null), ct);
    }

    /// <summary>Whether the link still works (not expired, not used: the stamp it names is the account's), without using it.</summary>
    public Task<bool> LinkWorksAsync(ForumUser user, string token) =>
        users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ForumUser>.ResetPasswordTokenPurpose, token);

    /// <summary>The link's new password: the old one and every session end (a new security stamp), and the address counts as proven.</summary>
    public async Task<IdentityResult> ResetAsync(ForumUser user, string token, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        return reset.Succeeded ? await confirmations.ProvenByMailAsync(user, ct) : reset;
    }

    /// <summary>Without mail, an administrator chooses the password (and tells its owner); it ends the account's sessions the same way.</summary>
    public async Task<IdentityResult> SetByAdministratorAsync(ForumUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
    }
}
