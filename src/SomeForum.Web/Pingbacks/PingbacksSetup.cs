using Microsoft.AspNetCore.Mvc;
using SomeForum.Web.Data;
using SomeForum.Web.Hosting;

namespace SomeForum.Web.Pingbacks;

public static class PingbacksSetup
{
    public static WebApplicationBuilder AddPingbacks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PingbackOptions>().BindConfiguration(PingbackOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.CallTimeoutSeconds > o.FetchTimeoutSeconds,
                "Pingback:CallTimeoutSeconds must be longer than Pingback:FetchTimeoutSeconds, or a slow source would use up the whole call.")
            .ValidateOnStart();

        builder.Services.AddSingleton<SourceAddressPolicy>();
        builder.Services.AddHttpClient<SourceFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => SourceFetcher.CreateHandler(services.GetRequiredService<SourceAddressPolicy>()))
            // Our own log line says what each fetch found; the per-request lines would only repeat it.
            .RemoveAllLoggers();
        if (DatabaseOptions.From(builder.Configuration).Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddScoped<IPingbackRateLimiter, SharedPingbackRateLimiter>();
        }
        else
        {
            builder.Services.AddSingleton<PingbackRateLimiter>();
            builder.Services.AddSingleton<IPingbackRateLimiter>(services => services.GetRequiredService<PingbackRateLimiter>());
        }
        builder.Services.AddScoped<MentionVerifier>();
        builder.Services.AddScoped<PingbackTargets>();
        builder.Services.AddScoped<MentionIntake>();
        builder.Services.AddScoped<PingbackReceiver>();
        builder.Services.AddScoped<WebmentionProcessor>();
        builder.Services.AddSingleton<WorkSignal<WebmentionWorker>>();
        builder.Services.AddSingleton<SourceHostTurns>();
        builder.Services.AddHostedService<WebmentionWorker>();

        builder.Services.AddScoped<PingbackDiscovery>();
        builder.Services.AddScoped<PingbackDiscoveryFilter>();
        builder.Services.Configure<MvcOptions>(options => options.Filters.AddService<PingbackDiscoveryFilter>());
        return builder;
    }

    public static WebApplication MapPingbacks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Map(XmlRpcEndpoint.Path, XmlRpcEndpoint.HandleAsync);
        app.Map(WebmentionEndpoint.Path, WebmentionEndpoint.HandleAsync);
        return app;
    }
}
