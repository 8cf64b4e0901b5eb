using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// The app as an OS process of its own, from its build output, in Production, configured only by the
/// environment variables a test gives it: for what one process cannot show, such as several instances
/// starting at once on one database.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => this.process = process;

    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join('\n', output);

    [GeneratedRegex(@"Now listening on: (?<address>https?://[^\s""]+)")]
    private static partial Regex Listening();

    /// <summary>
    /// Starts the app and returns once it listens; throws with what it said if it exits or takes too long. It listens
    /// on a free loopback port, or on <paramref name="port"/> (an instance started again where a balancer expects it).
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var project = Path.Combine(RepositoryRoot(), "src", "SomeForum.Web");
        var assembly = Path.Combine(project, "bin", Configuration(), TargetFramework(), "SomeForum.Web.dll");
        if (!File.Exists(assembly)) throw new InvalidOperationException($"No build output at {assembly}: build SomeForum.sln first.");

        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        // Nothing of the test run's own environment decides how the app starts: only what the test sets.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var app = new AppProcess(new Process { StartInfo = info });
        app.process.OutputDataReceived += app.OnLine;
        app.process.ErrorDataReceived += app.OnLine;
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            var exited = app.process.WaitForExitAsync();
            var first = await Task.WhenAny(app.listening.Task, exited, Task.Delay(StartTimeout));
            if (first != app.listening.Task)
            {
                var why = first == exited ? $"exited with {app.process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds:0} s";
                throw new InvalidOperationException($"The app {why}. It said:\n{app.Output}");
            }
            app.Address = await app.listening.Task;
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not { } line) return;
        output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups["address"].Value));
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown, no request in flight finished, as a crash or the OOM killer does.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM, as systemd's stop and docker stop do) and waits until it has exited:
    /// the host stops taking connections and lets the requests it has begun finish. Returns its exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan patience)
    {
        var failed = Run("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (failed is not null) throw new InvalidOperationException(failed);
        using var limit = new CancellationTokenSource(patience);
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    private static string? Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var child = Process.Start(info)!;
        var said = child.StandardError.ReadToEnd();
        child.WaitForExit();
        return child.ExitCode == 0 ? null : $"{program} {string.Join(' ', args)} failed ({child.ExitCode}): {said}";
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await process.WaitForExitAsync(patience.Token);
        }
        process.Dispose();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SomeForum.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SomeForum.sln above {AppContext.BaseDirectory}.");
    }

    // The app was built in the same configuration and for the same framework as this test assembly.
    internal static string Configuration() =>
        typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("The test assembly does not say which configuration it was built in.");

    internal static string TargetFramework()
    {
        var name = typeof(AppProcess).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName
            ?? throw new InvalidOperationException("The test assembly does not say which framework it targets.");
        var version = new FrameworkName(name).Version;
        return $"net{version.Major}.{version.Minor}";
    }

    /// <summary>The dotnet that runs these tests (the CLI names it to its children), else the one on the PATH.</summary>
    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
