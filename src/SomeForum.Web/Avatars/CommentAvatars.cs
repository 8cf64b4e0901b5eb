using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Avatars;

/// <summary>
/// The picture beside each comment of a page. The emails of all the page's comments are read with one
/// query, the first time a picture is asked for (the page's thread is known by then), so a page costs one
/// query more however long its thread. Emails stay on the server; the page only ever carries tokens.
/// </summary>
public sealed class CommentAvatars(ForumDb db, AvatarKey key)
{
    public const string PlaceholderUrl = "/avatars/anonymous.svg";

    private readonly Dictionary<long, string?> tokens = [];

    public static string Url(string? token) => token is null ? PlaceholderUrl : $"/avatars/{token}.svg";

    /// <summary>The address of the picture for a comment on its page.</summary>
    public async Task<string> UrlAsync(CommentItem item, CancellationToken ct = default)
    {
        var comment = item.Node.Comment;
        if (comment.Kind != CommentKind.Comment || !comment.IsVisible) return PlaceholderUrl;
        if (!tokens.ContainsKey(comment.Id))
        {
            var wanted = new List<long>();
            Collect(item.Thread.Page.Threads, wanted);
            Collect([item.Node], wanted);
            await LoadAsync(wanted, ct);
        }
        return Url(tokens.GetValueOrDefault(comment.Id));
    }

    private void Collect(IEnumerable<CommentNode> nodes, List<long> into)
    {
        foreach (var node in nodes)
        {
            var c = node.Comment;
            if (c.Kind == CommentKind.Comment && c.IsVisible && !tokens.ContainsKey(c.Id)) into.Add(c.Id);
            Collect(node.Replies, into);
        }
    }

    private async Task LoadAsync(List<long> ids, CancellationToken ct)
    {
        var emails = await db.Comments.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.AuthorEmail })
            .ToListAsync(ct);
        foreach (var id in ids) tokens[id] = null;
        foreach (var row in emails) tokens[row.Id] = AvatarToken.For(key.Bytes, row.AuthorEmail);
    }
}
