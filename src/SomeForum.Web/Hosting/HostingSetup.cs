using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SomeForum.Web.Hosting;

/// <summary>What the app needs to sit behind a reverse proxy or a load balancer: whose forwarded headers to believe, and the health probe.</summary>
public static class HostingSetup
{
    public const string HealthPath = "/healthz";

    // A balancer waits a few seconds for an answer; a database that takes longer is as good as down.
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .ValidateDataAnnotations()
            // A single value where a list belongs would bind to nothing, and trust nobody without a word.
            .Validate<IConfiguration>((_, configuration) => IsList(configuration, nameof(ProxyOptions.KnownProxies)),
                "ForwardedHeaders:KnownProxies is a list: set ForwardedHeaders:KnownProxies:0, :1, … (ForwardedHeaders__KnownProxies__0 in the environment).")
            .Validate<IConfiguration>((_, configuration) => IsList(configuration, nameof(ProxyOptions.KnownNetworks)),
                "ForwardedHeaders:KnownNetworks is a list: set ForwardedHeaders:KnownNetworks:0, :1, … (ForwardedHeaders__KnownNetworks__0 in the environment).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            // Not X-Forwarded-Host: the proxy passes the Host header itself, and Pingback:SiteUrl names the site's public
            // address; a forwarded host would only let whoever sets it choose what our absolute links point at.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback out of the box; here only the proxies the owner names are trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.Proxies()) forwarded.KnownProxies.Add(proxy);
            foreach (var network in proxies.Value.Networks()) forwarded.KnownIPNetworks.Add(network);
            // Hops are undone from the right while the address they came from is a known proxy, so a chain (a CDN, then
            // nginx) works when each is named, and what a client wrote at the left of the header is never reached.
            forwarded.ForwardLimit = null;
        });
        // A year, subdomains left alone: the owner may serve other things there over plain HTTP.
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // One line a request (method, path without its query, status, time taken, client), written only when the
        // category Microsoft.AspNetCore.HttpLogging logs at Information: off by default, the middleware then costs one check.
        // The query is left out: confirmation and unsubscribe links carry their token there.
        builder.Services.AddHttpLogging(log =>
        {
            log.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            log.CombineLogs = true;
        });
        builder.Services.AddHttpLoggingInterceptor<ClientInRequestLog>();
        builder.Services.AddSingleton<MigrationsCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [], HealthTimeout)
            .AddCheck<WebmentionQueueHealthCheck>("webmentions", HealthStatus.Degraded, [], HealthTimeout);
        return builder;
    }

    /// <summary>
    /// The status, then "check: reason" for each check that is not healthy. A check that threw gives its name only:
    /// an exception's message (a connection string's host, a path) is for the log, not for whoever can reach the probe.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var text = new System.Text.StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Exception is null ? entry.Description ?? entry.Status.ToString() : "failed (see the log)");
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }

    /// <summary>Goes first in the pipeline.</summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        // First, so the flood check, the stored IP, the rate limits and Request.Scheme (Secure cookies, absolute links)
        // all see the client. With no proxy named the middleware is left out: with empty lists it would believe anyone.
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustsAny) app.UseForwardedHeaders();
        // Before every other middleware, so the probe's answer carries no cookie, no error page and nothing from the
        // page cache; the health check middleware itself marks it no-store and answers 200 "Healthy" or "Degraded",
        // or 503 "Unhealthy", with a line for each check that is not healthy.
        app.UseHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        // After the probe (a balancer's every few seconds would drown the log) and before the page cache, so pages
        // served from it are logged too.
        app.UseHttpLogging();
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS answers (as the proxy reports them), so a browser that once reached the site securely
            // never asks for it over plain HTTP again. Redirecting plain HTTP needs the public HTTPS port
            // (`https_port`, ASPNETCORE_HTTPS_PORT); without it the app does not guess.
            app.UseHsts();
            if (!string.IsNullOrEmpty(app.Configuration["https_port"])) app.UseHttpsRedirection();
        }
        return app;
    }

    // Empty is no value: the test host gives a section that has only children an empty one.
    private static bool IsList(IConfiguration configuration, string key) =>
        string.IsNullOrEmpty(configuration.GetSection($"{ProxyOptions.Section}:{key}").Value);
}
