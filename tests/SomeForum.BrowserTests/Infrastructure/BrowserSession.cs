using System.Collections.Concurrent;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>
/// One reader's browser context and page, recording what the page reported: console errors,
/// uncaught script errors, and Content-Security-Policy violations.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Installed by evaluation (not an init script, not inline markup), so the page's own policy is untouched.
    private const string WatchScript = """
        () => {
          if (window.__cspViolations) return;
          window.__cspViolations = [];
          document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || document.location.href}:${e.lineNumber}`), true);
        }
        """;

    private readonly ConcurrentQueue<string> consoleErrors = new();
    private readonly ConcurrentQueue<string> policyMessages = new();

    private readonly bool javaScript;

    private BrowserSession(IBrowserContext context, IPage page, bool javaScript)
    {
        Context = context;
        Page = page;
        this.javaScript = javaScript;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyMessages.Enqueue($"{page.Url}: {message.Text}");
            }
            if (message.Type == "error") consoleErrors.Enqueue($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => consoleErrors.Enqueue($"{page.Url}: uncaught {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions, in order.</summary>
    public IReadOnlyList<string> ConsoleErrors => [.. consoleErrors];

    /// <summary>A new browser context and page on the app at <paramref name="address"/>: a reader arriving with a browser of their own.</summary>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri address, bool javaScript = true, int width = 1280,
        int height = 800, bool phone = false, ColorScheme colorScheme = ColorScheme.Light, string locale = "en-GB")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString().TrimEnd('/'),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            ColorScheme = colorScheme,
            ReducedMotion = ReducedMotion.Reduce,
            // The browser's language: its Accept-Language header and navigator.language.
            Locale = locale,
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        return new(context, await context.NewPageAsync(), javaScript);
    }

    /// <summary>Goes to a page of the forum and starts listening for policy violations on it.</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}");
        await WatchPolicyAsync();
        return response;
    }

    /// <summary>
    /// Listens for <c>securitypolicyviolation</c> events on the document now shown. Without JavaScript
    /// no listener runs; the console still reports every violation.
    /// </summary>
    public async Task WatchPolicyAsync()
    {
        if (javaScript) await Page.EvaluateAsync(WatchScript);
    }

    /// <summary>Every policy violation seen: console reports of all pages, and events on the page now shown.</summary>
    public async Task<IReadOnlyList<string>> PolicyViolationsAsync()
    {
        var events = javaScript
            ? await Page.EvaluateAsync<string[]?>("() => window.__cspViolations ?? null") ?? []
            : [];
        return [.. policyMessages, .. events];
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
