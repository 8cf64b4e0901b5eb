using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Comments;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Accounts;

/// <summary>The account's own page: the name it shows, its address, and the way to its password and mail settings.</summary>
[Authorize]
public sealed class ProfileModel(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, DisplayNames names, EmailChanges emails, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public NameInput Name { get; set; } = new();

    [BindProperty]
    public EmailInput Email { get; set; } = new();

    public string Address { get; private set; } = "";
    public bool MailEnabled => emails.MailEnabled;
    public int LinkHours => emails.LinkHours;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        // Each form is checked alone: the other one was not sent.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Email.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        var (name, problem) = await names.CheckAsync(Name.DisplayName, user.Id, ct);
        if (problem is not null) return Refused(user, "Name.DisplayName", problem);
        user.DisplayName = name;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) return Refused(user, "Name.DisplayName", string.Join(" ", saved.Errors.Select(e => e.Description)));
        // The header reads the name from the session.
        await signIn.RefreshSignInAsync(user);
        Message = Site.Strings.Format("Profile.NameSaved", name);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Name.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Refused(user, null, null);
        var address = Email.NewEmail!.Trim();
        if (string.Equals(EmailAddress.Normalize(address), EmailAddress.Normalize(user.Email ?? ""), StringComparison.Ordinal))
        {
            return Refused(user, "Email.NewEmail", Site.Strings.Get("Profile.SameAddress"));
        }
        // The password again: a session left open on a shared computer must not be enough to take the account.
        // Guessed passwords here count with those of the sign-in page: an open session is no way round its limit.
        var client = HttpContext.Connection.RemoteIpAddress;
        var account = user.Email ?? user.Id;
        if (throttle.BlockedUntil(account, client) is not null)
        {
            return Refused(user, "Email.Password", Site.Strings.Get("Profile.TooManyPasswords"));
        }
        if (!await users.CheckPasswordAsync(user, Email.Password!))
        {
            throttle.Failed(account, client);
            return Refused(user, "Email.Password", Site.Strings.Get("Profile.WrongPassword"));
        }
        throttle.Succeeded(account, client);

        // The account's mails, the new address's link first, are written in the language it gave the address in.
        if (MailLanguage.OfThisRequest() is var language && user.Language != language)
        {
            user.Language = language;
            var kept = await users.UpdateAsync(user);
            if (!kept.Succeeded) return Refused(user, "Email.NewEmail", string.Join(" ", kept.Errors.Select(e => e.Description)));
        }
        var (outcome, result) = await emails.RequestAsync(user, address, ct);
        if (!result.Succeeded) return Refused(user, "Email.NewEmail", string.Join(" ", result.Errors.Select(e => e.Description)));
        switch (outcome)
        {
            case EmailChangeOutcome.Changed:
                await signIn.RefreshSignInAsync(user);
                Message = Site.Strings.Format("Profile.AddressChanged", address);
                break;
            case EmailChangeOutcome.Mailed:
                Message = Site.Strings.Format("Profile.LinkMailed", address, LinkHours, user.Email);
                break;
            default:
                return Refused(user, "Email.NewEmail", Site.Strings.Get("Profile.NoMoreMail"));
        }
        return RedirectToPage();
    }

    private void Show(ForumUser user)
    {
        Address = user.Email ?? "";
        if (string.IsNullOrEmpty(Name.DisplayName)) Name.DisplayName = user.PublicName;
    }

    private PageResult Refused(ForumUser user, string? field, string? message)
    {
        if (field is not null) ModelState.AddModelError(field, message ?? "");
        Email.Password = null;
        Show(user);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

public sealed class NameInput
{
    [Display(Name = "Profile.DisplayName")]
    public string? DisplayName { get; set; }
}

public sealed class EmailInput
{
    [Display(Name = "Profile.NewEmail")]
    [Required(ErrorMessage = "Valid.NewAddressRequired"), EmailLike(ErrorMessage = "Valid.EmailLike")]
    [StringLength(CommentLimits.EmailLength, ErrorMessage = "Valid.AddressLength")]
    public string? NewEmail { get; set; }

    [Display(Name = "Profile.Password"), Required(ErrorMessage = "Valid.PasswordForAddress"), DataType(DataType.Password)]
    public string? Password { get; set; }
}
