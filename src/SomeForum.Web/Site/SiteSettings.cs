using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Web.Site;

/// <summary><c>Site</c>: what every page shows of the site itself, as the configuration gives it.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.StringLength(SiteSettingsRules.MaxTitle)]
    public string Title { get; set; } = "SomeForum";

    [System.ComponentModel.DataAnnotations.StringLength(SiteSettingsRules.MaxTagline)]
    public string? Tagline { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(SiteSettingsRules.MaxFooter)]
    public string? FooterText { get; set; } = "Powered by SomeForum";
}

/// <summary>The settings on the settings page, each of which an administrator may save or reset to the configuration's.</summary>
public enum SiteSetting
{
    Title,
    Tagline,
    FooterText,
    SiteUrl,
    CommentPageSize,
    MaxReplyDepth,
    CloseCommentsAfterDays,
}

/// <summary>
/// The settings an administrator saved in the app: one row, a column a setting. Null is a setting never saved (or
/// reset), whose value is the configuration's; an empty text is saved as empty (no tagline, no public address).
/// </summary>
public sealed class StoredSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string? Title { get; set; }
    public string? Tagline { get; set; }
    public string? FooterText { get; set; }
    public string? SiteUrl { get; set; }
    public int? CommentPageSize { get; set; }
    public int? MaxReplyDepth { get; set; }
    public int? CloseCommentsAfterDays { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public bool Has(SiteSetting setting) => setting switch
    {
        SiteSetting.Title => Title is not null,
        SiteSetting.Tagline => Tagline is not null,
        SiteSetting.FooterText => FooterText is not null,
        SiteSetting.SiteUrl => SiteUrl is not null,
        SiteSetting.CommentPageSize => CommentPageSize is not null,
        SiteSetting.MaxReplyDepth => MaxReplyDepth is not null,
        SiteSetting.CloseCommentsAfterDays => CloseCommentsAfterDays is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };

    /// <summary>Forgets one saved setting: the configuration's value applies again.</summary>
    public void Reset(SiteSetting setting)
    {
        switch (setting)
        {
            case SiteSetting.Title: Title = null; break;
            case SiteSetting.Tagline: Tagline = null; break;
            case SiteSetting.FooterText: FooterText = null; break;
            case SiteSetting.SiteUrl: SiteUrl = null; break;
            case SiteSetting.CommentPageSize: CommentPageSize = null; break;
            case SiteSetting.MaxReplyDepth: MaxReplyDepth = null; break;
            case SiteSetting.CloseCommentsAfterDays: CloseCommentsAfterDays = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting));
        }
    }

    /// <summary>Keeps what differs from the configuration, and nothing of what is the same: that follows the configuration.</summary>
    public void Save(SiteSettingsView chosen, SiteSettingsView configured)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(configured);
        Title = Differing(chosen.Title, configured.Title);
        Tagline = Differing(chosen.Tagline, configured.Tagline);
        FooterText = Differing(chosen.FooterText, configured.FooterText);
        SiteUrl = Differing(chosen.SiteUrl ?? "", configured.SiteUrl ?? "");
        CommentPageSize = chosen.CommentPageSize == configured.CommentPageSize ? null : chosen.CommentPageSize;
        MaxReplyDepth = chosen.MaxReplyDepth == configured.MaxReplyDepth ? null : chosen.MaxReplyDepth;
        CloseCommentsAfterDays = chosen.CloseCommentsAfterDays == configured.CloseCommentsAfterDays ? null : chosen.CloseCommentsAfterDays;
    }

    private static string? Differing(string chosen, string configured) => string.Equals(chosen, configured, StringComparison.Ordinal) ? null : chosen;

    /// <summary>The settings in force: each saved one, else the configuration's.</summary>
    public SiteSettingsView Over(SiteSettingsView configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return new SiteSettingsView(
            Title ?? configured.Title,
            Tagline ?? configured.Tagline,
            FooterText ?? configured.FooterText,
            SiteUrl is null ? configured.SiteUrl : SiteUrl.Length == 0 ? null : SiteUrl,
            CommentPageSize ?? configured.CommentPageSize,
            MaxReplyDepth ?? configured.MaxReplyDepth,
            CloseCommentsAfterDays ?? configured.CloseCommentsAfterDays);
    }
}

