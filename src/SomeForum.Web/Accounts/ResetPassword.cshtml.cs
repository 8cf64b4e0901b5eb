using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SomeForum.Web.Accounts;

/// <summary>
/// The link of a password reset mail. Opening it only shows the form (mail scanners open links, and the token must
/// survive them); the new password, posted, uses the token. No sign-in needed: the token names the account and is the permission.
/// </summary>
public sealed class ResetPasswordModel(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, PasswordResets resets) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public bool Done { get; private set; }
    public bool Invalid { get; private set; }
    public int LinkMinutes => resets.LinkMinutes;

    public async Task<IActionResult> OnGetAsync() => await WorkingLinkAsync() is null ? Refuse() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await WorkingLinkAsync() is not { } user) return Refuse();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var result = await resets.ResetAsync(user, Token!, Input.NewPassword!, ct);
        if (!result.Succeeded)
        {
            // Used a moment ago by another request.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) return Refuse();
            foreach (var error in result.Errors) ModelState.AddModelError("Input.NewPassword", error.Description);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        // The new stamp ends every session of the account; this browser, if it is the account's, stays in.
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id) await signIn.RefreshSignInAsync(user);
        Done = true;
        Input = new();
        return Page();
    }

    /// <summary>The link's account, when the link still works (not expired, not used), else null.</summary>
    private async Task<ForumUser?> WorkingLinkAsync() =>
        !string.IsNullOrEmpty(UserId) && !string.IsNullOrEmpty(Token) && await users.FindByIdAsync(UserId) is { } user
            && await resets.LinkWorksAsync(user, Token) ? user : null;

    private PageResult Refuse()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
