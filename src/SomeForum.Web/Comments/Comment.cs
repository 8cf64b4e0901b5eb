using SomeForum.Web.Posts;

namespace SomeForum.Web.Comments;

public sealed class Comment
{
    public long Id { get; set; }

    public long PostId { get; set; }
    public Post Post { get; set; } = null!;

    public long? ParentId { get; set; }
    public Comment? Parent { get; set; }

    /// <summary>
    /// When a reply had to be attached higher than the comment it answers (the depth limit),
    /// the comment it really answers.
    /// </summary>
    public long? RepliesToId { get; set; }

    /// <summary>
    /// The ids from the top-level comment down to this one, zero-padded and dot-separated,
    /// so ordering by it yields the whole tree depth-first, oldest first, in one query.
    /// </summary>
    public string ThreadPath { get; set; } = "";

    /// <summary>0 for a top-level entry.</summary>
    public int Depth { get; set; }

    public CommentKind Kind { get; set; } = CommentKind.Comment;
    public CommentStatus Status { get; set; } = CommentStatus.Pending;

    /// <summary>For pingbacks and webmentions: the source page's title.</summary>
    public required string AuthorName { get; set; }
    public string? AuthorEmail { get; set; }
    public string? AuthorUrl { get; set; }
    public string? UserId { get; set; }

    /// <summary>Markdown for comments, plain text (the excerpt) for pingbacks.</summary>
    public required string Source { get; set; }
    public required string Html { get; set; }

    /// <summary>A short hash of <see cref="Source"/>, so that "you already said that" is one index lookup.</summary>
    public string TextHash { get; set; } = "";

    /// <summary>On a published top-level entry: its place among the post's published top-level entries, oldest first.</summary>
    public int? Number { get; set; }

    /// <summary>On a top-level entry: how many comments of its thread, itself included, are published.</summary>
    public int ThreadPublishedCount { get; set; }

    /// <summary>When it was written, as shown to readers. Null where the source does not say.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When this store received it.</summary>
    public DateTime ReceivedAt { get; set; }
    public DateTime? EditedAt { get; set; }

    /// <summary>Deleted for good by a moderator but kept, erased, as the placeholder its replies hang from.</summary>
    public DateTime? ErasedAt { get; set; }

    public string? SourceUrl { get; set; }
    public string? SourceTitle { get; set; }

    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Why the moderation rules held or spammed it.</summary>
    public string? ModerationReason { get; set; }

    /// <summary>
    /// Where an imported comment came from (a WordPress export's comment id, under its post's key), so that
    /// importing again finds it and an old <c>#comment-ID</c> permalink can be sent to its new place.
    /// </summary>
    public string? ImportKey { get; set; }

    /// <summary>Its <c>wp:comment_id</c> in the WordPress export it was imported from: what old <c>?replytocom=ID</c> links name.</summary>
    public long? WordPressId { get; set; }
}

public enum CommentStatus
{
    Pending,
    Approved,
    Spam,
    Trash,
}

public enum CommentKind
{
    Comment,
    Pingback,
    Webmention,
}
