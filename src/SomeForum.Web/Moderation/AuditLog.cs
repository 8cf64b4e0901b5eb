using System.Security.Claims;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>Who made a change: a signed-in person, or one of the site's own services acting for a source.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor Webmention = new(null, "webmention");

    /// <summary>A guest acting on their own comment with its signed link.</summary>
    public static readonly Actor GuestAuthor = new(null, "its writer (guest link)");

    /// <summary>The readers whose reports reached the number at which the rules hold a comment.</summary>
    public static readonly Actor Reports = new(null, "readers' reports");

    public static Actor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "unknown");
    }
}

/// <summary>Writes what was done to the audit log, in the unit of work that does it.</summary>
public static class AuditLog
{
    public static void Add(ForumDb db, ClaimsPrincipal who, DateTime at, string action, long? postId, string? note) =>
        Add(db, Actor.Of(who), at, action, postId, note);

    public static void Add(ForumDb db, Actor who, DateTime at, string action, long? postId, string? note) =>
        Write(db, who, at, action, postId, null, null, null, note);

    /// <summary>A post changed by someone other than its author: its title and text before and after, for the log's word diff.</summary>
    public static void PostEdit(ForumDb db, Actor who, DateTime at, string action, long postId, string textBefore, string textAfter, string note)
    {
        var entry = Write(db, who, at, action, postId, null, null, null, note);
        (entry.TextBefore, entry.TextAfter) = (textBefore, textAfter);
    }

    /// <summary>A decision about a comment that is not a change of its status (reports set aside), so no undo takes it back.</summary>
    public static void CommentNote(ForumDb db, Actor who, DateTime at, string action, long postId, long commentId, string? note) =>
        Write(db, who, at, action, postId, commentId, null, null, note);

    public static ModerationLogEntry Comment(ForumDb db, Actor who, DateTime at, string action, Comment comment, CommentStatus? before,
        CommentStatus? after, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return Write(db, who, at, action, comment.PostId, comment.Id, before, after, note);
    }

    private static ModerationLogEntry Write(ForumDb db, Actor who, DateTime at, string action, long? postId, long? commentId,
        CommentStatus? before, CommentStatus? after, string? note)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(who);
        return db.ModerationLog.Add(new ModerationLogEntry
        {
            At = at,
            UserId = who.UserId,
            UserName = who.Name,
            PostId = postId,
            CommentId = commentId,
            Action = action,
            StatusBefore = before,
            StatusAfter = after,
            Note = note is { Length: > 500 } ? note[..500] : note,
        }).Entity;
    }
}
