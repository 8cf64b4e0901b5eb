using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SomeForum.Web.Accounts;

/// <summary>
/// A new account's address: the link of the registration mail (opening it only asks, since mail scanners open links;
/// the button confirms), and, for a signed-in account still unconfirmed, the note and the button that sends the link again.
/// </summary>
public sealed class ConfirmAccountModel(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, AddressConfirmations confirmations) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool FromLink => !string.IsNullOrEmpty(UserId) && !string.IsNullOrEmpty(Token);
    public bool Confirmed { get; private set; }
    public bool Invalid { get; private set; }
    public bool MailEnabled => confirmations.MailEnabled;
    public int LinkHours => confirmations.LinkHours;

    /// <summary>After "send it again": whether it went (false: the address's hourly allowance of mail is spent).</summary>
    public bool? Resent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (FromLink) return Page();
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Confirmed = confirmations.OwnsAddress(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!FromLink || await users.FindByIdAsync(UserId!) is not { } user) return Refuse();
        var result = await confirmations.ConfirmAsync(user, Token!, ct);
        if (!result.Succeeded) return Refuse();
        // The session keeps the account's "unconfirmed" mark until it is rebuilt: rebuild it now if it is this account's.
        if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id) await signIn.RefreshSignInAsync(user);
        Confirmed = true;
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        UserId = Token = null;
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Confirmed = confirmations.OwnsAddress(user);
        if (!Confirmed)
        {
            Resent = await confirmations.SendLinkAsync(user, ct);
            if (Resent == false) Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        return Page();
    }

    private PageResult Refuse()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
