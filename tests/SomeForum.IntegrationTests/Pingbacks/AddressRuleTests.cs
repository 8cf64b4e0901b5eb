using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Pingbacks;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// With Pingback:AllowPrivateAddresses off (the default), a source on a non-public address is
/// refused with fault 16 however it is named: as an address, as a name that resolves there, or
/// behind a redirect. Nothing here touches a network: every address tried is either loopback or
/// refused before a socket is opened.
/// </summary>
public sealed class AddressRuleTests(AddressRuleTests.Sites sites) : IClassFixture<AddressRuleTests.Sites>
{
    /// <summary>
    /// The forum with the address rule on, except that 127.0.0.2 plays the part of a public web
    /// server: the only way to test, without a network, that a public page's redirect to a private
    /// address is caught. Every other address goes through the real rule.
    /// </summary>
    public sealed class GuardedForum : ForumFactory
    {
        public static readonly IPAddress StandInPublicAddress = IPAddress.Parse("127.0.0.2");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pingback:RateLimitPerMinute", "10000");
            builder.ConfigureTestServices(services => services.AddSingleton<SourceAddressPolicy, StandInPolicy>());
        }

        private sealed class StandInPolicy(IOptionsMonitor<PingbackOptions> options) : SourceAddressPolicy(options)
        {
            public override bool IsAllowed(IPAddress address) => address.Equals(StandInPublicAddress) || base.IsAllowed(address);
        }
    }

    public sealed class Sites : IAsyncLifetime
    {
        public GuardedForum Forum { get; } = new();
        public SourceSite V4 { get; private set; } = null!;
        public SourceSite V6 { get; private set; } = null!;
        public SourceSite StandInPublic { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            V4 = await SourceSite.StartAsync("127.0.0.1");
            V6 = await SourceSite.StartAsync("::1");
            StandInPublic = await SourceSite.StartAsync(GuardedForum.StandInPublicAddress.ToString());
        }

        public async Task DisposeAsync()
        {
            await V4.DisposeAsync();
            await V6.DisposeAsync();
            await StandInPublic.DisposeAsync();
            await Forum.DisposeAsync();
        }
    }

    private HttpClient Client => sites.Forum.CreateClient();

    [Theory]
    [InlineData("v4")]
    [InlineData("v6")]
    [InlineData("localhost")]
    [InlineData("v4-mapped")]
    public async Task ALoopbackSourceIsRefusedAndNeverContacted(string naming)
    {
        var v4 = sites.V4.LinkingPage("/loopback", Pinger.Target());
        var v6 = sites.V6.LinkingPage("/loopback", Pinger.Target());
        var source = naming switch
        {
            "v4" => v4,
            "v6" => v6,
            "localhost" => new Uri($"http://localhost:{v4.Port}/loopback"),
            _ => new Uri($"http://[::ffff:127.0.0.1]:{v4.Port}/loopback"),
        };

        var answer = await Client.PingAsync(source);

        Assert.Equal(16, answer.FaultCode);
        Assert.Equal("The sourceURI does not exist or could not be fetched.", answer.FaultString);
        Assert.Empty(sites.V4.Requests);
        Assert.Empty(sites.V6.Requests);
    }

    [Theory]
    [InlineData("http://10.0.0.1/post")]
    [InlineData("http://192.168.1.1/post")]
    [InlineData("http://172.16.0.1:8080/post")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/post")]
    [InlineData("http://0.0.0.0/post")]
    [InlineData("http://224.0.0.1/post")]
    [InlineData("http://[fe80::1]/post")]
    [InlineData("http://[fc00::1]/post")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://2130706433/post")]
    [InlineData("http://0x7f.1/post")]
    public async Task APrivateSourceIsRefusedBeforeAnyConnection(string source)
    {
        var answer = await Client.PingAsync(source, Pinger.Target());

        Assert.Equal(16, answer.FaultCode);
        Assert.Equal("The sourceURI does not exist or could not be fetched.", answer.FaultString);
    }

    [Fact]
    public async Task ThePublicStandInIsFetched()
    {
        // The control for the redirect tests below: the stand-in really is reachable and accepted.
        var page = sites.StandInPublic.LinkingPage("/direct", Pinger.Target());
        Assert.Null((await Client.PingAsync(page)).FaultCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task ARedirectFromAPublicPageToLoopbackIsRefused(string host)
    {
        var target = Pinger.Target();
        var inside = host == "[::1]" ? sites.V6.LinkingPage("/inside", target) : sites.V4.LinkingPage("/inside", target);
        var hidden = new Uri($"http://{host}:{inside.Port}/inside");
        var redirect = sites.StandInPublic.Redirect($"/redirect-to-{host.Trim('[', ']')}", hidden);

        var answer = await Client.PingAsync(redirect);

        Assert.Equal(16, answer.FaultCode);
        Assert.Single(sites.StandInPublic.Requests, r => r.PathAndQuery == redirect.PathAndQuery);
        Assert.Empty(sites.V4.Requests);
        Assert.Empty(sites.V6.Requests);
    }

    [Fact]
    public async Task AWebmentionFromLoopbackIsAcceptedButNeverFetched()
    {
        var source = sites.V4.LinkingPage("/webmention-loopback", Pinger.Target());

        using var response = await Client.SendWebmentionAsync(source.ToString(), Pinger.Target());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var processed = Assert.Single(await Pinger.ProcessedAsync(sites.Forum, source));

        Assert.Equal(WebmentionState.Failed, processed.State);
        Assert.Empty(sites.V4.Requests);
    }
}
