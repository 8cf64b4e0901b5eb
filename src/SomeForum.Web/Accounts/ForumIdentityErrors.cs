using Microsoft.AspNetCore.Identity;
using SomeForum.Web.Site;

namespace SomeForum.Web.Accounts;

/// <summary>
/// Identity's own messages (password rules, taken names and addresses, a used link's token...) in the reader's
/// language, from Site/Strings.resx. The codes stay Identity's: pages choose the field by them.
/// </summary>
public sealed class ForumIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string text) => new() { Code = code, Description = text };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), Strings.Get("Identity.DefaultError"));

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), Strings.Get("Identity.ConcurrencyFailure"));

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), Strings.Get("Identity.PasswordMismatch"));

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), Strings.Get("Identity.InvalidToken"));

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), Strings.Get("Identity.RecoveryCodeRedemptionFailed"));

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), Strings.Get("Identity.LoginAlreadyAssociated"));

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), Strings.Format("Identity.InvalidUserName", userName));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), Strings.Format("Identity.InvalidEmail", email));

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), Strings.Format("Identity.DuplicateUserName", userName));

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), Strings.Format("Identity.DuplicateEmail", email));

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), Strings.Format("Identity.InvalidRoleName", role));

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), Strings.Format("Identity.DuplicateRoleName", role));

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), Strings.Get("Identity.UserAlreadyHasPassword"));

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), Strings.Get("Identity.UserLockoutNotEnabled"));

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), Strings.Format("Identity.UserAlreadyInRole", role));

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), Strings.Format("Identity.UserNotInRole", role));

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), Strings.Format("Identity.PasswordTooShort", length));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), Strings.Format("Identity.PasswordRequiresUniqueChars", uniqueChars));

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), Strings.Get("Identity.PasswordRequiresNonAlphanumeric"));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), Strings.Get("Identity.PasswordRequiresDigit"));

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), Strings.Get("Identity.PasswordRequiresLower"));

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), Strings.Get("Identity.PasswordRequiresUpper"));
}
