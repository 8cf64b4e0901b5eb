using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Comments;

public enum CommentOrder
{
    OldestFirst,
    NewestFirst,
    /// <summary>The threads with the most published comments first; among equals, the newest thread first.</summary>
    MostActive,
}

public sealed class CommentOptions
{
    public const string Section = "Comments";

    /// <summary>Top-level threads a page; 0 shows every thread on one page. The configuration's value of a site setting (Site/SiteSettings.cs).</summary>
    [Range(0, 10_000)]
    public int PageSize { get; set; } = 50;

    /// <summary>The order of top-level threads; replies always read oldest first under their parent.</summary>
    public CommentOrder Order { get; set; } = CommentOrder.OldestFirst;

    /// <summary>Levels a thread may have, the top level included (WordPress's default is 5). The configuration's value of a site setting.</summary>
    [Range(1, Site.SiteSettingsRules.MaxReplyDepth)]
    public int MaxDepth { get; set; } = 5;

    /// <summary>These options with the site settings' page size and depth in force (see Site/SiteSettings.cs).</summary>
    public CommentOptions With(int pageSize, int maxDepth)
    {
        var copy = (CommentOptions)MemberwiseClone();
        copy.PageSize = pageSize;
        copy.MaxDepth = maxDepth;
        return copy;
    }

    /// <summary>These options with the threads in <paramref name="order"/> (a reader's choice, see <see cref="ReaderOrder"/>).</summary>
    public CommentOptions InOrder(CommentOrder order)
    {
        if (order == Order) return this;
        var copy = (CommentOptions)MemberwiseClone();
        copy.Order = order;
        return copy;
    }

    [Range(1, 100_000)]
    public int MaxLength { get; set; } = 10_000;

    /// <summary>Why a comment of this length cannot be taken (nor previewed), or null.</summary>
    public string? LengthProblem(string text) =>
        text.Length > MaxLength ? Site.Strings.Format("Refused.TooLong", MaxLength, text.Length) : null;

    /// <summary>Seconds one client must wait between two comments; 0 turns the check off.</summary>
    [Range(0, 86_400)]
    public int FloodIntervalSeconds { get; set; } = 15;

    /// <summary>Larger comment requests are refused with 413 before they are read.</summary>
    [Range(4_096, 16 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Minutes after posting that a guest may edit or delete their comment with its link; 0 turns it off.</summary>
    [Range(0, 7 * 24 * 60)]
    public int EditWindowMinutes { get; set; } = 15;

    /// <summary>Until when a guest may edit a comment received then; null when guest editing is off.</summary>
    public DateTime? GuestEditsUntil(DateTime receivedAt) => EditWindowMinutes > 0 ? receivedAt.AddMinutes(EditWindowMinutes) : null;

    /// <summary>Days the link to see and erase what is stored about a guest's comment keeps working.</summary>
    [Range(1, 3650)]
    public int DataLinkDays { get; set; } = 30;
}
