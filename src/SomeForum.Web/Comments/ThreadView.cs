namespace SomeForum.Web.Comments;

/// <summary>What the thread's partials need to know about the page they are on.</summary>
public sealed record ThreadView(string Slug, ThreadPage Page, bool CanReply, string? PostAuthorId = null,
    IReadOnlyDictionary<long, GuestOffer>? GuestOffers = null)
{
    /// <summary>The links a guest has to edit their own comment, while they may.</summary>
    public GuestOffer? OfferFor(long id) => GuestOffers is { } offers && offers.TryGetValue(id, out var offer) ? offer : null;

    /// <summary>Written by the post's own author, signed in.</summary>
    public bool ByPostAuthor(CommentRow comment) => comment.UserId is not null && comment.UserId == PostAuthorId;

    /// <summary>The permalink of a comment on this page.</summary>
    public string Permalink(long id) => Page.PageCount > 1 ? Site.ForumUrls.Comment(Slug, Page.Page, id) : $"#comment-{id}";

    public string ReplyUrl(long id) => $"{Site.ForumUrls.Reply(Slug, id)}#respond";

    /// <summary>The post's id, by which the reader's browser remembers what it saw (<see cref="NewSince"/>).</summary>
    public long PostId { get; init; }

    /// <summary>The order the threads are shown in (<see cref="ReaderOrder"/>).</summary>
    public CommentOrder Order { get; init; }

    /// <summary>The received time the reader asked to see what is new since (<c>?since=</c>); none on the page every guest gets.</summary>
    public long? Since { get; init; }

    /// <summary>
    /// The latest received time of the comments the page shows: what the reader has now seen, as new-since.js keeps
    /// it; the no-script reader keeps a link with it. From the page's own rows, or one query when they are streamed.
    /// </summary>
    public long? LatestReceived => Page.LatestReceived;

    public bool IsNew(CommentRow comment) => NewSince.IsNew(comment, Since);

    public long? FirstNew => NewSince.FirstNew(Page.Threads, Since);

    public int NewCount => NewSince.CountNew(Page.Threads, Since);
}

/// <summary>The "Leave a Reply" form: where it posts, what it answers, what the reader typed, a preview.</summary>
public sealed record CommentFormView(
    CommentInput Input,
    string Action,
    bool CommentsOpen,
    int MaxLength,
    string? ReplyingToAuthor = null,
    string? CancelReplyUrl = null,
    string? PreviewHtml = null,
    string? SignedInAs = null,
    int HeadingLevel = 3,
    bool Unpublished = false);
