using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Pingbacks;

/// <summary>Who sent a ping, and the host and base path it was sent to (which name our own pages).</summary>
public sealed record PingCaller(HostString Host, PathString PathBase, string? Ip, string? UserAgent)
{
    public static PingCaller From(HttpContext context, Site.SiteSettingsView site)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        var ip = context.Connection.RemoteIpAddress;
        var (_, host, pathBase) = site.PublicAddress(context.Request);
        return new PingCaller(host, pathBase,
            ip is null ? null : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(),
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);
    }

    public string Name => Ip ?? "unknown";
}

public enum TargetVerdict
{
    /// <summary>A published post that takes pingbacks and webmentions.</summary>
    Post,
    /// <summary>Not on this site: another host, another scheme.</summary>
    NotOurs,
    /// <summary>On this site but not a post's address (the home page, a listing).</summary>
    NotAPost,
    /// <summary>Shaped like a post's address, but there is no such published post.</summary>
    NoSuchPost,
    /// <summary>A post whose pingbacks are off, or pingbacks are off site-wide.</summary>
    Closed,
}

public sealed record TargetCheck(TargetVerdict Verdict, long PostId = 0);

/// <summary>Decides whether a target URL is one of our posts that takes pingbacks: the cheap check, before any fetch.</summary>
public sealed class PingbackTargets(ForumDb db, IOptionsMonitor<PingbackOptions> options)
{
    public async Task<TargetCheck> CheckAsync(Uri target, PingCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(caller);
        if (!IsOurs(target, caller.Host)) return new TargetCheck(TargetVerdict.NotOurs);

        var path = target.AbsolutePath;
        var pathBase = caller.PathBase.Value ?? "";
        if (pathBase.Length > 0)
        {
            if (!path.StartsWith(pathBase + "/", StringComparison.OrdinalIgnoreCase)) return new TargetCheck(TargetVerdict.NotAPost);
            path = path[pathBase.Length..];
        }
        if (Site.ForumUrls.SlugOf(path) is not { } slug) return new TargetCheck(TargetVerdict.NotAPost);

        var post = await db.Posts.AsNoTracking()
            .Where(p => p.Slug == slug && p.Status == PostStatus.Published)
            .Select(p => new { p.Id, p.PingbacksOpen })
            .SingleOrDefaultAsync(ct);
        if (post is null) return new TargetCheck(TargetVerdict.NoSuchPost);
        return options.CurrentValue.Enabled && post.PingbacksOpen ? new TargetCheck(TargetVerdict.Post, post.Id) : new TargetCheck(TargetVerdict.Closed, post.Id);
    }

    /// <summary>
    /// The host the call came to is ours. Behind a proxy that ends TLS we may see http where the
    /// sender saw https, so either scheme is taken when the host names no port of its own.
    /// </summary>
    public static bool IsOurs(Uri target, HostString host)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Scheme is not ("http" or "https") || !host.HasValue) return false;
        if (!string.Equals(target.IdnHost.Trim('[', ']'), host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)) return false;
        return host.Port is { } port ? target.Port == port : target.IsDefaultPort;
    }
}
