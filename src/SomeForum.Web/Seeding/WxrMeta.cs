using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>
/// What a SomeForum export adds to WordPress's own fields, as <c>wp:postmeta</c> and <c>wp:commentmeta</c>, so that
/// importing it restores the site exactly: the Markdown source, statuses WordPress has no word for, dates to the tick,
/// and facts WordPress does not keep. WordPress's importer stores unknown meta and shows none of it (the leading
/// underscore marks it private there).
/// </summary>
public static class WxrMeta
{
    private const string Prefix = "_someforum_";

    public const string Markdown = Prefix + "markdown";
    public const string ImportKey = Prefix + "import_key";
    public const string ModerationReason = Prefix + "moderation_reason";

    // Posts.
    public const string Status = Prefix + "status";
    public const string StatusBeforeTrash = Prefix + "status_before_trash";
    public const string Published = Prefix + "published";
    public const string Created = Prefix + "created";
    public const string Updated = Prefix + "updated";

    // Comments.
    public const string Written = Prefix + "written";
    public const string Received = Prefix + "received";
    public const string Edited = Prefix + "edited";
    public const string Erased = Prefix + "erased";
    public const string AuthorUrl = Prefix + "author_url";
    public const string SourceUrl = Prefix + "source_url";
    public const string SourceTitle = Prefix + "source_title";
    public const string RepliesTo = Prefix + "replies_to";
    public const string UserAgent = Prefix + "user_agent";

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static bool IsOurs(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A date to the tick, in UTC; "" stands for a date the site does not know.</summary>
    public static string Date(DateTime? date) => date?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// Whether the meta names this date, and what it is (null where the site did not know it). A value that does not
    /// read as a date counts as absent, so WordPress's own date is used.
    /// </summary>
    public static bool TryDate(IReadOnlyDictionary<string, string> meta, string key, out DateTime? date)
    {
        ArgumentNullException.ThrowIfNull(meta);
        date = null;
        if (!meta.TryGetValue(key, out var text)) return false;
        if (text.Length == 0) return true;
        if (!DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) return false;
        date = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>A text the meta gives ("" standing for none), or null when the meta says nothing.</summary>
    public static bool TryText(IReadOnlyDictionary<string, string> meta, string key, out string? text)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (!meta.TryGetValue(key, out var value))
        {
            text = null;
            return false;
        }
        text = value.Length == 0 ? null : value;
        return true;
    }
}
