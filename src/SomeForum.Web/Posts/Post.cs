using SomeForum.Web.Comments;

namespace SomeForum.Web.Posts;

public sealed class Post
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>The Markdown the author wrote; <see cref="Html"/> is rendered from it once, on write.</summary>
    public required string Source { get; set; }
    public required string Html { get; set; }

    /// <summary>Plain text for listings, feeds and the page's description: the author's own, or cut from the body on write.</summary>
    public string Excerpt { get; set; } = "";

    /// <summary>The author wrote <see cref="Excerpt"/>; otherwise it is made from the body at every save.</summary>
    public bool ExcerptByAuthor { get; set; }

    /// <summary>Null where the source does not say (an imported page without a byline).</summary>
    public string? AuthorName { get; set; }
    public string? AuthorId { get; set; }

    public PostStatus Status { get; set; } = PostStatus.Published;

    /// <summary>What a post in the trash was before, so that restoring it puts it back as it was.</summary>
    public PostStatus? StatusBeforeTrash { get; set; }

    /// <summary>Null where the source does not say; never invented.</summary>
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool CommentsOpen { get; set; } = true;
    public bool PingbacksOpen { get; set; } = true;

    /// <summary>Why the moderation rules held a member's post.</summary>
    public string? ModerationReason { get; set; }

    /// <summary>The seed document a post came from, so that importing it again changes nothing.</summary>
    public string? ImportKey { get; set; }

    /// <summary>Its <c>wp:post_id</c> in the WordPress export it was imported from: what old <c>/?p=ID</c> links name.</summary>
    public long? WordPressId { get; set; }

    /// <summary>Optimistic concurrency: every save writes a new value.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Published comments, pingbacks and webmentions; kept by the thread's writers, never counted on a read.</summary>
    public int CommentCount { get; set; }

    /// <summary>Published top-level entries: the last number given.</summary>
    public int TopLevelCount { get; set; }

    /// <summary>Top-level threads a reader sees: published, or holding a published reply.</summary>
    public int ThreadCount { get; set; }

    public List<Comment> Comments { get; set; } = [];
}

public enum PostStatus
{
    Draft,

    /// <summary>A member's post in an open forum, waiting for a moderator.</summary>
    Pending,
    Published,
    Trash,
}
