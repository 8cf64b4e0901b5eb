using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace SomeForum.Web.Accounts;

public sealed class SignInModel(
    SignInManager<ForumUser> signIn, UserManager<ForumUser> users, SignInThrottle throttle, AddressConfirmations confirmations) : PageModel
{
    // Checked against a wrong guess for an address with no account, so that answering it takes as long as for one with.
    private static readonly Lazy<string> NoAccountHash = new(() => new PasswordHasher<ForumUser>().HashPassword(new ForumUser(), Guid.NewGuid().ToString()));

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.BlockedUntil(Input.Email!, client) is { } until)
        {
            var minutes = throttle.RefuseUntil(Response, until);
            ModelState.AddModelError("", Site.Strings.Format(minutes == 1 ? "SignIn.Throttled.One" : "SignIn.Throttled.Other", minutes));
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email!);
        SignInResult result;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new ForumUser(), NoAccountHash.Value, Input.Password!);
            result = SignInResult.Failed;
        }
        else
        {
            // Never Identity's lockout: it would let anyone who knows an address lock its owner out.
            result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: false);
        }
        if (result.Succeeded)
        {
            throttle.Succeeded(Input.Email!, client);
            // Told only to whoever knows the password: the page with "confirm your address first" and the button to resend.
            if (!confirmations.OwnsAddress(user!)) return LocalRedirect(Site.ForumUrls.ConfirmAccountPage);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // Identity refuses a suspended account before it checks the password: the suspension is told only to whoever knows it.
        if (result.IsNotAllowed && user is { SuspendedAt: not null } && await users.CheckPasswordAsync(user, Input.Password!))
        {
            ModelState.AddModelError("", Site.Strings.Get("SignIn.Suspended"));
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        throttle.Failed(Input.Email!, client);
        ModelState.AddModelError("", Site.Strings.Get("SignIn.NoMatch"));
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Valid.EmailRequiredShort"), EmailAddress(ErrorMessage = "Valid.EmailLike")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Valid.PasswordRequired"), DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "SignIn.RememberMe")]
    public bool RememberMe { get; set; }
}
