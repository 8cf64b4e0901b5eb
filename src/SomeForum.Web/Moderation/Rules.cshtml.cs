using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>Administrators edit the moderation rules; saved rules replace the configuration's until reset.</summary>
public sealed class RulesModel(ForumDb db, ModerationSettings settings, RulePreview preview, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RulesInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    /// <summary>What the rules in the form would have done to the last days' comments, when a preview was asked for.</summary>
    public PreviewResult? Preview { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Saved = await db.ModerationRules.AnyAsync(ct);
        Input = RulesInput.From(await settings.CurrentAsync(ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Saved = await db.ModerationRules.AnyAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var rules = await db.ModerationRules.SingleOrDefaultAsync(r => r.Id == ModerationRuleSet.SingletonId, ct);
        if (rules is null) db.ModerationRules.Add(rules = new ModerationRuleSet());
        rules.Enabled = Input.Enabled;
        rules.HoldLinkCount = Input.HoldLinkCount;
        rules.HoldFirstComment = Input.HoldFirstComment;
        rules.HoldMentions = Input.HoldMentions;
        rules.HoldWords = string.Join('\n', ModerationRuleSet.Lines(Input.HoldWords ?? ""));
        rules.BlockWords = string.Join('\n', ModerationRuleSet.Lines(Input.BlockWords ?? ""));
        rules.HoldAfterReports = Input.HoldAfterReports;
        rules.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        rules.UpdatedBy = User.Identity?.Name;
        AuditLog.Add(db, User, rules.UpdatedAt, "Save rules", null,
            $"moderation {(rules.Enabled ? "on" : "off")}, links {rules.HoldLinkCount}, first comment {(rules.HoldFirstComment ? "held" : "free")}, " +
            (rules.HoldAfterReports == 0 ? "reports never hold" : $"hold after {rules.HoldAfterReports} reports"));
        await db.SaveChangesAsync(ct);
        settings.Forget();
        // Every page's form follows the rules (a reader's comment held or not): none may be served as it was.
        await Site.ReaderCache.EvictAsync(HttpContext.RequestServices, Site.ReaderCache.AllPages, ct);
        Message = Site.Strings.Get("Moderation.Rules.Saved");
        return RedirectToPage();
    }

    /// <summary>The rules as typed, judged against the last days' comments; nothing is saved, and the form keeps what was typed.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Saved = await db.ModerationRules.AnyAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Preview = await preview.RunAsync(Input.ToOptions(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        await db.ModerationRules.ExecuteDeleteAsync(ct);
        AuditLog.Add(db, User, clock.GetUtcNow().UtcDateTime, "Reset rules", null, "the configuration's rules apply again");
        await db.SaveChangesAsync(ct);
        settings.Forget();
        // Every page's form follows the rules (a reader's comment held or not): none may be served as it was.
        await Site.ReaderCache.EvictAsync(HttpContext.RequestServices, Site.ReaderCache.AllPages, ct);
        Message = Site.Strings.Get("Moderation.Rules.WasReset");
        return RedirectToPage();
    }
}

public sealed class RulesInput
{
    [Display(Name = "Moderation.Rules.Enabled")]
    public bool Enabled { get; set; }

    [Display(Name = "Moderation.Rules.HoldLinkCount")]
    [Range(1, 1000, ErrorMessage = "Moderation.Rules.LinkRange")]
    public int HoldLinkCount { get; set; }

    [Display(Name = "Moderation.Rules.HoldFirstComment")]
    public bool HoldFirstComment { get; set; }

    [Display(Name = "Moderation.Rules.HoldMentions")]
    public bool HoldMentions { get; set; }

    [Display(Name = "Moderation.Rules.HoldWords")]
    [StringLength(20_000)]
    public string? HoldWords { get; set; }

    [Display(Name = "Moderation.Rules.BlockWords")]
    [StringLength(20_000)]
    public string? BlockWords { get; set; }

    [Display(Name = "Moderation.Rules.HoldAfterReports")]
    [Range(0, 1000, ErrorMessage = "Moderation.Rules.ReportRange")]
    public int HoldAfterReports { get; set; }

    public ModerationOptions ToOptions() => new()
    {
        Enabled = Enabled,
        HoldLinkCount = HoldLinkCount,
        HoldFirstComment = HoldFirstComment,
        HoldMentions = HoldMentions,
        HoldWords = ModerationRuleSet.Lines(HoldWords ?? ""),
        BlockWords = ModerationRuleSet.Lines(BlockWords ?? ""),
        HoldAfterReports = HoldAfterReports,
    };

    public static RulesInput From(ModerationOptions options) => new()
    {
        Enabled = options.Enabled,
        HoldLinkCount = options.HoldLinkCount,
        HoldFirstComment = options.HoldFirstComment,
        HoldMentions = options.HoldMentions,
        HoldWords = string.Join('\n', options.HoldWords),
        BlockWords = string.Join('\n', options.BlockWords),
        HoldAfterReports = options.HoldAfterReports,
    };
}
