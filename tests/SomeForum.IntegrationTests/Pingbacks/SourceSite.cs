using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// Somebody else's web site: a real Kestrel server on a loopback address and a free port, serving
/// whatever pages a test puts on it, and remembering every request it got.
/// </summary>
public sealed class SourceSite : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);

    private SourceSite(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public sealed record SeenRequest(string Method, string PathAndQuery, string UserAgent, string? ForwardedFor);

    public static async Task<SourceSite> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(address), 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        SourceSite? site = null;
        app.Run(context => site!.HandleAsync(context));
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        site = new SourceSite(app, new Uri($"http://{(address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address)}:{bound.Port}/"));
        return site;
    }

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue(new SeenRequest(request.Method, request.Path + request.QueryString, request.Headers.UserAgent.ToString(),
            request.Headers.TryGetValue("X-Pingback-Forwarded-For", out var forwarded) ? forwarded.ToString() : null));
        if (routes.TryGetValue(request.Path.Value ?? "/", out var handler)) return handler(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsync("<!DOCTYPE html><title>Not found</title><p>Nothing here.</p>");
    }

    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>Serves a handler at a path, and gives the page's absolute URL.</summary>
    public Uri Map(string path, RequestDelegate handler)
    {
        routes[path] = handler;
        return Url(path);
    }

    public Uri Page(string path, string html, string contentType = "text/html; charset=utf-8", int status = StatusCodes.Status200OK) =>
        Map(path, async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html));
        });

    /// <summary>An ordinary blog post that links to <paramref name="target"/> in its text.</summary>
    public Uri LinkingPage(string path, string target, string title = "A post that links") =>
        Page(path, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
            <body><article><h1>{title}</h1>
            <p>Before the link. As <a href="{target}">this forum post</a> argues, after the link.</p>
            </article></body></html>
            """);

    public Uri Redirect(string path, Uri to, int status = StatusCodes.Status302Found) =>
        Map(path, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = to.ToString();
            return Task.CompletedTask;
        });

    public int CountOf(string path) => Requests.Count(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}
