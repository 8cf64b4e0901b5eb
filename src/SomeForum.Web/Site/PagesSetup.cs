using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

using SomeForum.Web.Accounts;

namespace SomeForum.Web.Site;

public static class PagesSetup
{
    /// <summary>
    /// Pages live in their feature folders (Posts/, Comments/, …), each with its route in its @page line.
    /// </summary>
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // The server's name and version help nobody but someone looking for a known flaw.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        // Outside Development the host ignores the build's static web assets manifest, so an app run from its
        // build output (not a publish folder) answered the precompressed stylesheet and script with 200 and
        // 0 bytes: the .gz files the endpoints name live in obj/, which only the manifest maps. A published app
        // has no manifest (its wwwroot holds every file), and this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        // That manifest also switches on a development handler that re-serves edited wwwroot files uncompressed
        // and uncached; outside Development the files are served as built: precompressed, fingerprinted, immutable.
        if (!builder.Environment.IsDevelopment() && builder.Configuration["ReloadStaticAssetsAtRuntime"] is null)
        {
            builder.Configuration.AddInMemoryCollection([new("ReloadStaticAssetsAtRuntime", "false")]);
        }
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new FormLimitsFilter());
            options.RootDirectory = "/";
            // Every moderation page and handler, GET and POST alike, needs the role.
            options.Conventions.AuthorizeFolder("/Moderation", Policies.Moderate);
            options.Conventions.AuthorizePage("/Moderation/Log", Policies.Administer);
            options.Conventions.AuthorizePage("/Moderation/Rules", Policies.Administer);
            options.Conventions.AuthorizeFolder("/Admin", Policies.Administer);
        })
        // A validation attribute's ErrorMessage is a key of the one resource file (Site/Strings.resx).
        .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Strings)))
        // MVC's own words for a value it cannot bind (letters in a number field), in the reader's language; shown at
        // the field, so they do not name it (MVC's would name the property, "CommentPageSize").
        .AddMvcOptions(options =>
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => Strings.Format("Binding.NotValid", value));
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Strings.Format("Binding.NotValid", value));
            messages.SetValueIsInvalidAccessor(value => Strings.Format("Binding.NotValid", value));
            messages.SetValueMustNotBeNullAccessor(value => Strings.Format("Binding.NotValid", value));
            messages.SetUnknownValueIsInvalidAccessor(_ => Strings.Get("Binding.Invalid"));
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Strings.Get("Binding.Invalid"));
            messages.SetValueMustBeANumberAccessor(_ => Strings.Get("Binding.Number"));
            messages.SetNonPropertyValueMustBeANumberAccessor(() => Strings.Get("Binding.Number"));
            messages.SetMissingBindRequiredValueAccessor(_ => Strings.Get("Binding.Required"));
            messages.SetMissingKeyOrValueAccessor(() => Strings.Get("Binding.Required"));
            messages.SetMissingRequestBodyRequiredValueAccessor(() => Strings.Get("Binding.Required"));
        });
        // Curly quotes, dashes and emoji go out as themselves; only what HTML gives meaning to is encoded.
        builder.Services.Configure<WebEncoderOptions>(options =>
            options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseForumPages(this WebApplication app)
    {
        // First, so error pages too are in the reader's language.
        app.UseLanguages();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(SecurityHeaders);
        app.UseWordPressLinks();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseReaderCache();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapLanguageSwitch();
        return app;
    }

    /// <summary>
    /// Every script and style is a file of our own, so the policy can forbid everything else:
    /// text a commenter smuggled past the sanitizer still could not run.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; " +
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        return next();
    }
}
