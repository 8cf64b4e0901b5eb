namespace SomeForum.Web.Comments;

/// <summary>
/// "New since your last visit". A comment is new to a reader when it was received after the latest comment they
/// saw. The page every guest gets carries each comment's received time; the reader's browser remembers what it saw
/// (wwwroot/js/new-since.js), so the page stays one cached page for all guests. Without a script, the page offers
/// a link that carries the latest received time (<see cref="Query"/>): opened later, the server marks what came
/// after it, on a page that is not kept.
/// </summary>
public static class NewSince
{
    public const string Query = "since";

    /// <summary>A received time as the page and the link carry it: milliseconds since 1970, UTC.</summary>
    public static long Stamp(DateTime receivedUtc) =>
        new DateTimeOffset(DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static bool IsNew(CommentRow comment, long? since) =>
        since is { } seen && comment.IsVisible && comment.CreatedAt is { } received && Stamp(received) > seen;

    /// <summary>The first new comment in the order the page shows them, if any.</summary>
    public static long? FirstNew(IEnumerable<CommentNode> nodes, long? since)
    {
        if (since is null) return null;
        foreach (var node in nodes)
        {
            if (IsNew(node.Comment, since)) return node.Comment.Id;
            if (FirstNew(node.Replies, since) is { } reply) return reply;
        }
        return null;
    }

    /// <summary>The latest received time among the comments shown; none when no shown comment has one.</summary>
    public static long? Latest(IEnumerable<CommentNode> nodes) =>
        nodes.Select(n => Later(n.Comment is { IsVisible: true, CreatedAt: { } received } ? Stamp(received) : null, Latest(n.Replies)))
            .Aggregate((long?)null, Later);

    private static long? Later(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    public static int CountNew(IEnumerable<CommentNode> nodes, long? since) =>
        since is null ? 0 : nodes.Sum(n => (IsNew(n.Comment, since) ? 1 : 0) + CountNew(n.Replies, since));
}
