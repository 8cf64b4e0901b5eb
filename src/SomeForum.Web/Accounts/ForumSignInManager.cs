using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Identity's sign-in, with suspension: a suspended account cannot sign in (the password check answers "not allowed"),
/// and a session of one is refused when its security stamp is next checked, even one that began before.
/// </summary>
public sealed class ForumSignInManager(
    UserManager<ForumUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<ForumUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<ForumUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ForumUser> confirmation)
    : SignInManager<ForumUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.SuspendedAt is null && await base.CanSignInAsync(user);
    }

    public override async Task<ForumUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { SuspendedAt: null } user ? user : null;
}
