namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>
/// The browser is Debian's chromium, driven by Playwright's bundled driver; Playwright's own browser
/// downloads are never used. tests/run.sh installs the package on a fresh machine.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static readonly IReadOnlyList<string> Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The chromium to use: <c>SOMEFORUM_CHROMIUM</c> if set, else /usr/bin/chromium. Never a silent skip.</summary>
    public static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable("SOMEFORUM_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"BROWSER TESTS CANNOT RUN: no chromium at {path}. Install it with `apt-get install -y chromium` " +
                "(tests/run.sh does this), or point SOMEFORUM_CHROMIUM at a chromium binary. " +
                "Do not run `playwright install`: the tests use the system chromium.");
        }
        return path;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executablePath) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executablePath,
            Args = Args,
            Headless = true,
        });
}
