using Deque.AxeCore.Playwright;
using Newtonsoft.Json;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>axe-core in the page as it is now, its full results kept in test-output/accessibility/.</summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>The page's own background in each colour scheme: proof the scheme checked is the one asked for.</summary>
    public static string Background(ColorScheme scheme) => scheme == ColorScheme.Dark ? "rgb(21, 24, 28)" : "rgb(253, 252, 250)";

    /// <summary>
    /// Runs axe on the page, writes &lt;name&gt;.json (or &lt;name&gt;-dark.json) and returns the serious and
    /// critical violations, one line each, naming the file.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AuditAsync(IPage page, string name, ColorScheme scheme)
    {
        Assert.Equal(Background(scheme), await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        var result = await page.RunAxe();
        var file = Path.Combine(TestOutput.Folder("accessibility"), scheme == ColorScheme.Dark ? $"{name}-dark.json" : $"{name}.json");
        await File.WriteAllTextAsync(file, JsonConvert.SerializeObject(result, Formatting.Indented));
        // Contrast really was checked (it is skipped on a page axe cannot read colours on).
        Assert.Contains(result.Passes, rule => rule.Id == "color-contrast");
        return [.. result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"[{name}, {scheme}] {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length}×, e.g. {v.Nodes.FirstOrDefault()?.Html}) — see {file}")];
    }
}
