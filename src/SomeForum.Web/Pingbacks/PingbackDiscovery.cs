using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Pingbacks;

/// <summary>The absolute addresses of our two endpoints, as a post page advertises them.</summary>
public sealed record DiscoveryLinks(string Pingback, string Webmention);

/// <summary>
/// Whether the page being rendered advertises the endpoints: set by <see cref="PingbackDiscoveryFilter"/>
/// for a post that takes pingbacks, read by the page's head (Pingbacks/_Discovery.cshtml), so header and
/// element always agree.
/// </summary>
public sealed class PingbackDiscovery
{
    public DiscoveryLinks? Links { get; private set; }

    public void Advertise(HttpContext context, Site.SiteSettingsView site)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        var (scheme, host, pathBase) = site.PublicAddress(context.Request);
        Links = new DiscoveryLinks(
            UriHelper.BuildAbsolute(scheme, host, pathBase, XmlRpcEndpoint.Path),
            UriHelper.BuildAbsolute(scheme, host, pathBase, WebmentionEndpoint.Path));
        // Set, not appended: the specification allows one X-Pingback header, and it must be absolute.
        context.Response.Headers["X-Pingback"] = Links.Pingback;
        context.Response.Headers.Append("Link", $"<{Links.Webmention}>; rel=\"webmention\"");
    }
}

/// <summary>Advertises on published post pages only, and only when pingbacks are on site-wide and for that post.</summary>
public sealed class PingbackDiscoveryFilter(IOptionsMonitor<PingbackOptions> options, Site.SiteSettings settings, PingbackDiscovery discovery) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (options.CurrentValue.Enabled && executed.Result is PageResult && executed.HandlerInstance is PostModel { Post.TakesPingbacks: true })
        {
            discovery.Advertise(executed.HttpContext, await settings.CurrentAsync(executed.HttpContext.RequestAborted));
        }
    }
}
