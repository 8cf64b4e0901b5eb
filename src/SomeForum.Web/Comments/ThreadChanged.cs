namespace SomeForum.Web.Comments;

public enum ThreadChangeKind
{
    Added,
    StatusChanged,
    Edited,
    /// <summary>Emptied in place for good, kept as the placeholder its replies hang from.</summary>
    Erased,
    Deleted,
    PostChanged,
    PostTrashed,
    PostRestored,
    PostDeleted,
}

/// <summary>
/// One committed change to a post's thread (or to the post as its thread's page shows it), announced
/// after the transaction that made it has committed. <see cref="CommentId"/> is null for a change to the
/// post itself; <see cref="Before"/> is null for a new comment, <see cref="After"/> for one removed.
/// </summary>
public sealed record ThreadChanged(long PostId, long? CommentId, ThreadChangeKind Kind, CommentStatus? Before, CommentStatus? After)
{
    /// <summary>Whether readers who are not moderators see something different now.</summary>
    public bool ChangesWhatReadersSee =>
        CommentId is null || Before == CommentStatus.Approved || After == CommentStatus.Approved;

    /// <summary>A comment readers can see now and could not before: what notifications and feeds follow.</summary>
    public bool Published => CommentId is not null && After == CommentStatus.Approved && Before != CommentStatus.Approved;
}

/// <summary>A feature that follows the thread (a cache, a feed, notifications). Called once per committed change.</summary>
public interface IThreadChangeSubscriber
{
    ValueTask OnThreadChangedAsync(ThreadChanged change, CancellationToken ct);
}
