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

    /// <summary>The post's author, moderators and administrators see it before it is published (moderators review it).</summary>
    public static bool CanSee(ClaimsPrincipal user, string? authorId) =>
        IsAuthor(user, authorId) || (user.Identity?.IsAuthenticated == true && IsEditor(user));

    /// <summary>
    /// Rewrite, publish, unpublish, trash: the post's author and administrators; a moderator only where the site lets
    /// moderators change others' posts (a moderator's word should not silently become an administrator's or author's).
    /// </summary>
    public static bool CanEdit(ClaimsPrincipal user, string? authorId, PostOptions options) =>
        IsAuthor(user, authorId)
        || (user.Identity?.IsAuthenticated == true
            && (user.IsInRole(Roles.Administrator) || (user.IsInRole(Roles.Moderator) && options.ModeratorsEditOthersPosts)));

    /// <summary>
    /// A change of status: whoever may edit the post, and moderators for what the rules held for review (publishing or
    /// trashing a held member's post is the review itself, and what was trashed from review can come back or go).
    /// </summary>
    public static bool CanChangeStatus(ClaimsPrincipal user, string? authorId, PostStatus status, PostStatus? statusBeforeTrash, PostOptions options) =>
        CanEdit(user, authorId, options)
        || (user.Identity?.IsAuthenticated == true && IsEditor(user)
            && (status == PostStatus.Pending || (status == PostStatus.Trash && statusBeforeTrash == PostStatus.Pending)));

    public static bool IsAuthor(ClaimsPrincipal user, string? authorId) =>
        user.Identity?.IsAuthenticated == true && authorId is not null && authorId == UserId(user);

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
