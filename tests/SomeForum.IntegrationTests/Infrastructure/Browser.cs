using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// Plays one reader's browser: keeps its cookies, comes from its own address (the flood check is
/// per address), follows no redirect by itself, and fills in and sends the comment form the way
/// a browser would, hidden fields and antiforgery token included.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private static int lastAddress;

    public Browser(WebApplicationFactory<Program> factory, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Address = address ?? NextAddress();
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Client.DefaultRequestHeaders.Add(TestClientAddress.Header, Address);
    }

    /// <summary>The remote address the app sees for this browser.</summary>
    public string Address { get; }

    public HttpClient Client { get; }

    /// <summary>A different address every time, 10.0.0.1 onwards, so each browser is its own client.</summary>
    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref lastAddress);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]).ToString();
    }

    public async Task<Page> GetAsync(string url)
    {
        using var response = await Client.GetAsync(Relative(url));
        return await Page.ReadAsync(response, "GET", url);
    }

    /// <summary>GETs a page that must be there (2xx) and returns its document.</summary>
    public async Task<IHtmlDocument> OpenAsync(string url)
    {
        var page = await GetAsync(url);
        Assert.True(page.Status is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous, $"GET {url} answered {(int)page.Status}");
        return page.Document;
    }

    /// <summary>Follows a redirect the way a browser would: a GET of its Location, without the fragment.</summary>
    public async Task<Page> FollowAsync(Page redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        Assert.True(redirect.Status is HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"{redirect.Request} answered {(int)redirect.Status}, not a redirect: {redirect.Body[..Math.Min(redirect.Body.Length, 2000)]}");
        return await GetAsync(redirect.Location!);
    }

    /// <summary>
    /// Opens <paramref name="pageUrl"/> and sends its comment form, filled in with <paramref name="fields"/>.
    /// </summary>
    public async Task<Page> SubmitCommentFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string?>> fields, params string[] omit) =>
        await SubmitCommentFormAsync(await GetAsync(pageUrl), fields, omit);

    /// <summary>
    /// Sends the comment form of a page this browser has, as a browser would: what the page put in the
    /// form (hidden inputs and the antiforgery token, what the boxes hold, a ticked box) with
    /// <paramref name="fields"/> typed over it (a null value empties a box or unticks the checkbox),
    /// to the form's action. A browser sends the "Post Comment" button's <c>Input.Intent=post</c>
    /// unless the test clicks another. <paramref name="omit"/> leaves fields out (a forged form).
    /// </summary>
    public async Task<Page> SubmitCommentFormAsync(Page page, IEnumerable<KeyValuePair<string, string?>> fields, params string[] omit)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fields);
        var form = page.Document.QuerySelector("form.comment-form") as IHtmlFormElement;
        Assert.True(form is not null, $"the answer to {page.Request} ({(int)page.Status}) has no comment form");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            values[input.Name!] = input.Value;
        }
        foreach (var textarea in form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>())
        {
            values[textarea.Name!] = textarea.Value;
        }
        values["Input.Intent"] = "post";
        foreach (var (name, value) in fields)
        {
            if (value is null) values.Remove(name);
            else values[name] = value;
        }
        foreach (var name in omit)
        {
            values.Remove(name);
        }

        var target = (form.GetAttribute("action") ?? page.Url).Split('#')[0];
        using var content = new FormUrlEncodedContent(values);
        using var response = await Client.PostAsync(Relative(target), content);
        return await Page.ReadAsync(response, "POST", target);
    }

    /// <summary>Fills in the comment form on <paramref name="pageUrl"/> as a reader would, and posts it.</summary>
    public Task<Page> SubmitCommentAsync(string pageUrl, CommentForm comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return SubmitCommentFormAsync(pageUrl, comment.Fields());
    }

    public void Dispose() => Client.Dispose();

    private static Uri Relative(string url) => new(url, UriKind.Relative);
}

/// <summary>What came back for one request: its status, redirect target and body.</summary>
public sealed class Page
{
    private IHtmlDocument? document;

    private Page(string method, string url, HttpStatusCode status, string? location, string body)
    {
        Url = url;
        Request = $"{method} {url}";
        Status = status;
        Location = location;
        Body = body;
    }

    /// <summary>The address asked for.</summary>
    public string Url { get; }

    /// <summary>The request, for messages: "POST /posts/…".</summary>
    public string Request { get; }
    public HttpStatusCode Status { get; }
    public string? Location { get; }
    public string Body { get; }
    public IHtmlDocument Document => document ??= Html.Parse(Body);

    public static async Task<Page> ReadAsync(HttpResponseMessage response, string method, string url)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new Page(method, url, response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// What a reader types into the comment form, over whatever the page had filled in. An empty box is
/// sent empty, as a browser sends it; the box "Save my name…" is ticked or unticked as said;
/// <see cref="ParentId"/> (what the reply script sets) is sent only when given, otherwise the
/// page's own hidden value goes.
/// </summary>
public sealed record CommentForm(string? Text)
{
    public string? Name { get; init; } = "Ann Reader";
    public string? Email { get; init; } = "ann@example.org";
    public string? Website { get; init; }
    public bool Remember { get; init; }
    public long? ParentId { get; init; }
    public string Intent { get; init; } = "post";

    public IEnumerable<KeyValuePair<string, string?>> Fields()
    {
        yield return new("Input.Text", Text ?? "");
        yield return new("Input.Name", Name ?? "");
        yield return new("Input.Email", Email ?? "");
        yield return new("Input.Website", Website ?? "");
        yield return new("Input.Remember", Remember ? "true" : null);
        if (ParentId is { } parent) yield return new("Input.ParentId", parent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("Input.Intent", Intent);
    }
}
