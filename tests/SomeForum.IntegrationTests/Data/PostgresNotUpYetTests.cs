using System.Net;
using System.Net.Sockets;
using Npgsql;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Data;

/// <summary>
/// PostgreSQL not up yet when the app starts (both started by one script, or the server restarting): the app waits,
/// says so in its log, and comes up when the server does; a server that never answers ends the start, bounded in
/// time, with a message that names it. Real processes; the late server is the real one behind a relay that opens late.
/// </summary>
public sealed class PostgresNotUpYetTests
{
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task AServerThatNeverAnswersEndsTheStartInBoundedTimeAndIsNamed()
    {
        var port = FreePort();
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Forum"] = $"Host=127.0.0.1;Port={port};Database=nowhere;Username=someforum;Password=x;Timeout=2",
            ["Database__StartupWaitSeconds"] = "4",
        }));

        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port} is not reachable yet (attempt 1", error.Message, StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port} did not answer within 4 s of start-up", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(40), "the wait is bounded");
    }

    [Fact]
    public async Task TheAppWaitsForAServerThatComesUpLateAndThenServes()
    {
        var real = new NpgsqlConnectionStringBuilder(TestPostgres.Server);
        var database = $"someforum_test_{Guid.NewGuid():N}";
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        // The server is not up for the app's first attempt, however long the app takes to make it (a loaded machine
        // starts slowly): every connection within a second of the first is cut at once (Npgsql itself may reconnect
        // at once, without SSL, after a failed first try). Every later one is relayed to the real server.
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var relay = Task.Run(async () =>
        {
            try
            {
                DateTime? firstArrived = null;
                while (!stop.IsCancellationRequested)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    firstArrived ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - firstArrived < TimeSpan.FromSeconds(1))
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Dispose();
                        continue;
                    }
                    _ = Task.Run(async () =>
                    {
                        using var _ = client;
                        using var server = new TcpClient();
                        await server.ConnectAsync(real.Host!, real.Port);
                        var up = client.GetStream().CopyToAsync(server.GetStream());
                        var down = server.GetStream().CopyToAsync(client.GetStream());
                        await Task.WhenAny(up, down);
                    });
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                listener.Stop();
            }
        });

        var settings = new NpgsqlConnectionStringBuilder(TestPostgres.Server) { Host = "127.0.0.1", Port = port, Database = database };
        try
        {
            await using (var app = await AppProcess.StartAsync(new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Forum"] = settings.ConnectionString,
            }))
            {
                Assert.Contains($"PostgreSQL at 127.0.0.1:{port} is not reachable yet", app.Output, StringComparison.Ordinal);
                using var http = new HttpClient { BaseAddress = app.Address };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/posts/some-so-far-so-what", UriKind.Relative))).StatusCode);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await relay;
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}
