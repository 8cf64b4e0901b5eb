using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>
/// The moderation rules as an administrator saved them in the app. While there is none, the
/// rules are those of the <c>Moderation</c> section of the configuration.
/// </summary>
public sealed class ModerationRuleSet
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public bool Enabled { get; set; }
    public int HoldLinkCount { get; set; }
    public bool HoldFirstComment { get; set; }
    public bool HoldMentions { get; set; }

    /// <summary>One word or phrase a line.</summary>
    public string HoldWords { get; set; } = "";
    public string BlockWords { get; set; } = "";
    /// <summary>Hold a published comment once this many distinct readers have reported it; 0 never does.</summary>
    public int HoldAfterReports { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public ModerationOptions ToOptions() => new()
    {
        Enabled = Enabled,
        HoldLinkCount = HoldLinkCount,
        HoldFirstComment = HoldFirstComment,
        HoldMentions = HoldMentions,
        HoldWords = Lines(HoldWords),
        BlockWords = Lines(BlockWords),
        HoldAfterReports = HoldAfterReports,
    };

    public static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>The rules in force: the administrator's saved rules, else the configuration's.</summary>
public sealed class ModerationSettings(ForumDb db, IOptionsMonitor<ModerationOptions> configured, SavedRules saved)
{
    public async Task<ModerationOptions> CurrentAsync(CancellationToken ct) => await saved.GetAsync(db, ct) ?? configured.CurrentValue;

    public ModerationOptions Configured => configured.CurrentValue;

    /// <summary>After the saved rules change, so that this instance applies them from its next request.</summary>
    public void Forget() => saved.Forget();
}

/// <summary>The administrator's saved rules, kept in memory (see <see cref="SavedInMemory{T}"/>).</summary>
public sealed class SavedRules(TimeProvider clock) : SavedInMemory<ModerationOptions>(clock)
{
    public Task<ModerationOptions?> GetAsync(ForumDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return GetAsync(async () =>
            (await db.ModerationRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ModerationRuleSet.SingletonId, ct))?.ToOptions());
    }
}
