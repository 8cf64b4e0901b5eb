using System.Security.Claims;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>Writes what an editor did to the audit log, in the unit of work that does it.</summary>
public static class AuditLog
{
    public static void Add(ForumDb db, ClaimsPrincipal who, DateTime at, string action, long? postId, string? note)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(who);
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = at,
            UserId = who.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = who.Identity?.Name ?? "unknown",
            PostId = postId,
            Action = action,
            Note = note is { Length: > 500 } ? note[..500] : note,
        });
    }
}
