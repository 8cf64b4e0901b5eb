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

    /// <summary>The home page's page number; not <c>p</c>, which old WordPress links use for a post's id.</summary>
    public const string HomePageQuery = "page";

    public static string Home(int page) => page > 1 ? string.Create(CultureInfo.InvariantCulture, $"/?{HomePageQuery}={page}") : "/";

    public static string Post(string slug, int commentPage = 1) =>
        commentPage > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Posts}{Uri.EscapeDataString(slug)}?cpage={commentPage}")
            : $"{Posts}{Uri.EscapeDataString(slug)}";

    /// <summary>A comment on the page of its thread that holds it.</summary>
    public static string Comment(string slug, int commentPage, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{Post(slug, commentPage)}#comment-{id}");

    /// <summary>The stable address of a comment, which redirects to wherever it is now.</summary>
    public static string Permalink(long id) => string.Create(CultureInfo.InvariantCulture, $"/comments/{id}");

    public static string Reply(string slug, long id) => string.Create(CultureInfo.InvariantCulture, $"{Posts}{Uri.EscapeDataString(slug)}/reply/{id}");

    public static string EditPost(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}/edit";

    public static string DeletePost(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}/delete";

    public static string Queue(CommentStatus status) => $"/moderation?Status={status}";

    public static string Moderate(long id, string action) => string.Create(CultureInfo.InvariantCulture, $"/moderation/comments/{id}/{action}");

    /// <summary>
    /// Where an old WordPress link to a post is sent. The fragment is our own on purpose: a browser carries the old
    /// link's <c>#comment-N</c> (a WordPress id) over to a redirect without one, where it would name whichever of our
    /// comments has that number.
    /// </summary>
    public static string PostFromWordPress(string slug) => $"{Post(slug)}#main";

    /// <summary>
    /// The slug an old WordPress date permalink names (<c>/2013/12/01/slug/</c> or <c>/2013/12/slug/</c>, the trailing
    /// slash optional, a <c>comment-page-N/</c> after it allowed), else null.
    /// </summary>
    public static string? SlugOfWordPressPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 2 && parts[^1].StartsWith("comment-page-", StringComparison.Ordinal)
            && int.TryParse(parts[^1].AsSpan("comment-page-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            parts = parts[..^1];
        }
        // Four parts are year, month, day and slug; three are year, month and slug, unless the third is a day (an archive).
        if (parts.Length is not (3 or 4) || !Number(parts[0], 4) || !Number(parts[1], 2) || Number(parts[2], 2) != (parts.Length == 4)) return null;
        var slug = Uri.UnescapeDataString(parts[^1]);
        return slug.Length is > 0 and <= 200 ? slug : null;

        static bool Number(string part, int digits) => part.Length == digits && part.All(char.IsAsciiDigit);
    }

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
