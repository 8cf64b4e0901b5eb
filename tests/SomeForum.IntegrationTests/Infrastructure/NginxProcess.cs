using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// A real nginx (Debian's, from apt: tests/run.sh installs it) in the foreground, with a prefix of its own in a temporary
/// folder, running deploy/someforum.nginx.conf itself: only the lines that file marks "# test:" are changed (the
/// instances' ports, the address it listens on, the static files' folder), so what is tested is what is deployed.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    public const string SiteFile = "deploy/someforum.nginx.conf";

    private static readonly string[] Places = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"];

    private readonly Process process;
    private readonly string prefix;
    private readonly ConcurrentQueue<string> output = new();

    private NginxProcess(Process process, string prefix, int port)
    {
        this.process = process;
        this.prefix = prefix;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Address { get; }

    /// <summary>What nginx wrote to stderr and its error log.</summary>
    public string Output => string.Join('\n', output) + "\n" + (File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : "");

    [GeneratedRegex(@"^(?<indent>\s*)server 127\.0\.0\.1:\d+(?<rest>[^;]*);\s*# test: instance\s*$")]
    private static partial Regex InstanceLine();

    [GeneratedRegex(@"^(?<indent>\s*)listen [^;]+;\s*# test: listen\s*$")]
    private static partial Regex ListenLine();

    [GeneratedRegex(@"^(?<indent>\s*)root [^;]+;\s*# test: wwwroot\s*$")]
    private static partial Regex RootLine();

    /// <summary>A free loopback port, for an address that must be known before nginx starts (the site's own URL).</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The deploy file with the instances' ports, the listening port and the static files' folder put in.</summary>
    public static string SiteConfiguration(IReadOnlyList<int> instancePorts, int port, string wwwroot)
    {
        ArgumentNullException.ThrowIfNull(instancePorts);
        var lines = File.ReadAllLines(Path.Combine(AppProcess.RepositoryRoot(), SiteFile));
        var site = new StringBuilder();
        int instances = 0, listens = 0, roots = 0;
        foreach (var line in lines)
        {
            if (InstanceLine().Match(line) is { Success: true } instance)
            {
                // The deploy file's instance lines become one per instance, with its parameters.
                if (instances++ == 0)
                {
                    foreach (var instancePort in instancePorts)
                    {
                        site.Append(instance.Groups["indent"].Value).Append("server 127.0.0.1:").Append(instancePort)
                            .Append(instance.Groups["rest"].Value).AppendLine(";");
                    }
                }
            }
            else if (ListenLine().Match(line) is { Success: true } listen)
            {
                listens++;
                site.Append(listen.Groups["indent"].Value).Append("listen 127.0.0.1:").Append(port).AppendLine(";");
            }
            else if (RootLine().Match(line) is { Success: true } root)
            {
                roots++;
                site.Append(root.Groups["indent"].Value).Append("root ").Append(wwwroot).AppendLine(";");
            }
            else
            {
                site.AppendLine(line);
            }
        }
        if (instances == 0 || listens != 1 || roots == 0)
        {
            throw new InvalidOperationException(
                $"{SiteFile} no longer has the lines marked '# test: instance' ({instances}), '# test: listen' ({listens}) and '# test: wwwroot' ({roots}).");
        }
        return site.ToString();
    }

    public static async Task<NginxProcess> StartAsync(IReadOnlyList<int> instancePorts, int port, string wwwroot)
    {
        var nginx = Places.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (apt-get install -y nginx; tests/run.sh does it).");
        var prefix = Directory.CreateTempSubdirectory("someforum-nginx.").FullName;
        await File.WriteAllTextAsync(Path.Combine(prefix, "site.conf"), SiteConfiguration(instancePorts, port, wwwroot));
        // The main file Debian's /etc/nginx/nginx.conf would be, kept to this prefix: its own pid, logs and temp folders.
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 2;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                sendfile on;
                tcp_nopush on;
                access_log off;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/site.conf;
            }
            """);

        var info = new ProcessStartInfo(nginx)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log"), "-g", "daemon off;" })
        {
            info.ArgumentList.Add(argument);
        }
        var started = new NginxProcess(new Process { StartInfo = info }, prefix, port);
        started.process.OutputDataReceived += started.OnLine;
        started.process.ErrorDataReceived += started.OnLine;
        started.process.Start();
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        try
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (started.process.HasExited) throw new InvalidOperationException($"nginx exited with {started.process.ExitCode}:\n{started.Output}");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return started;
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
                {
                    await Task.Delay(50);
                }
            }
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line) output.Enqueue(line);
    }

    public async ValueTask DisposeAsync()
    {
        // The master and its workers: killed together, or a worker would keep the port.
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await process.WaitForExitAsync(patience.Token);
        }
        process.Dispose();
        try
        {
            Directory.Delete(prefix, recursive: true);
        }
        catch (IOException)
        {
            // A worker still closing a temp file: the folder is in /tmp and small.
        }
    }
}
