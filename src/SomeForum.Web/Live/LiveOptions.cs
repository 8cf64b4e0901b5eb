using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Live;

/// <summary><c>Live</c>: the notice a post's open page gets when comments are published (see <see cref="LiveStreams"/>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    public bool Enabled { get; set; } = true;

    /// <summary>Streams this instance keeps open at once; one more is answered 503 and its script tries again later.</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 200;

    /// <summary>
    /// A comment line sent on a quiet stream this often, so that proxies (nginx's proxy_read_timeout is 30 s) and
    /// routers do not close it, and a reader who left is noticed.
    /// </summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 25;

    /// <summary>How long a browser waits before opening a stream again once it ended (an instance stopping, a proxy's limit).</summary>
    [Range(1, 3600)]
    public int ReconnectSeconds { get; set; } = 10;

    /// <summary>What a refused stream is told to wait (Retry-After) before asking again.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 60;

    public static LiveOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<LiveOptions>() ?? new LiveOptions();
}
