using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Accounts;

/// <summary>How long the links that prove an address, or replace a password, wait for their answer.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>With mail on, an account registered and never confirmed is removed after this, and its address registers as new.</summary>
    [Range(1, 24 * 365)]
    public int UnconfirmedAccountHours { get; set; } = 48;

    /// <summary>How long a password reset link works (it works once: the new password changes the account's security stamp).</summary>
    [Range(5, 24 * 60)]
    public int PasswordResetMinutes { get; set; } = 60;
}
