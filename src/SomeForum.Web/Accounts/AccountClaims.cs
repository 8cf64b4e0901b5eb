using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Puts the account's public name in its session, so the header shows it without a query per page. The session is
/// rebuilt on sign-in, on a refresh after a change, and at every security-stamp check.
/// </summary>
public sealed class AccountClaims(UserManager<ForumUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ForumUser, IdentityRole>(users, roles, options)
{
    public const string PublicName = "someforum:name";

    /// <summary>Present while the account's address is unconfirmed, so the comment form can say so without a query.</summary>
    public const string AddressUnconfirmed = "someforum:unconfirmed";

    public static bool IsAddressUnconfirmed(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(c => c.Type == AddressUnconfirmed);
    }

    /// <summary>The name the header shows; never the address (the user name), which must not reach a page.</summary>
    public static string NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(PublicName)?.Value is { Length: > 0 } name ? name : "Your account";
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ForumUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PublicName, user.PublicName));
        if (!user.EmailConfirmed) identity.AddClaim(new Claim(AddressUnconfirmed, "true"));
        return identity;
    }
}
