using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Comments;

/// <summary>What a reader's page needs of one comment. Text of comments not shown is never loaded.</summary>
public sealed record CommentRow(
    long Id,
    long? ParentId,
    long? RepliesToId,
    int Depth,
    CommentKind Kind,
    bool IsVisible,
    string AuthorName,
    string? AuthorUrl,
    string? Html,
    DateTime? CreatedAt,
    string? SourceUrl,
    string? SourceTitle);

/// <summary>A comment with its replies. A node that is not visible stands only as a placeholder for its replies.</summary>
public sealed record CommentNode(CommentRow Comment, int? Number, IReadOnlyList<CommentNode> Replies);

public static class CommentTree
{
    /// <summary>A post's whole thread in order, from one query.</summary>
    public static IQueryable<CommentRow> ThreadOf(this IQueryable<Comment> comments, long postId) =>
        comments.AsNoTracking()
            .Where(c => c.PostId == postId)
            .OrderBy(c => c.ThreadPath)
            .Select(c => new CommentRow(
                c.Id,
                c.ParentId,
                c.RepliesToId,
                c.Depth,
                c.Kind,
                c.Status == CommentStatus.Approved,
                c.Status == CommentStatus.Approved ? c.AuthorName : "",
                c.Status == CommentStatus.Approved ? c.AuthorUrl : null,
                c.Status == CommentStatus.Approved ? c.Html : null,
                c.Status == CommentStatus.Approved ? c.CreatedAt : null,
                c.Status == CommentStatus.Approved ? c.SourceUrl : null,
                c.Status == CommentStatus.Approved ? c.SourceTitle : null));

    /// <summary>
    /// Builds the tree in one pass over rows in thread order. Comments that are not visible are
    /// dropped, unless visible replies hang below them: then they stay as placeholders, so that
    /// the replies keep their place. Visible top-level entries are numbered from one.
    /// </summary>
    public static IReadOnlyList<CommentNode> Build(IReadOnlyList<CommentRow> rows)
    {
        var byParent = rows.ToLookup(r => r.ParentId);
        var number = 0;
        return Level(null);

        IReadOnlyList<CommentNode> Level(long? parentId)
        {
            var nodes = new List<CommentNode>();
            foreach (var row in byParent[parentId])
            {
                var replies = Level(row.Id);
                if (!row.IsVisible && replies.Count == 0) continue;
                nodes.Add(new CommentNode(row, parentId is null && row.IsVisible ? ++number : null, replies));
            }
            return nodes;
        }
    }

    public static int CountVisible(IReadOnlyList<CommentNode> nodes) =>
        nodes.Sum(n => (n.Comment.IsVisible ? 1 : 0) + CountVisible(n.Replies));
}
