using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>The ways a site owner starts the app in production.</summary>
public enum ProductionStart
{
    /// <summary><c>dotnet publish</c>, then <c>dotnet SomeForum.Web.dll</c> in the publish folder.</summary>
    Published,

    /// <summary>What <c>dotnet run -c Release --no-launch-profile</c> does: the build output, run from the project folder.</summary>
    BuildOutput,
}

/// <summary>
/// The app in an OS process of its own, started as its owner starts it: the Production environment, its
/// configuration from environment variables, a fresh SQLite file (deleted on dispose). Nothing the in-process
/// test host adds (the Testing environment, <c>UseStaticWebAssets</c>) is there to hide what production does.
/// </summary>
public sealed partial class ProductionServer : IAsyncDisposable
{
    // A generous bound: on a busy 2-core machine the first start (JIT, migrations, seed) has taken over a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output;
    private readonly string databaseFile;
    private readonly string? publishFolder;
    private Uri? address;

    private ProductionServer(Process process, ConcurrentQueue<string> output, string databaseFile, string? publishFolder)
    {
        this.process = process;
        this.output = output;
        this.databaseFile = databaseFile;
        this.publishFolder = publishFolder;
    }

    /// <summary>Where the app said it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address => address ?? throw new InvalidOperationException("The app has not said where it listens.");

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>The configuration this test assembly was built in; the app was built in the same one.</summary>
    public static string Configuration { get; } =
        typeof(ProductionServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("The test assembly does not say which configuration it was built in.");

    /// <summary>The app's target framework folder (bin/&lt;configuration&gt;/net10.0): the same as this project's.</summary>
    private static string TargetFramework
    {
        get
        {
            var name = typeof(ProductionServer).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName
                ?? throw new InvalidOperationException("The test assembly does not say which framework it targets.");
            var version = new FrameworkName(name).Version;
            return $"net{version.Major}.{version.Minor}";
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>https?://\S+)")]
    private static partial Regex Listening();

    public static async Task<ProductionServer> StartAsync(ProductionStart start)
    {
        var repository = TestOutput.RepositoryRoot;
        var project = Path.Combine(repository, "src", "SomeForum.Web");
        string? publishFolder = null;
        string workingDirectory;
        string assembly;
        if (start == ProductionStart.Published)
        {
            publishFolder = Directory.CreateTempSubdirectory("someforum-published-").FullName;
            // --no-build: this project references the app, so it is built already, in this configuration.
            var (exitCode, said) = await RunAsync(
                ["publish", project, "-c", Configuration, "--no-build", "--nologo", "-o", publishFolder], repository, PublishTimeout);
            if (exitCode != 0)
            {
                Directory.Delete(publishFolder, recursive: true);
                throw new InvalidOperationException($"dotnet publish {project} -c {Configuration} --no-build exited with {exitCode}:\n{said}");
            }
            workingDirectory = publishFolder;
            assembly = Path.Combine(publishFolder, "SomeForum.Web.dll");
        }
        else
        {
            workingDirectory = project;
            assembly = Path.Combine(project, "bin", Configuration, TargetFramework, "SomeForum.Web.dll");
            if (!File.Exists(assembly))
            {
                throw new InvalidOperationException($"No build output at {assembly}: build SomeForum.sln -c {Configuration} first.");
            }
        }

        var databaseFile = Path.Combine(Path.GetTempPath(), $"someforum-production-{Guid.NewGuid():N}.db");
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        // Nothing of the test run's own environment decides how the app starts: only what an owner sets.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
            || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Forum"] = $"Data Source={databaseFile};Pooling=False";
        info.Environment["Admin__Email"] = Accounts.Administrator.Email;
        info.Environment["Admin__Password"] = Accounts.Administrator.Password;

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line) return;
            output.Enqueue(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["address"].Value));
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ProductionServer(process, output, databaseFile, publishFolder);
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout));
            if (first != listening.Task)
            {
                var why = first == exited ? $"exited with {process.ExitCode}" : $"did not say \"Now listening on:\" within {StartTimeout.TotalSeconds:0} s";
                throw new InvalidOperationException($"The app started from {assembly} ({start}) {why}. It said:\n{server.Output}");
            }
            server.address = await listening.Task;
            if (!IPAddress.TryParse(server.address.Host, out var ip) || !IPAddress.IsLoopback(ip))
            {
                throw new InvalidOperationException($"The app must listen on loopback only, not {server.address}.");
            }
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await process.WaitForExitAsync(patience.Token);
        }
        process.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".startup-lock" })
        {
            File.Delete(databaseFile + suffix);
        }
        if (publishFolder is not null && Directory.Exists(publishFolder))
        {
            Directory.Delete(publishFolder, recursive: true);
        }
    }

    /// <summary>The dotnet that runs these tests (the CLI names it to its children), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', info.ArgumentList)} took more than {timeout.TotalSeconds:0} s:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, $"{await stdout}\n{await stderr}".Trim());
    }
}
