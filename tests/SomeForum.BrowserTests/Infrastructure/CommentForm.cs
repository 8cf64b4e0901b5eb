using System.Text.RegularExpressions;

namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>What a reader does with the "Leave a Reply" form, wherever it is on the page.</summary>
public static partial class CommentForm
{
    /// <summary>Khurshed Dehnugara's reply to Tim Collins: a nested comment (depth 2) with a reply of its own.</summary>
    public const long KhurshedsComment = 10;

    public const string KhurshedsName = "Khurshed Dehnugara (@relume1)";

    /// <summary>The address a stored comment leads to: the post, at the comment's anchor.</summary>
    [GeneratedRegex(@"/posts/some-so-far-so-what#comment-(?<id>\d+)$")]
    public static partial Regex Permalink();

    /// <summary>Text no other test writes, so that the duplicate check never refuses it and it is easy to find.</summary>
    public static string UniqueText(string what) => $"{what} ({Guid.NewGuid():N})";

    public static ILocator Form(IPage page) => page.Locator("#respond form.comment-form");

    public static async Task FillAsync(IPage page, string text, string name, string email)
    {
        await page.GetByLabel("Comment *", new() { Exact = true }).FillAsync(text);
        await page.GetByLabel("Name *", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Email *", new() { Exact = true }).FillAsync(email);
    }

    /// <summary>Presses "Post Comment"; the answer to the form's POST (a redirect, or the form again with its status).</summary>
    public static Task<IResponse> PostAsync(IPage page) =>
        SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Post Comment" }).ClickAsync());

    /// <summary>
    /// Does what submits the form (a click, a key) and waits for the answer to the POST and for the
    /// page that follows it (after a redirect, the page redirected to) to have loaded.
    /// </summary>
    public static async Task<IResponse> SubmitAsync(IPage page, Func<Task> submit)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            var response = await page.RunAndWaitForResponseAsync(submit,
                r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(15));
            return response;
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }

    /// <summary>Does what leads to another page (a click, a key) and waits until that page has loaded.</summary>
    public static async Task NavigateAsync(IPage page, Func<Task> action, string urlGlob)
    {
        // Waiting from before the action: the navigation cannot slip past unseen.
        var arrived = page.WaitForURLAsync(urlGlob);
        await action();
        await arrived;
    }

    /// <summary>
    /// A guest's comment sent through the comment form's own POST from the browser's context (as the page sends it, from
    /// the same origin), without a page in between; the id of the comment stored.
    /// </summary>
    public static async Task<long> SendAsync(IAPIRequestContext browser, string name, string email, string text, long? parentId = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var form = browser.CreateFormData();
        form.Set("Input.Name", name);
        form.Set("Input.Email", email);
        form.Set("Input.Text", text);
        form.Set("Input.Intent", "post");
        if (parentId is { } parent) form.Set("Input.ParentId", parent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await browser.PostAsync(BrowserForum.SeedPostPath, new()
        {
            Form = form,
            MaxRedirects = 0,
            Headers = new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-origin" },
        });
        Assert.Equal(302, response.Status);
        var location = response.Headers["location"];
        return long.Parse(location[(location.LastIndexOf("#comment-", StringComparison.Ordinal) + "#comment-".Length)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The id of the comment a permalink address points at.</summary>
    public static long CommentIdIn(string url)
    {
        var match = Permalink().Match(url);
        Assert.True(match.Success, $"Expected a comment's permalink, got {url}");
        return long.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
