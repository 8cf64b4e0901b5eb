namespace SomeForum.Web.Accounts;

/// <summary><c>Admin:Email</c> and <c>Admin:Password</c>: the first administrator, created at start-up when there is none.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
}
