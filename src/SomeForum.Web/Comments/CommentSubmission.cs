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

    /// <summary>
    /// A guest's earlier comments, as their browser's signed cookie names them (<see cref="CommenterCookies"/>): what
    /// vouches for a guest is having written an approved comment from this browser, never an address anyone can type.
    /// </summary>
    public IReadOnlyList<long> WrittenBefore { get; init; } = [];

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
/// spam comment), kept instead of the moderation rules' verdict; <paramref name="ImportKey"/> names it there, and
/// <paramref name="WordPressId"/> is its id in the export it came from.
/// </summary>
public sealed record ImportedEntry(
    CommentSubmission Comment, IReadOnlyList<ImportedEntry> Replies, CommentStatus? Status = null, string? ImportKey = null,
    long? WordPressId = null, RestoredFacts? Restored = null);

/// <summary>
/// What a comment was where it came from, put back as it was rather than set anew: a SomeForum export's own facts, or
/// a comment deleted there (<see cref="DeletedThere"/>). <paramref name="RepliesTo"/> is the entry it answers when it
/// was attached beside it (the depth limit): one of its own thread. <paramref name="ErasedAt"/>, when set, brings it
/// only as the empty placeholder its replies hang from, as a moderator's delete leaves it here: without text, author
/// or address; <paramref name="ModerationReason"/> is the reason the queue shows for its status.
/// </summary>
public sealed record RestoredFacts(DateTime? ReceivedAt, DateTime? EditedAt, DateTime? ErasedAt, string? ModerationReason, ImportedEntry? RepliesTo)
{
    /// <summary>A comment deleted where it came from (a Disqus export's deleted message), erased at <paramref name="now"/>; its entry's status is the trash.</summary>
    public static RestoredFacts DeletedThere(DateTime now) =>
        new(null, null, now, "Deleted where it came from; kept as an empty placeholder for its replies", null);
}