/// <summary>The site's settings in force. <see cref="SiteUrl"/> null: no public address, each request's own is used.</summary>
public sealed record SiteSettingsView(
    string Title, string Tagline, string FooterText, string? SiteUrl, int CommentPageSize, int MaxReplyDepth, int CloseCommentsAfterDays)
{
    /// <summary>The scheme, host and base path that name this site: the site's public address, else the request's.</summary>
    public (string Scheme, HostString Host, PathString PathBase) PublicAddress(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site)) return (request.Scheme, request.Host, request.PathBase);
        var name = site.HostNameType == UriHostNameType.IPv6 ? $"[{site.IdnHost}]" : site.IdnHost;
        var host = site.IsDefaultPort ? new HostString(name) : new HostString(name, site.Port);
        return (site.Scheme, host, PathString.FromUriComponent(site.AbsolutePath.TrimEnd('/')));
    }

    /// <summary>The site's root as a request sees it named (see <see cref="PublicAddress"/>), for absolute links.</summary>
    public string Root(HttpRequest request)
    {
        var (scheme, host, pathBase) = PublicAddress(request);
        return $"{scheme}://{host.ToUriComponent()}{pathBase.ToUriComponent()}";
    }

    /// <summary>A path of this site as an absolute address, for what leaves the site without a request (mail).</summary>
    public string Absolute(string path) =>
        ForumUrls.Absolute(SiteUrl ?? throw new InvalidOperationException("Absolute links need the site's public address (Pingback:SiteUrl or the settings page)."), path);

    /// <summary>Whether comments on a post published then are closed by age, now.</summary>
    public bool ClosedByAge(DateTime? publishedAt, DateTime now) => ClosesAt(publishedAt) < now;

    /// <summary>When comments on a post published then close by age; null when they never do.</summary>
    public DateTime? ClosesAt(DateTime? publishedAt) =>
        CloseCommentsAfterDays > 0 && publishedAt is { } published ? published.AddDays(CloseCommentsAfterDays) : null;

    /// <summary>The comment options with the page size and depth in force.</summary>
    public CommentOptions Comments(CommentOptions configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return configured.With(CommentPageSize, MaxReplyDepth);
    }
}

/// <summary>
/// The one reader of the site settings in force: what an administrator saved (kept in memory, see
/// <see cref="SavedSettings"/>), else the configuration's (<c>Site</c>, <c>Pingback:SiteUrl</c>,
/// <c>Comments:PageSize</c>, <c>Comments:MaxDepth</c>, <c>Moderation:CloseCommentsAfterDays</c>).
/// </summary>
public sealed class SiteSettings(
    ForumDb db, SavedSettings saved, IOptionsMonitor<SiteOptions> site, IOptionsMonitor<PingbackOptions> pingback,
    IOptionsMonitor<CommentOptions> comments, IOptionsMonitor<ModerationOptions> moderation)
{
    private SiteSettingsView? current;

    public SiteSettingsView Configured => new(
        site.CurrentValue.Title.Trim(),
        site.CurrentValue.Tagline?.Trim() ?? "",
        site.CurrentValue.FooterText?.Trim() ?? "",
        string.IsNullOrWhiteSpace(pingback.CurrentValue.SiteUrl) ? null : pingback.CurrentValue.SiteUrl.Trim(),
        comments.CurrentValue.PageSize,
        comments.CurrentValue.MaxDepth,
        moderation.CurrentValue.CloseCommentsAfterDays);

    /// <summary>Read once a request: a page and its layout see the same settings.</summary>
    public async Task<SiteSettingsView> CurrentAsync(CancellationToken ct) =>
        current ??= (await saved.GetAsync(db, ct))?.Over(Configured) ?? Configured;

    /// <summary>
    /// For the layout, which also frames the error page: when the database cannot be read (which may be the error
    /// being shown), the configuration's settings, so that the error page still shows.
    /// </summary>
    public async Task<SiteSettingsView> CurrentOrConfiguredAsync(CancellationToken ct)
    {
        try
        {
            return await CurrentAsync(ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return Configured;
        }
    }

    /// <summary>The comment options in force: the configuration's, with the saved page size and depth.</summary>
    public async Task<CommentOptions> CommentsAsync(CancellationToken ct) => (await CurrentAsync(ct)).Comments(comments.CurrentValue);

    /// <summary>After the saved settings change: this instance uses them from its next request.</summary>
    public void Forget()
    {
        saved.Forget();
        current = null;
    }
}

/// <summary>The administrator's saved settings, kept in memory (see <see cref="SavedInMemory{T}"/>).</summary>
public sealed class SavedSettings(TimeProvider clock) : SavedInMemory<StoredSettings>(clock)
{
    public Task<StoredSettings?> GetAsync(ForumDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return GetAsync(() => db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == StoredSettings.SingletonId, ct));
    }
}

