using System.Net;
using System.Text;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>/xmlrpc over HTTP: POST only, and every protocol error an XML-RPC fault in a 200 text/xml answer.</summary>
public sealed class XmlRpcEndpointTests(PingbackFixture fixture) : IClassFixture<PingbackFixture>
{
    private readonly HttpClient client = fixture.Client;

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task AnythingButPostIs405WithAllowPost(string method)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri("/xmlrpc", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("this is not XML", -32700)]
    [InlineData("<methodCall><methodName>pingback.ping</methodName>", -32700)]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><methodCall><methodName>&b;</methodName></methodCall>", -32700)]
    [InlineData("<html><body>hello</body></html>", -32600)]
    [InlineData("<methodCall><params/></methodCall>", -32600)]
    [InlineData("<methodCall><methodName>system.multicall</methodName><params><param><value><array><data/></array></value></param></params></methodCall>", -32601)]
    [InlineData("<methodCall><methodName>system.listMethods</methodName></methodCall>", -32601)]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value>http://a.example/</value></param></params></methodCall>", -32602)]
    [InlineData("<methodCall><methodName>pingback.ping</methodName><params><param><value><int>1</int></value></param><param><value>b</value></param></params></methodCall>", -32602)]
    public async Task ProtocolErrorsAreFaultsNotErrorPages(string body, int faultCode)
    {
        var answer = await client.PostXmlRpcAsync(body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("text/xml", answer.ContentType);
        Assert.Equal(faultCode, answer.FaultCode);
    }

    [Fact]
    public async Task AnEmptyBodyIsAParseFault()
    {
        using var response = await client.PostAsync(new Uri("/xmlrpc", UriKind.Relative), new ByteArrayContent([]));
        var answer = await Pinger.ReadAsync(response);
        Assert.Equal((HttpStatusCode.OK, -32700), (answer.Status, answer.FaultCode));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOver64KilobytesIsRefusedBeforeParsing(bool saysItsLength)
    {
        var padding = new string(' ', 64 * 1024);
        var body = Encoding.UTF8.GetBytes(Pinger.Call("pingback.ping", "http://a.example/", Pinger.Target()).Replace("<methodCall>", "<methodCall>" + padding, StringComparison.Ordinal));
        HttpContent content = saysItsLength ? new ByteArrayContent(body) : new StreamContent(new UnsizedStream(body));
        content.Headers.ContentType = new("text/xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/xmlrpc", UriKind.Relative)) { Content = content };
        request.Headers.Add(TestClientAddress.Header, "198.51.100.40");
        using var response = await client.SendAsync(request);
        var answer = await Pinger.ReadAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(-32300, answer.FaultCode);
    }

    [Fact]
    public async Task ABodyJustUnderTheLimitIsRead()
    {
        var call = Pinger.Call("pingback.ping", "http://a.example/", "http://localhost/");
        var padded = call.Replace("<methodCall>", "<methodCall>" + new string(' ', 64 * 1024 - Encoding.UTF8.GetByteCount(call) - 10), StringComparison.Ordinal);
        Assert.Equal(33, (await client.PostXmlRpcAsync(padded)).FaultCode);
    }

    /// <summary>A body that does not say its length, so the server must count as it reads.</summary>
    private sealed class UnsizedStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
