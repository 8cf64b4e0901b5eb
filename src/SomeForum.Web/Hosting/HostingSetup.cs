using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SomeForum.Web.Hosting;

/// <summary>What the app needs to sit behind a load balancer: the health probe.</summary>
public static class HostingSetup
{
    public const string HealthPath = "/healthz";

    // A balancer waits a few seconds for an answer; a database that takes longer is as good as down.
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [], HealthTimeout);
        return builder;
    }

    /// <summary>Goes first in the pipeline.</summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        // Before every other middleware, so the probe's answer carries no cookie, no error page and nothing from the
        // page cache; the health check middleware itself marks it no-store and answers 200 "Healthy" or 503 "Unhealthy".
        app.UseHealthChecks(HealthPath);
        return app;
    }
}
