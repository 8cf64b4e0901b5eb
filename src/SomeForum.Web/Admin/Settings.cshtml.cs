using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Site;

namespace SomeForum.Web.Admin;

/// <summary>
/// Administrators set the site's title, tagline, footer, public address and comment defaults. A saved setting
/// replaces the configuration's value until it is reset; a value equal to the configuration's is not saved, so it
/// follows the configuration.
/// </summary>
public sealed class SettingsModel(ForumDb db, SiteSettings settings, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public SiteSettingsView Configured => settings.Configured;

    /// <summary>The settings saved here (the others come from the configuration).</summary>
    public StoredSettings Saved { get; private set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Saved = await ReadSavedAsync(ct) ?? new StoredSettings();
        Input = SettingsInput.From(await settings.CurrentAsync(ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var chosen = Input.ToView();
        foreach (var (setting, message) in SiteSettingsRules.Problems(chosen))
        {
            ModelState.AddModelError($"{nameof(Input)}.{setting}", message);
        }
        if (!ModelState.IsValid)
        {
            Saved = await ReadSavedAsync(ct) ?? new StoredSettings();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var stored = await db.SiteSettings.SingleOrDefaultAsync(s => s.Id == StoredSettings.SingletonId, ct);
        if (stored is null) db.SiteSettings.Add(stored = new StoredSettings());
        var before = stored.Over(Configured);
        stored.Save(chosen, Configured);
        var changed = Changes(before, stored.Over(Configured));
        if (changed.Count == 0)
        {
            Message = Strings.Get("Admin.Settings.NothingChanged");
            return RedirectToPage();
        }
        await SaveAsync(stored, "Save settings", string.Join("; ", changed), ct);
        Message = Strings.Get("Admin.Settings.Saved");
        return RedirectToPage();
    }

    /// <summary>One setting back to the configuration's value.</summary>
    public async Task<IActionResult> OnPostResetAsync(SiteSetting setting, CancellationToken ct)
    {
        if (!Enum.IsDefined(setting)) return BadRequest();
        var stored = await db.SiteSettings.SingleOrDefaultAsync(s => s.Id == StoredSettings.SingletonId, ct);
        if (stored is null || !stored.Has(setting))
        {
            Message = Strings.Format("Admin.Settings.AlreadyConfigured", ShownLabel(setting));
            return RedirectToPage();
        }
        var before = stored.Over(Configured);
        stored.Reset(setting);
        await SaveAsync(stored, "Reset setting", $"{string.Join("; ", Changes(before, stored.Over(Configured)))} (the configuration's)", ct);
        Message = Strings.Format("Admin.Settings.WasReset", ShownLabel(setting));
        return RedirectToPage();
    }

    private async Task SaveAsync(StoredSettings stored, string action, string note, CancellationToken ct)
    {
        stored.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        stored.UpdatedBy = User.Identity?.Name;
        AuditLog.Add(db, User, stored.UpdatedAt, action, null, note);
        await db.SaveChangesAsync(ct);
        settings.Forget();
        // The title, tagline and footer are on every page, and paging and closing on every post: none may be served as it was.
        await ReaderCache.EvictAsync(HttpContext.RequestServices, ReaderCache.AllPages, ct);
    }

    private Task<StoredSettings?> ReadSavedAsync(CancellationToken ct) =>
        db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == StoredSettings.SingletonId, ct);

    /// <summary>What the audit log says changed: "Title: “A” → “B”".</summary>
    private static List<string> Changes(SiteSettingsView before, SiteSettingsView after)
    {
        var changes = new List<string>();
        foreach (var setting in Enum.GetValues<SiteSetting>())
        {
            var (was, now) = (Shown(before, setting), Shown(after, setting));
            if (was != now) changes.Add($"{LoggedLabel(setting)}: {was} → {now}");
        }
        return changes;
    }

    private static string Shown(SiteSettingsView view, SiteSetting setting) => setting switch
    {
        SiteSetting.Title => $"“{view.Title}”",
        SiteSetting.Tagline => $"“{view.Tagline}”",
        SiteSetting.FooterText => $"“{view.FooterText}”",
        SiteSetting.SiteUrl => view.SiteUrl ?? "none",
        SiteSetting.CommentPageSize => view.CommentPageSize.ToString(CultureInfo.InvariantCulture),
        SiteSetting.MaxReplyDepth => view.MaxReplyDepth.ToString(CultureInfo.InvariantCulture),
        SiteSetting.CloseCommentsAfterDays => view.CloseCommentsAfterDays.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>The configuration's value, as the page shows it beside a field.</summary>
    public string ConfiguredText(SiteSetting setting) => setting switch
    {
        SiteSetting.SiteUrl => Configured.SiteUrl ?? Strings.Get("Admin.Settings.NoAddress"),
        SiteSetting.Tagline or SiteSetting.FooterText when Shown(Configured, setting) == "“”" => Strings.Get("Admin.Settings.Empty"),
        _ => Shown(Configured, setting),
    };

    /// <summary>A setting's name as the page shows it, in the administrator's language.</summary>
    public static string ShownLabel(SiteSetting setting) => Strings.Get($"Admin.Settings.Label.{setting}");

    /// <summary>A setting's name as the audit log stores it (in English, like every stored entry).</summary>
    private static string LoggedLabel(SiteSetting setting) => setting switch
    {
        SiteSetting.Title => "Site title",
        SiteSetting.Tagline => "Tagline",
        SiteSetting.FooterText => "Footer text",
        SiteSetting.SiteUrl => "Public address",
        SiteSetting.CommentPageSize => "Threads a comment page",
        SiteSetting.MaxReplyDepth => "Reply depth",
        SiteSetting.CloseCommentsAfterDays => "Close comments after days",
        _ => setting.ToString(),
    };

    /// <summary>The configuration key each setting's default comes from.</summary>
    public static string ConfigurationKey(SiteSetting setting) => setting switch
    {
        SiteSetting.Title => "Site:Title",
        SiteSetting.Tagline => "Site:Tagline",
        SiteSetting.FooterText => "Site:FooterText",
        SiteSetting.SiteUrl => "Pingback:SiteUrl",
        SiteSetting.CommentPageSize => "Comments:PageSize",
        SiteSetting.MaxReplyDepth => "Comments:MaxDepth",
        SiteSetting.CloseCommentsAfterDays => "Moderation:CloseCommentsAfterDays",
        _ => "",
    };
}

/// <summary>The settings form. Checked by <see cref="SiteSettingsRules"/>, whose messages go next to each field.</summary>
public sealed class SettingsInput
{
    public string? Title { get; set; }
    public string? Tagline { get; set; }
    public string? FooterText { get; set; }
    public string? SiteUrl { get; set; }
    public int CommentPageSize { get; set; }
    public int MaxReplyDepth { get; set; }
    public int CloseCommentsAfterDays { get; set; }

    /// <summary>What was typed, trimmed; an empty address is none.</summary>
    public SiteSettingsView ToView() => new(
        Title?.Trim() ?? "",
        Tagline?.Trim() ?? "",
        FooterText?.Trim() ?? "",
        string.IsNullOrWhiteSpace(SiteUrl) ? null : SiteUrl.Trim(),
        CommentPageSize,
        MaxReplyDepth,
        CloseCommentsAfterDays);

    public static SettingsInput From(SiteSettingsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Title = view.Title,
            Tagline = view.Tagline,
            FooterText = view.FooterText,
            SiteUrl = view.SiteUrl,
            CommentPageSize = view.CommentPageSize,
            MaxReplyDepth = view.MaxReplyDepth,
            CloseCommentsAfterDays = view.CloseCommentsAfterDays,
        };
    }
}
