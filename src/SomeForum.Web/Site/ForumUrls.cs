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

    /// <summary>A post's page that marks the comments received after <paramref name="since"/> (see Comments/NewSince.cs).</summary>
    public static string PostSince(string slug, long since) =>
        string.Create(CultureInfo.InvariantCulture, $"{Posts}{Uri.EscapeDataString(slug)}?{NewSince.Query}={since}#comments");

    /// <summary>A post's first page of comments in the order a reader chose (remembered from then on, see Comments/ReaderOrder.cs).</summary>
    public static string PostInOrder(string slug, CommentOrder order) =>
        $"{Posts}{Uri.EscapeDataString(slug)}?{ReaderOrder.Query}={ReaderOrder.Name(order)}#comments";

    /// <summary>The stream that tells a post's open page of comments published since (Live/LiveStreams.cs).</summary>
    public static string Live(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}{LiveSuffix}";

    private const string LiveSuffix = "/live";

    /// <summary>The slug a path names when it is a post's live stream (<see cref="Live"/>), else null.</summary>
    public static string? SlugOfLive(PathString path)
    {
        var value = path.Value;
        if (value is null || value.Length <= Posts.Length + LiveSuffix.Length
            || !value.StartsWith(Posts, StringComparison.Ordinal) || !value.EndsWith(LiveSuffix, StringComparison.Ordinal))
        {
            return null;
        }
        var slug = value[Posts.Length..^LiveSuffix.Length];
        return slug.Length == 0 || slug.Contains('/', StringComparison.Ordinal) ? null : slug;
    }

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

    /// <summary>Where a reader reports a published comment to the moderators.</summary>
    public static string Report(long id) => string.Create(CultureInfo.InvariantCulture, $"/comments/{id}/report");

    /// <summary>The acknowledgement a reader sees once their report is taken (the report page's "sent" handler).</summary>
    public static string ReportSent(long id) => string.Create(CultureInfo.InvariantCulture, $"/comments/{id}/report/sent");

    public static string Reply(string slug, long id) => string.Create(CultureInfo.InvariantCulture, $"{Posts}{Uri.EscapeDataString(slug)}/reply/{id}");

    public static string EditPost(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}/edit";

    public static string DeletePost(string slug) => $"{Posts}{Uri.EscapeDataString(slug)}/delete";

    public static string Queue(CommentStatus status) => $"/moderation?Status={status}";

    /// <summary>The queue's view of the comments readers reported, most reported first.</summary>
    public const string ReportedQueue = "/moderation?view=reported";

    /// <summary>The reported view as a moderator filtered it.</summary>
    public static string Reported(long? post, string? search, int page)
    {
        var url = new System.Text.StringBuilder(ReportedQueue);
        if (post is { } id) url.Append(CultureInfo.InvariantCulture, $"&Post={id}");
        if (!string.IsNullOrWhiteSpace(search)) url.Append("&q=").Append(Uri.EscapeDataString(search));
        if (page > 1) url.Append(CultureInfo.InvariantCulture, $"&p={page}");
        return url.ToString();
    }

    /// <summary>The queue as a moderator filtered it: a post, a search, a page (each left out when it is the default).</summary>
    public static string Queue(CommentStatus status, long? post, string? search, int page)
    {
        var url = new System.Text.StringBuilder(Queue(status));
        if (post is { } id) url.Append(CultureInfo.InvariantCulture, $"&Post={id}");
        if (!string.IsNullOrWhiteSpace(search)) url.Append("&q=").Append(Uri.EscapeDataString(search));
        if (page > 1) url.Append(CultureInfo.InvariantCulture, $"&p={page}");
        return url.ToString();
    }

    /// <summary>A row of the queue, for coming back to where the moderator was.</summary>
    public static string Queued(long id) => string.Create(CultureInfo.InvariantCulture, $"queued-{id}");

    /// <summary>Where the queue says what was just done, in its place in the list.</summary>
    public const string QueueNotice = "moderated";

    public static string Moderate(long id, string action) => string.Create(CultureInfo.InvariantCulture, $"/moderation/comments/{id}/{action}");

    /// <summary>The route of Search/Index.</summary>
    public const string SearchPage = "/search";

    /// <summary>A search: its words, its page, and for moderators the queue instead of what readers see.</summary>
    public static string Search(string query, int page = 1, bool queue = false)
    {
        var url = new System.Text.StringBuilder(SearchPage).Append("?q=").Append(Uri.EscapeDataString(query));
        if (queue) url.Append("&scope=queue");
        if (page > 1) url.Append(CultureInfo.InvariantCulture, $"&p={page}");
        return url.ToString();
    }

    /// <summary>The route of the language switch (Site/Languages.cs).</summary>
    public const string LanguageRoute = "/language/{language}";

    /// <summary>The switch to <paramref name="language"/>, which comes back to <paramref name="returnUrl"/> (a path of this site).</summary>
    public static string Language(string language, string returnUrl) =>
        $"/language/{Uri.EscapeDataString(language)}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    public const string MailLog = "/admin/mail";

    public const string Settings = "/admin/settings";

    public const string MailSettings = "/account/notifications";

    public const string Profile = "/account/profile";

    public const string ChangePassword = "/account/password";

    /// <summary>Where the link of an address-change mail leads (the route of Accounts/ConfirmEmail).</summary>
    public static string ConfirmEmailChange(string userId, string address, string token) =>
        $"/account/email/confirm?user={Uri.EscapeDataString(userId)}&address={Uri.EscapeDataString(address)}&token={Uri.EscapeDataString(token)}";

    /// <summary>Where a new account confirms its address, and asks for the link again (the route of Accounts/ConfirmAccount).</summary>
    public const string ConfirmAccountPage = "/account/confirm";

    /// <summary>The link of a registration's confirmation mail.</summary>
    public static string ConfirmAccount(string userId, string token) =>
        $"{ConfirmAccountPage}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public const string SignIn = "/account/sign-in";

    public const string Register = "/account/register";

    /// <summary>"Forgot your password?": asks for the address a reset link goes to (the route of Accounts/ForgotPassword).</summary>
    public const string ForgotPassword = "/account/forgot-password";

    public const string ResetPasswordPage = "/account/reset-password";

    /// <summary>The link of a password reset mail (the route of Accounts/ResetPassword).</summary>
    public static string ResetPassword(string userId, string token) =>
        $"{ResetPasswordPage}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    /// <summary>Where the link of a confirmation mail leads (the route of Notifications/Confirm).</summary>
    public static string ConfirmMail(string token) => $"/mail/confirm?token={Uri.EscapeDataString(token)}";

    /// <summary>The one-click unsubscribe address every mail carries (the route of Notifications/Unsubscribe).</summary>
    public static string Unsubscribe(string token) => $"/mail/unsubscribe?token={Uri.EscapeDataString(token)}";

    /// <summary>A path of this site as an absolute address under <paramref name="siteUrl"/>, for what leaves the site (mail).</summary>
    public static string Absolute(string siteUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(siteUrl);
        ArgumentNullException.ThrowIfNull(path);
        return siteUrl.TrimEnd('/') + path;
    }

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
