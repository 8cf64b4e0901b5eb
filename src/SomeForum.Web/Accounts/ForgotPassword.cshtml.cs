using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Comments;
using SomeForum.Web.Site;

namespace SomeForum.Web.Accounts;

/// <summary>
/// "Forgot your password?": the address a reset link goes to. Every accepted request gets the same answer, whether
/// or not an account has the address (see <see cref="PasswordResets.RequestAsync"/>); requests are counted by
/// address and client (<see cref="PasswordResetThrottle"/>). Without mail the page says to ask an administrator.
/// </summary>
public sealed class ForgotPasswordModel(PasswordResets resets, PasswordResetThrottle throttle) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool MailEnabled => resets.MailEnabled;

    public int LinkMinutes => resets.LinkMinutes;

    /// <summary>The answer to every accepted request: if an account has the address, a link is on its way.</summary>
    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MailEnabled) return Page();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var email = Input.Email!.Trim();
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.BlockedUntil(email, client) is { } until)
        {
            var minutes = throttle.RefuseUntil(Response, until);
            ModelState.AddModelError("", minutes == 1
                ? Strings.Format("Password.Forgot.Throttled.One", minutes)
                : Strings.Format("Password.Forgot.Throttled.Other", minutes));
            return Page();
        }
        throttle.Requested(email, client);
        await resets.RequestAsync(email, ct);
        Sent = true;
        return Page();
    }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Valid.EmailRequiredShort"), EmailLike(ErrorMessage = "Valid.EmailLike")]
    public string? Email { get; set; }
}
