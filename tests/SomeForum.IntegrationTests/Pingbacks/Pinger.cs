using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Pingbacks;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>What came back from /xmlrpc: the HTTP status and type, and either the result string or the fault.</summary>
public sealed record PingAnswer(HttpStatusCode Status, string? ContentType, string Body, string? Result, int? FaultCode, string? FaultString)
{
    public override string ToString() => FaultCode is { } code ? $"fault {code}: {FaultString}" : $"result: {Result}";
}

/// <summary>An XML-RPC client of the plainest kind, as a blog engine's pinger would be.</summary>
public static class Pinger
{
    public const string SeedPost = "/posts/some-so-far-so-what";

    /// <summary>The seed post as the test server names it.</summary>
    public static string Target(string path = SeedPost) => "http://localhost" + path;

    public static string Call(string method, params string[] parameters) =>
        "<?xml version=\"1.0\"?>\n" + new XElement("methodCall",
            new XElement("methodName", method),
            new XElement("params", parameters.Select(p => new XElement("param", new XElement("value", new XElement("string", p)))))).ToString();

    public static Task<PingAnswer> PingAsync(this HttpClient client, Uri source, string? target = null, string caller = "198.51.100.20") =>
        client.PingAsync(source.ToString(), target ?? Target(), caller);

    public static Task<PingAnswer> PingAsync(this HttpClient client, string source, string target, string caller = "198.51.100.20") =>
        client.PostXmlRpcAsync(Call("pingback.ping", source, target), caller);

    public static async Task<PingAnswer> PostXmlRpcAsync(this HttpClient client, string body, string caller = "198.51.100.20")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/xmlrpc", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add(TestClientAddress.Header, caller);
        using var response = await client.SendAsync(request);
        return await ReadAsync(response);
    }

    public static async Task<PingAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type != "text/xml") return new PingAnswer(response.StatusCode, type, text, null, null, null);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal("methodResponse", root.Name.LocalName);
        if (root.Element("fault") is { } fault)
        {
            var members = fault.Descendants("member").ToDictionary(m => m.Element("name")!.Value, m => m.Element("value")!.Value.Trim());
            return new PingAnswer(response.StatusCode, type, text, null, int.Parse(members["faultCode"], System.Globalization.CultureInfo.InvariantCulture), members["faultString"]);
        }
        var value = root.Element("params")!.Element("param")!.Element("value")!;
        // A result must be a single string: either a <string> or a bare value.
        Assert.True(value.Elements().All(e => e.Name.LocalName == "string"), $"not a string result: {value}");
        return new PingAnswer(response.StatusCode, type, text, value.Value.Trim(), null, null);
    }

    public static async Task<HttpResponseMessage> SendWebmentionAsync(this HttpClient client, string? source, string? target, string caller = "198.51.100.30")
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (source is not null) fields.Add(new("source", source));
        if (target is not null) fields.Add(new("target", target));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webmention", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(TestClientAddress.Header, caller);
        return await client.SendAsync(request);
    }

    /// <summary>Waits until the worker has finished with (at least) <paramref name="count"/> webmentions from this source.</summary>
    public static async Task<List<WebmentionRequest>> ProcessedAsync(ForumFactory forum, Uri source, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var requests = await forum.WithDbAsync(db => db.WebmentionRequests.AsNoTracking()
                .Where(r => r.Source == source.AbsoluteUri).OrderBy(r => r.Id).ToListAsync());
            if (requests.Count >= count && requests.All(r => r.State != WebmentionState.Queued)) return requests;
            Assert.True(DateTime.UtcNow < deadline, $"the webmention from {source} was not processed in time");
            await Task.Delay(100);
        }
    }
}
