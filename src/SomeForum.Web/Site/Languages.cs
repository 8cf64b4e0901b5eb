using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace SomeForum.Web.Site;

/// <summary>
/// The interface's languages. A reader's language is the one they chose with the switch on every page (a cookie),
/// else the first of their browser's Accept-Language that the forum speaks, else English. Feeds and pingback answers
/// stay in English whatever the request says; mails are in their recipient's language (see Notifications/MailLanguage).
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string German = "de";

    /// <summary>Every language the forum ships complete, in the order the switch shows them; the first is the default.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, German];

    /// <summary>The cookie the switch sets: it says nothing of the reader but their language (the page cache varies by it).</summary>
    public static string Cookie => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>Each language's name in itself, as the switch shows it.</summary>
    public static string NativeName(string language) => language switch
    {
        German => "Deutsch",
        _ => "English",
    };

    public static WebApplicationBuilder AddLanguages(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // "de-AT" or "de-CH" in Accept-Language reads German.
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The switch's cookie first, then the browser's languages; no query string: a link must not change the page a cache keeps.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>
    /// The switch: a plain link (it works without script and on a cached page, which carries no token) that keeps the
    /// choice in a cookie and goes back to the page it came from. Only a path of this site is gone back to.
    /// </summary>
    public static WebApplication MapLanguageSwitch(this WebApplication app)
    {
        app.MapGet(ForumUrls.LanguageRoute, (string language, string? returnUrl, HttpContext http) =>
        {
            if (!Supported.Contains(language, StringComparer.Ordinal)) return Results.NotFound();
            http.Response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
            });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });
        return app;
    }

    /// <summary>A path on this site: "/x", never "//host" or "/\host", which browsers read as another site.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
