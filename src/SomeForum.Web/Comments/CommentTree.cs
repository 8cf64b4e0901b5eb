namespace SomeForum.Web.Comments;

/// <summary>
/// What a reader's page needs of one comment. Text of comments not shown is never loaded. <paramref name="ByStaff"/>:
/// written by an account that moderates the site now; <paramref name="UserId"/> only to tell the post's author.
/// </summary>
public sealed record CommentRow(
    long Id,
    long? ParentId,
    long? RepliesToId,
    string ThreadPath,
    int Depth,
    CommentKind Kind,
    CommentStatus Status,
    bool IsVisible,
    string AuthorName,
    string? AuthorEmail,
    string? AuthorUrl,
    string? Html,
    DateTime? CreatedAt,
    string? SourceUrl,
    string? SourceTitle,
    DateTime? EditedAt = null,
    bool ByStaff = false,
    string? UserId = null)
{
    /// <summary>Held, and shown only because its own author is looking.</summary>
    public bool AwaitingModeration => IsVisible && Status == CommentStatus.Pending;
}

/// <summary>
/// A comment with its replies. A node that is not visible stands only as a placeholder for its replies.
/// <paramref name="Number"/> is the entry's place among published top-level entries, oldest first.
/// </summary>
public sealed record CommentNode(CommentRow Comment, int? Number, string? RepliesToAuthor, IReadOnlyList<CommentNode> Replies);

public static class CommentTree
{
    /// <summary>
    /// Builds the tree in one pass over rows in thread order. Comments that are not visible are
    /// dropped, unless visible replies hang below them: then they stay as placeholders, so that the
    /// replies keep their place. Published top-level entries are numbered on from
    /// <paramref name="numberBase"/> in the order they were written, whatever order they are shown in.
    /// </summary>
    public static IReadOnlyList<CommentNode> Build(IReadOnlyList<CommentRow> rows, int numberBase = 0, CommentOrder order = CommentOrder.OldestFirst)
    {
        var byParent = rows.ToLookup(r => r.ParentId);
        var authors = rows.Where(r => r.IsVisible).ToDictionary(r => r.Id, r => r.AuthorName);
        var number = numberBase;
        var roots = Level(null);
        return order switch
        {
            CommentOrder.NewestFirst => roots.AsEnumerable().Reverse().ToList(),
            // As the paged query orders them: most published comments first, the newest thread first among equals.
            CommentOrder.MostActive => [.. roots.OrderByDescending(Published).ThenByDescending(n => n.Comment.ThreadPath, StringComparer.Ordinal)],
            _ => roots,
        };

        static int Published(CommentNode node) =>
            (node.Comment.IsVisible && node.Comment.Status == CommentStatus.Approved ? 1 : 0) + node.Replies.Sum(Published);

        List<CommentNode> Level(long? parentId)
        {
            var nodes = new List<CommentNode>();
            foreach (var row in byParent[parentId])
            {
                var replies = Level(row.Id);
                if (!row.IsVisible && replies.Count == 0) continue;
                var numbered = parentId is null && row.IsVisible && row.Status == CommentStatus.Approved;
                var repliesTo = row.RepliesToId is { } target ? authors.GetValueOrDefault(target) : null;
                nodes.Add(new CommentNode(row, numbered ? ++number : null, repliesTo, replies));
            }
            return nodes;
        }
    }
}
