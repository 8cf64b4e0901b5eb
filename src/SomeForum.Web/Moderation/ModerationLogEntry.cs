using SomeForum.Web.Comments;

namespace SomeForum.Web.Moderation;

/// <summary>One moderation action: who, when, on which comment, and what it changed.</summary>
public sealed class ModerationLogEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>The comment acted on; none for actions on a post, a role or the rules.</summary>
    public long? CommentId { get; set; }
    public long? PostId { get; set; }
    public required string Action { get; set; }
    public CommentStatus? StatusBefore { get; set; }
    public CommentStatus? StatusAfter { get; set; }
    public string? Note { get; set; }
    /// <summary>
    /// An edit's text before and after it, so the log can show what changed: a comment's (emptied when the comment is
    /// deleted for good), or a post's title and text changed by someone other than its author.
    /// </summary>
    public string? TextBefore { get; set; }
    public string? TextAfter { get; set; }
}
