using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SomeForum.Web.Accounts;

/// <summary>
/// The link of the address-change mail. Opening it only asks; the button changes the address: mail scanners open
/// the links of the mail they screen. No sign-in needed: the token names the account and is the permission.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, EmailChanges emails) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Address { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Changed { get; private set; }
    public bool Invalid { get; private set; }
    public int LinkHours => emails.LinkHours;

    public IActionResult OnGet() => string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Address) || string.IsNullOrEmpty(Token) ? Refuse() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Address) || string.IsNullOrEmpty(Token)) return Refuse();
        if (await users.FindByIdAsync(UserId) is not { } user) return Refuse();
        var result = await emails.ConfirmAsync(user, Address, Token, ct);
        if (!result.Succeeded) return Refuse();
        // The change ends the account's sessions (a new security stamp); this browser, if it is the owner's, stays in.
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id) await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }

    private PageResult Refuse()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
