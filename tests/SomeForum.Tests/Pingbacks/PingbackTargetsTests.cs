using Microsoft.AspNetCore.Http;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Tests.Pingbacks;

/// <summary>Whether a target URL names this site, as the host the ping was sent to says.</summary>
public sealed class PingbackTargetsTests
{
    [Theory]
    [InlineData("https://forum.example/posts/x", "forum.example", true)]
    [InlineData("http://forum.example/posts/x", "forum.example", true)]
    [InlineData("https://FORUM.example/posts/x", "forum.example", true)]
    [InlineData("http://127.0.0.1:5077/posts/x", "127.0.0.1:5077", true)]
    [InlineData("http://[::1]:5077/posts/x", "[::1]:5077", true)]
    [InlineData("http://127.0.0.1:5078/posts/x", "127.0.0.1:5077", false)]
    [InlineData("http://127.0.0.1/posts/x", "127.0.0.1:5077", false)]
    [InlineData("https://forum.example:8443/posts/x", "forum.example", false)]
    [InlineData("https://other.example/posts/x", "forum.example", false)]
    [InlineData("https://forum.example.evil.example/posts/x", "forum.example", false)]
    [InlineData("ftp://forum.example/posts/x", "forum.example", false)]
    public void IsOurs_ComparesHostAndPort(string target, string host, bool ours) =>
        Assert.Equal(ours, PingbackTargets.IsOurs(new Uri(target), new HostString(host)));
}
