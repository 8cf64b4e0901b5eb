using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port, for the app to send to: every message it accepts is parsed with MimeKit and
/// kept, with the envelope's recipients, for the test to read. It can refuse messages (a 4xx the sender should retry,
/// or a 5xx it should not), and be stopped and started again on the same port.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private readonly ConcurrentQueue<DateTime> tries = new();
    private CancellationTokenSource? running;
    private Task? serving;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Messages to refuse with 452 (try again later) before accepting again.</summary>
    public int RefuseNext { get; set; }

    /// <summary>While true, every message is refused with 550 (a permanent refusal).</summary>
    public bool RefuseAll { get; set; }

    public IReadOnlyList<ReceivedMail> Received => [.. received];

    /// <summary>When each message was offered (its data received), accepted or not.</summary>
    public IReadOnlyList<DateTime> Tries => [.. tries];

    /// <summary>A server listening now.</summary>
    public static TestSmtpServer Start()
    {
        var server = new TestSmtpServer(FreePort());
        server.Listen();
        return server;
    }

    /// <summary>A port for a server that is not listening yet: connections are refused until <see cref="Listen"/>.</summary>
    public static TestSmtpServer NotYetListening() => new(FreePort());

    public void Listen()
    {
        if (serving is not null) return;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        running = new CancellationTokenSource();
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
    }

    public async Task StopAsync()
    {
        if (running is null || serving is null) return;
        await running.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
        }
        running.Dispose();
        (running, serving) = (null, null);
    }

    /// <summary>Waits (polling, at most <paramref name="timeout"/>) for a message that matches, and returns it.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (received.FirstOrDefault(match) is { } mail) return mail;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No matching mail arrived; received: {string.Join(" | ", received.Select(m => $"{string.Join(",", m.Recipients)}: {m.Message.Subject}"))}");
            }
            await Task.Delay(50);
        }
    }

    public Task<ReceivedMail> WaitForAsync(string to, string subjectPart, TimeSpan? timeout = null) =>
        WaitForAsync(m => m.Recipients.Contains(to) && m.Subject.Contains(subjectPart, StringComparison.Ordinal), timeout);

    public IReadOnlyList<ReceivedMail> To(string address) => [.. received.Where(m => m.Recipients.Contains(address))];

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            server.tries.Enqueue(DateTime.UtcNow);
            if (server.RefuseAll) return Task.FromResult(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable (test refusal)"));
            if (server.RefuseNext > 0)
            {
                server.RefuseNext--;
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try again later (test refusal)"));
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            server.received.Enqueue(new ReceivedMail(message, [.. transaction.To.Select(m => $"{m.User}@{m.Host}")], DateTime.UtcNow));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

/// <summary>A message as the server received it: the parsed message and the envelope's recipients.</summary>
public sealed partial record ReceivedMail(MimeMessage Message, IReadOnlyList<string> Recipients, DateTime At)
{
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";
    public string? Header(string name) => Message.Headers[name];

    /// <summary>The first address in the plain-text body that starts with <paramref name="prefix"/>.</summary>
    public string Link(string prefix)
    {
        var match = Links().Matches(Text).Select(m => m.Value).FirstOrDefault(u => u.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(match is not null, $"no link starting {prefix} in: {Text}");
        return match;
    }

    /// <summary>The address the List-Unsubscribe header names.</summary>
    public string UnsubscribeUrl
    {
        get
        {
            var header = Header("List-Unsubscribe")?.Trim();
            Assert.NotNull(header);
            Assert.Matches("^<https?://[^>]+>$", header);
            return header[1..^1];
        }
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
