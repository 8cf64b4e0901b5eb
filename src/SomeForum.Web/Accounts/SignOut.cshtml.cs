using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SomeForum.Web.Accounts;

/// <summary>Signing out changes state, so it is a POST with an antiforgery token; a GET only offers the button.</summary>
public sealed class SignOutModel(SignInManager<ForumUser> signIn, UserManager<ForumUser> users) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Signing out ends the account's sessions everywhere, a copied cookie's too, not only this browser's.
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
