using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;

namespace SomeForum.Web.Notifications;

/// <summary>An account's mail: every new comment on its posts (off by default), and for staff the moderation digest (on).</summary>
[Authorize]
public sealed class SettingsModel(UserManager<ForumUser> users, MailSubscriptions subscriptions, IOptionsMonitor<MailOptions> options) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool MailEnabled => options.CurrentValue.Enabled;
    public bool IsStaff => User.IsInRole(Roles.Moderator) || User.IsInRole(Roles.Administrator);
    public string Address { get; private set; } = "";
    public bool Confirmed { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Input = new SettingsInput { NotifyOfComments = user.NotifyOfComments, ModerationDigest = !user.ModerationDigestOff };
        await ShowAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MailEnabled) return RedirectToPage();
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        user.NotifyOfComments = Input.NotifyOfComments;
        // The account's mails follow the language its mail was last set in.
        user.Language = MailLanguage.OfThisRequest();
        if (IsStaff) user.ModerationDigestOff = !Input.ModerationDigest;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) return BadRequest();
        Message = Site.Strings.Get("MailSettings.Saved");
        if (Input.NotifyOfComments && user.Email is { } email && !await subscriptions.RequestConfirmationAsync(email, null, user.Language, ct))
        {
            Message = Site.Strings.Format("MailSettings.SavedConfirm", email);
        }
        return RedirectToPage();
    }

    private async Task ShowAsync(ForumUser user, CancellationToken ct)
    {
        Address = user.Email ?? "";
        Confirmed = user.Email is { } email && await subscriptions.IsConfirmedAsync(email, ct);
    }
}

public sealed class SettingsInput
{
    [Display(Name = "MailSettings.NotifyOfComments")]
    public bool NotifyOfComments { get; set; }

    [Display(Name = "MailSettings.ModerationDigest")]
    public bool ModerationDigest { get; set; } = true;
}
