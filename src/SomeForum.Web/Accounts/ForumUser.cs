using Microsoft.AspNetCore.Identity;

namespace SomeForum.Web.Accounts;

public sealed class ForumUser : IdentityUser
{
    /// <summary>The name shown on the user's comments and posts.</summary>
    public string DisplayName { get; set; } = "";

    public string? Website { get; set; }

    public DateTime CreatedAt { get; set; }
}
