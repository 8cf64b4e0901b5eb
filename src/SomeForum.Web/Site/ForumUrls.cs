using System.Globalization;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Site;

/// <summary>
/// Every address of a post or a comment, built, and read back from a URL, in one place: the page routes
/// (<c>@page "/posts/{slug}"</c> and the rest) and these must agree, and only here do they have to.
/// </summary>
public static class ForumUrls
{
    private const string Posts = "/posts/";

    public const string NewPost = "/posts/new";

    public static string Post(string slug, int commentPage = 1) =>
        commentPage > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Posts}{Uri.EscapeDataString(slug)}?cpage={commentPage}")
            : $"{Posts}{Uri.EscapeDataString(slug)}";

    /// <summary>A comment on the page of its thread that holds it.</summary>
    public static string Comment(string slug, int commentPage, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{Post(slug, commentPage)}#comment-{id}");

    /// <summary>The stable address of a comment, which redirects to wherever it is now.</summary>
    public static string Permalink(long id) => string.Create(CultureInfo.InvariantCulture, $"/comments/{id}");

    /// <summary>Where a guest edits or deletes their own comment, with the signed token that lets them.</summary>
    public static string GuestEdit(long id, string token) =>
        string.Create(CultureInfo.InvariantCulture, $"/comments/{id}/edit?token={Uri.EscapeDataString(token)}");

    /// <summary>Where a guest sees and erases what is stored about them with a comment, with its signed token.</summary>
    public static string GuestData(long id, string token) =>
        string.Create(CultureInfo.InvariantCulture, $"/comments/{id}/your-data?token={Uri.EscapeDataString(token)}");

    public static string Reply(string slug, long id) => string.Create(CultureInfo.InvariantCulture, $"{Posts}{Uri.EscapeDataString(slug)}/reply/{id}");

    public static string EditPost(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}/edit";

    public static string DeletePost(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}/delete";

    public static string Queue(CommentStatus status) => $"/moderation?Status={status}";

    public static string Moderate(long id, string action) => string.Create(CultureInfo.InvariantCulture, $"/moderation/comments/{id}/{action}");

    /// <summary>The slug a path names when it is a post's own address (a trailing slash allowed), else null.</summary>
    public static string? SlugOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith(Posts, StringComparison.Ordinal)) return null;
        var rest = path[Posts.Length..];
        if (rest.EndsWith('/')) rest = rest[..^1];
        return rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal) ? null : Uri.UnescapeDataString(rest);
    }
}
