using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Pingbacks;

/// <summary>The pingback and webmention receiver: the site-wide switch and the limits of the source fetch.</summary>
public sealed class PingbackOptions
{
    public const string Section = "Pingback";

    /// <summary>
    /// The site's public address (e.g. https://forum.example.org): the configuration's value of a site setting
    /// (Site/SiteSettings.cs, which every use reads). When set, it, and not the Host header of each request, says
    /// which URLs are our posts and what the pages advertise; set it in production.
    /// </summary>
    [Url]
    public string? SiteUrl { get; set; }

    /// <summary>Site-wide switch: when false, no post advertises and every ping is refused (each post has its own switch too).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Lifts the rule that a source must be on a public address (loopback, private, link-local…),
    /// and nothing else: for local testing and intranets only.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Pings and webmentions a minute, counted separately per source host and per caller.</summary>
    [Range(1, 100_000)]
    public int RateLimitPerMinute { get; set; } = 10;

    /// <summary>The whole source fetch, headers and body and redirects, must end within this.</summary>
    [Range(1, 60)]
    public int FetchTimeoutSeconds { get; set; } = 5;

    /// <summary>At most this much of the source is read, counted after decompression.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxSourceBytes { get; set; } = 1024 * 1024;

    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>The whole pingback.ping call, fetch included, ends within this.</summary>
    [Range(2, 120)]
    public int CallTimeoutSeconds { get; set; } = 8;

    /// <summary>XML-RPC and webmention request bodies larger than this are refused before they are parsed.</summary>
    [Range(1_024, 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Whether the background service verifies queued webmentions; false leaves them queued (for maintenance, and tests).</summary>
    public bool ProcessWebmentions { get; set; } = true;

    /// <summary>How often the webmention worker looks at the queue when nothing woke it.</summary>
    [Range(1, 3_600)]
    public int QueuePollSeconds { get; set; } = 30;

    /// <summary>
    /// How many queued webmentions an instance verifies at once (each from a different source host): a few stalled
    /// sources then hold up a few lanes for one timeout, not the queue.
    /// </summary>
    [Range(1, 32)]
    public int WebmentionConcurrency { get; set; } = 4;

    /// <summary>Tries of a webmention whose source could not be reached before it is given up.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;
}