public static class SiteSettingsSetup
{
    public static WebApplicationBuilder AddSiteSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SavedSettings>();
        builder.Services.AddSingleton<ISavedInMemory>(s => s.GetRequiredService<SavedSettings>());
        builder.Services.AddScoped<SiteSettings>();
        return builder;
    }
}

/// <summary>What a setting may be; the settings page says so next to the field, and nothing is saved while one is wrong.</summary>
public static class SiteSettingsRules
{
    public const int MaxTitle = 100;
    public const int MaxTagline = 200;
    public const int MaxFooter = 500;
    public const int MaxSiteUrl = 300;
    public const int MaxCommentPageSize = 500;

    /// <summary>The levels a thread may have: one (no replies) to twenty (as Comments:MaxDepth allows).</summary>
    public const int MaxReplyDepth = 20;

    public const int MaxCloseDays = 36_500;

    public static IEnumerable<(SiteSetting Setting, string Message)> Problems(SiteSettingsView chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        if (chosen.Title.Length == 0) yield return (SiteSetting.Title, Strings.Get("Admin.Settings.Problem.NoTitle"));
        else if (chosen.Title.Length > MaxTitle) yield return (SiteSetting.Title, Strings.Format("Admin.Settings.Problem.TitleLength", MaxTitle));
        if (chosen.Tagline.Length > MaxTagline) yield return (SiteSetting.Tagline, Strings.Format("Admin.Settings.Problem.TaglineLength", MaxTagline));
        if (chosen.FooterText.Length > MaxFooter) yield return (SiteSetting.FooterText, Strings.Format("Admin.Settings.Problem.FooterLength", MaxFooter));
        if (chosen.SiteUrl is { } url && AddressProblem(url) is { } problem) yield return (SiteSetting.SiteUrl, problem);
        if (chosen.CommentPageSize is < 0 or > MaxCommentPageSize)
        {
            yield return (SiteSetting.CommentPageSize, Strings.Format("Admin.Settings.Problem.PageSize", MaxCommentPageSize));
        }
        if (chosen.MaxReplyDepth is < 1 or > MaxReplyDepth)
        {
            yield return (SiteSetting.MaxReplyDepth, Strings.Format("Admin.Settings.Problem.Depth", MaxReplyDepth));
        }
        if (chosen.CloseCommentsAfterDays is < 0 or > MaxCloseDays)
        {
            yield return (SiteSetting.CloseCommentsAfterDays, Strings.Format("Admin.Settings.Problem.CloseDays", MaxCloseDays));
        }
    }

    /// <summary>Why this cannot be the site's public address, or null: an absolute http or https address, with no user or password, query or fragment.</summary>
    public static string? AddressProblem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > MaxSiteUrl) return Strings.Format("Admin.Settings.Problem.AddressLength", MaxSiteUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https") || site.Host.Length == 0)
        {
            return Strings.Get("Admin.Settings.Problem.AddressWhole");
        }
        if (site.UserInfo.Length > 0) return Strings.Get("Admin.Settings.Problem.AddressUser");
        if (site.Query.Length > 0 || site.Fragment.Length > 0) return Strings.Get("Admin.Settings.Problem.AddressQuery");
        return null;
    }
}
