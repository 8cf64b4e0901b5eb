namespace SomeForum.Web.Comments;

/// <summary>Who or what brought a comment to the pipeline; the moderation rules weigh each differently.</summary>
public enum CommentOrigin
{
    /// <summary>Imported from a seed document: already published where it came from.</summary>
    Import,
    Reader,
    Pingback,
    Webmention,
    Moderator,
}

/// <summary>Everything that enters a thread, in one shape, before the pipeline has judged it.</summary>
public sealed record CommentSubmission
{
    public required long PostId { get; init; }
    public long? ParentId { get; init; }
    public CommentKind Kind { get; init; } = CommentKind.Comment;
    public required string AuthorName { get; init; }
    public string? AuthorEmail { get; init; }
    public string? AuthorUrl { get; init; }
    public string? UserId { get; init; }

    /// <summary>Markdown for comments; plain text (the excerpt around the link) for pingbacks and webmentions.</summary>
    public required string Text { get; init; }

    /// <summary>When it was written, where that differs from now (an import); null means unknown.</summary>
    public DateTime? WrittenAt { get; init; }
    public bool WrittenAtUnknown { get; init; }

    public string? SourceUrl { get; init; }
    public string? SourceTitle { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
}

/// <summary>
/// A comment brought in with its replies, for <see cref="CommentPipeline.ImportThreadsAsync"/>; its own ParentId is not read.
/// <paramref name="Status"/>, when given, is the status the comment had where it came from (a WordPress export's held or
/// spam comment), kept instead of the moderation rules' verdict; <paramref name="ImportKey"/> names it there.
/// <paramref name="Erased"/> brings one that was deleted there only as the empty placeholder its replies hang from,
/// as a moderator's delete leaves it here: in the trash, without text, author or address.
/// </summary>
public sealed record ImportedEntry(
    CommentSubmission Comment, IReadOnlyList<ImportedEntry> Replies, CommentStatus? Status = null, string? ImportKey = null, bool Erased = false);
