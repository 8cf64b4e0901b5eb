using System.Diagnostics;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>A command of the app (import, backup …) run as a user runs it: a process of its own, from the build output.</summary>
public static class AppCommand
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var project = Path.Combine(AppProcess.RepositoryRoot(), "src", "SomeForum.Web");
        var info = new ProcessStartInfo(AppProcess.DotnetHost())
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(project, "bin", AppProcess.Configuration(), AppProcess.TargetFramework(), "SomeForum.Web.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Only what the command line says decides where the data goes.
        info.Environment.Remove("ConnectionStrings__Forum");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output + await error);
    }
}
