using System.Diagnostics;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// A real 16 MB tmpfs in a folder of its own, for the stories about a disk that fills up or turns read-only: mounting
/// needs root, as CI and tests/run.sh have. Unmounted and removed when disposed.
/// </summary>
public sealed class SmallDisk(string name) : IDisposable
{
    private bool mounted;

    public string Folder { get; } = Directory.CreateTempSubdirectory($"someforum-{name}-").FullName;

    /// <summary>Mounts it; <paramref name="why"/> says in the failure what the story needs it for.</summary>
    public void Mount(string why)
    {
        var failed = Run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", Folder);
        Assert.True(failed.Length == 0, $"This test needs to mount a tmpfs {why}, which needs root: {failed}");
        mounted = true;
    }

    /// <summary>Mounts it again with these options ("remount,ro"); what went wrong, or "" when it worked.</summary>
    public string Remount(string options) => Run("mount", "-o", options, Folder);

    public void Dispose()
    {
        if (mounted) Run("umount", Folder);
        Directory.Delete(Folder, recursive: true);
    }

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var said = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? "" : $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {said}";
    }
}
