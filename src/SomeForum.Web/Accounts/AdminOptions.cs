using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Accounts;

/// <summary><c>Admin:Email</c> and <c>Admin:Password</c>: the first administrator, created at start-up when there is none.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Admin";

    /// <summary>The same floor as every account's password (<see cref="AccountsSetup"/>).</summary>
    public const int PasswordLength = 10;

    [EmailAddress(ErrorMessage = "Admin:Email is not an email address.")]
    public string? Email { get; set; }

    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // One without the other would silently make no administrator at all.
        if (string.IsNullOrWhiteSpace(Email) != string.IsNullOrWhiteSpace(Password))
        {
            yield return new ValidationResult("Set both Admin:Email and Admin:Password, or neither.", [nameof(Email), nameof(Password)]);
        }
        if (!string.IsNullOrEmpty(Password) && Password.Length < PasswordLength)
        {
            yield return new ValidationResult($"Admin:Password must be at least {PasswordLength} characters.", [nameof(Password)]);
        }
    }
}
