using System.Net;
using System.Threading.Channels;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// A reader's open Server-Sent Events stream, read as a browser's EventSource reads it: lines gathered into events
/// (a blank line ends one), comment lines (": …", the heartbeat) counted apart. Read in the background from the
/// moment it opens, so a test can wait for the next event, or prove none comes, without losing what arrives meanwhile.
/// </summary>
public sealed class ServerEvents : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly Channel<(string Name, string Data)> events = Channel.CreateUnbounded<(string, string)>();
    private readonly CancellationTokenSource closing = new();
    private readonly Task reading;
    private int heartbeats;

    private ServerEvents(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        reading = ReadAsync(body);
    }

    public HttpResponseMessage Response => response;

    public int Heartbeats => Volatile.Read(ref heartbeats);

    /// <summary>The retry the server asked for, in milliseconds, once it was read.</summary>
    public int? Retry { get; private set; }

    /// <summary>True once the server ended the stream.</summary>
    public bool Ended => reading.IsCompleted;

    /// <summary>
    /// Opens the stream and checks it is one: 200, text/event-stream, not kept by anybody, no cookie set, and nginx told
    /// not to buffer it (nginx itself takes that header: through nginx it is gone).
    /// </summary>
    public static async Task<ServerEvents> OpenAsync(HttpClient client, string url, bool throughNginx = false)
    {
        var response = await TryOpenAsync(client, url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "the stream may be stored");
        if (throughNginx) Assert.False(response.Headers.Contains("X-Accel-Buffering"));
        else Assert.Equal(["no"], response.Headers.GetValues("X-Accel-Buffering"));
        Assert.False(response.Headers.Contains("Set-Cookie"), "the stream set a cookie");
        return new ServerEvents(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The answer to a GET of the stream, whatever it is; the caller disposes it.</summary>
    public static async Task<HttpResponseMessage> TryOpenAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next event, or a failure after <paramref name="patience"/>.</summary>
    public async Task<(string Name, string Data)> NextAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
        try
        {
            return await events.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no event within {(patience ?? TimeSpan.FromSeconds(10)).TotalSeconds} s");
            throw;
        }
        catch (ChannelClosedException)
        {
            Assert.Fail("the stream ended without the event");
            throw;
        }
    }

    /// <summary>Fails if an event arrives within <paramref name="quiet"/>.</summary>
    public async Task NothingWithinAsync(TimeSpan quiet)
    {
        await Task.Delay(quiet);
        Assert.False(events.Reader.TryRead(out var unexpected), $"an event arrived: {unexpected.Name} {unexpected.Data}");
    }

    /// <summary>Waits for the server to end the stream.</summary>
    public async Task EndedWithinAsync(TimeSpan patience)
    {
        var ended = await Task.WhenAny(reading, Task.Delay(patience)) == reading;
        Assert.True(ended, $"the stream was still open after {patience.TotalSeconds} s");
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            using var reader = new StreamReader(body);
            string? name = null;
            var data = new List<string>();
            while (await reader.ReadLineAsync(closing.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Count > 0) await events.Writer.WriteAsync((name ?? "message", string.Join('\n', data)));
                    (name, data) = (null, []);
                }
                else if (line.StartsWith(':')) Interlocked.Increment(ref heartbeats);
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Add(line["data: ".Length..]);
                else if (line.StartsWith("retry: ", StringComparison.Ordinal)) Retry = int.Parse(line["retry: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                else Assert.Fail($"a line no event stream has: {line}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by the test, or cut off.
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        response.Dispose();
        await reading;
        closing.Dispose();
    }
}
