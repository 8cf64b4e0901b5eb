using SomeForum.Web.Comments;

namespace SomeForum.Web.Avatars;

/// <summary>
/// The picture beside each comment: a token from a keyed hash of the author's email, computed in
/// memory from the thread's own rows. Emails stay on the server; the page only ever carries tokens.
/// </summary>
public sealed class CommentAvatars(AvatarKey key)
{
    // One page shows the same few writers many times over: each email is hashed once a request.
    private readonly Dictionary<string, string?> tokens = new(StringComparer.Ordinal);

    public const string PlaceholderUrl = "/avatars/anonymous.svg";

    public static string Url(string? token) => token is null ? PlaceholderUrl : $"/avatars/{token}.svg";

    /// <summary>
    /// The address of the picture for a comment; pingbacks, removed comments and held ones get the
    /// placeholder (a held comment's own picture would let its writer test an email against the page's).
    /// </summary>
    public string UrlFor(CommentRow comment) =>
        comment.Kind != CommentKind.Comment || !comment.IsVisible || comment.AwaitingModeration
            ? PlaceholderUrl
            : Url(TokenFor(comment.AuthorEmail));

    private string? TokenFor(string? email)
    {
        if (email is null) return null;
        if (!tokens.TryGetValue(email, out var token)) tokens[email] = token = AvatarToken.For(key.Bytes, email);
        return token;
    }
}
