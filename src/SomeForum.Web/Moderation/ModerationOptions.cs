using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Moderation;

public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>When false, comments publish at once unless a blocklist rule marks them spam.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A comment with this many links or more is held.</summary>
    [Range(1, 1000)]
    public int HoldLinkCount { get; set; } = 2;

    /// <summary>Hold the first comment of an author who has no approved comment yet.</summary>
    public bool HoldFirstComment { get; set; } = true;

    /// <summary>Pingbacks and webmentions wait for a moderator.</summary>
    public bool HoldMentions { get; set; } = true;

    /// <summary>Words that hold a comment when they appear in its text, name, email, website or IP.</summary>
    public List<string> HoldWords { get; set; } = [];

    /// <summary>Words that mark a comment spam, wherever they appear (so an email or IP can be banned).</summary>
    public List<string> BlockWords { get; set; } = [];

    /// <summary>
    /// Close comments on a post this many days after it was published; 0 never does. The configuration's value of
    /// the site setting (Site/SiteSettings.cs), which an administrator may replace on the settings page.
    /// </summary>
    [Range(0, 36_500)]
    public int CloseCommentsAfterDays { get; set; }

    /// <summary>Hold a published comment once this many distinct readers have reported it; 0 (the default) never does.</summary>
    [Range(0, 1000)]
    public int HoldAfterReports { get; set; }
}
