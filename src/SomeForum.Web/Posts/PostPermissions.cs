using System.Security.Claims;
using SomeForum.Web.Accounts;

namespace SomeForum.Web.Posts;

/// <summary>Who may write, and whose posts they may change.</summary>
public static class PostPermissions
{
    /// <summary>Administrators and authors always; every signed-in member when the forum is open.</summary>
    public static bool CanStart(ClaimsPrincipal user, PostOptions options) =>
        user.Identity?.IsAuthenticated == true
        && (IsStaffWriter(user) || options.MembersCanStart);

    /// <summary>Posts by administrators and authors are published as written; a member's pass the moderation rules.</summary>
    public static bool IsStaffWriter(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Author);

    /// <summary>Moderators and administrators: they alone take posts out of the trash or delete them for good.</summary>
    public static bool IsEditor(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Moderator);

    /// <summary>The post's author, moderators and administrators.</summary>
    public static bool CanEdit(ClaimsPrincipal user, string? authorId) =>
        user.Identity?.IsAuthenticated == true
        && (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Moderator)
            || (authorId is not null && authorId == user.FindFirstValue(ClaimTypes.NameIdentifier)));

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
