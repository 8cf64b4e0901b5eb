using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// One person's browser: its own cookies and its own client address (the flood check and the stored
/// IP go by address), no redirect followed unasked, and forms sent as a browser sends them.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private static int lastAddress;

    public Browser(WebApplicationFactory<Program> factory, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Address = address ?? NextAddress();
        // The cookie jar is the browser's own, so a test can see what it holds (and copy it, as a thief would).
        Client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
        Client.DefaultRequestHeaders.Add(TestClientAddress.Header, Address);
    }

    /// <summary>
    /// A browser for the app in a real process (<see cref="AppProcess"/>) or behind a real proxy, at <paramref name="site"/>:
    /// the app sees the connection's own address, or, from a trusted proxy, <paramref name="forwardedFor"/>.
    /// </summary>
    public Browser(Uri site, string? forwardedFor = null)
    {
        Address = forwardedFor ?? "127.0.0.1";
#pragma warning disable CA2000 // The client owns the handler and disposes it.
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = site };
#pragma warning restore CA2000
        if (forwardedFor is not null) Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>The remote address the app sees for this browser.</summary>
    public string Address { get; }

    // For requests no form makes: a chunked body, or one that lies about its length.
    public HttpClient Client { get; }

    // 10.0.0.1 onwards: two people never share an address unless a test gives them one.
    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref lastAddress);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]).ToString();
    }

    public Task<Page> GetAsync(string url) => GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));

    private async Task<Page> GetAsync(Uri url)
    {
        using var response = await Client.GetAsync(url);
        return await Page.ReadAsync(response);
    }

    /// <summary>GETs a page the test goes on from: anything but 200 OK fails here rather than later.</summary>
    public async Task<IHtmlDocument> OpenAsync(string url)
    {
        var page = await GetAsync(url);
        Assert.True(page.Status == HttpStatusCode.OK, $"GET {url} answered {(int)page.Status}");
        return page.Document;
    }

    /// <summary>Follows a redirect as a browser does: a GET of its Location, without the fragment.</summary>
    public async Task<Page> FollowAsync(Page redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        Assert.True(redirect.Status is HttpStatusCode.Found or HttpStatusCode.SeeOther && redirect.ResolvedLocation is not null,
            $"{redirect.Request} answered {(int)redirect.Status}, not a redirect: {redirect.Body[..Math.Min(redirect.Body.Length, 2000)]}");
        return await GetAsync(WithoutFragment(redirect.ResolvedLocation));
    }

    /// <summary>A POST of exactly these fields, no token added: what a forged or replayed request looks like.</summary>
    public async Task<Page> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string?>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Client.PostAsync(new Uri(url, UriKind.RelativeOrAbsolute), content);
        return await Page.ReadAsync(response);
    }

    public async Task<Page> SubmitAsync(string url, string form, IEnumerable<KeyValuePair<string, string?>> fields, string? button = null) =>
        await SubmitAsync(await GetAsync(url), form, fields, button);

    /// <summary>
    /// Submits the first form matching the selector <paramref name="form"/> on a page this browser has,
    /// as a browser would: whatever the page put in the form (hidden fields and the antiforgery token,
    /// what the boxes hold, ticked boxes, chosen options), with <paramref name="fields"/> typed over it,
    /// by clicking the submit button <paramref name="button"/> ("name=value"), or by default the form's
    /// first one, as pressing Enter does. A field replaces every entry of its name (a repeated name
    /// sends each value, as ticked boxes do); a null value leaves the name out (an unticked box, or a
    /// forged form without the token); a name the form lacks is added, as a script or a forger would.
    /// </summary>
    public async Task<Page> SubmitAsync(Page page, string form, IEnumerable<KeyValuePair<string, string?>> fields, string? button = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fields);
        var element = page.Document.QuerySelector(form) as IHtmlFormElement;
        Assert.True(element is not null, $"the answer to {page.Request} ({(int)page.Status}) has no form '{form}'");

        var submitter = Submitter(element, button);
        var entries = TypeOver(EntryList(element, submitter), fields);
        // A button may send its form elsewhere (formaction), as a second handler of a page's form does.
        var action = submitter?.GetAttribute("formaction") ?? element.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.RequestUri : new Uri(page.RequestUri, action);
        using var content = new FormUrlEncodedContent(entries);
        using var request = new HttpRequestMessage(HttpMethod.Post, WithoutFragment(target)) { Content = content };
        // A browser says where a form it sends comes from: a page of the same site.
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", page.RequestUri.GetLeftPart(UriPartial.Authority));
        using var response = await Client.SendAsync(request);
        return await Page.ReadAsync(response);
    }

    /// <summary>Fills in the comment form on <paramref name="url"/> as a reader would, and clicks the button <see cref="CommentForm.Intent"/> names.</summary>
    public async Task<Page> SubmitCommentAsync(string url, CommentForm comment) => await SubmitCommentAsync(await GetAsync(url), comment);

    public Task<Page> SubmitCommentAsync(Page page, CommentForm comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return SubmitAsync(page, "form.comment-form", comment.Fields(), $"Input.Intent={comment.Intent}");
    }

    public async Task SignInAsync(string email, string password)
    {
        var response = await SubmitAsync("/account/sign-in", "form.stacked-form", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.Status == HttpStatusCode.Redirect, $"signing in as {email} answered {(int)response.Status}");
    }

    public void Dispose() => Client.Dispose();

    // Only a button the page shows can be clicked.
    private static IHtmlElement? Submitter(IHtmlFormElement form, string? button)
    {
        var buttons = form.Elements.Where(e => e is IHtmlButtonElement { Type: "submit", IsDisabled: false } or IHtmlInputElement { Type: "submit", IsDisabled: false }).ToList();
        if (button is null) return buttons.FirstOrDefault();
        var clicked = buttons.FirstOrDefault(b => $"{b.GetAttribute("name")}={ValueOf(b)}" == button);
        Assert.True(clicked is not null, $"the form has no button {button}, only: {string.Join(", ", buttons.Select(b => $"{b.GetAttribute("name")}={ValueOf(b)}"))}");
        return clicked;
    }

    private static string ValueOf(IElement button) => button is IHtmlInputElement input ? input.Value : ((IHtmlButtonElement)button).Value;

    // The form's entry list as HTML defines it: named controls in tree order, skipping disabled ones,
    // buttons other than the one clicked, unticked boxes and unchosen options.
    private static List<KeyValuePair<string, string>> EntryList(IHtmlFormElement form, IHtmlElement? submitter)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var control in form.Elements)
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (control)
            {
                case IHtmlButtonElement or IHtmlInputElement { Type: "submit" or "image" or "button" or "reset" }:
                    if (control == submitter) entries.Add(new(name, ValueOf(control)));
                    break;
                case IHtmlInputElement { IsDisabled: true } or IHtmlTextAreaElement { IsDisabled: true } or IHtmlSelectElement { IsDisabled: true }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked) entries.Add(new(name, box.GetAttribute("value") ?? "on"));
                    break;
                case IHtmlInputElement input:
                    entries.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textarea:
                    entries.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.Where(o => o.IsSelected).ToList();
                    // A single select with nothing marked shows, and sends, its first option.
                    if (chosen.Count == 0 && !select.IsMultiple && select.Options.FirstOrDefault(o => !o.IsDisabled) is { } first) chosen.Add(first);
                    entries.AddRange(chosen.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }
        return entries;
    }

    // The test's values go where the first entry of their name was, so the order stays the page's.
    private static List<KeyValuePair<string, string>> TypeOver(List<KeyValuePair<string, string>> entries, IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var typed = fields.GroupBy(f => f.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Values: g.Where(f => f.Value is not null).Select(f => f.Value!).ToList()))
            .ToList();
        var byName = typed.ToDictionary(t => t.Name, t => t.Values, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries)
        {
            if (!byName.TryGetValue(entry.Key, out var values)) result.Add(entry);
            else if (placed.Add(entry.Key)) result.AddRange(values.Select(v => new KeyValuePair<string, string>(entry.Key, v)));
        }
        foreach (var (name, values) in typed.Where(t => !placed.Contains(t.Name)))
        {
            result.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }
        return result;
    }

    private static Uri WithoutFragment(Uri uri) => new(uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped));
}

/// <summary>What came back for one request, read whole, so there is nothing to dispose.</summary>
public sealed class Page
{
    private IHtmlDocument? document;

    private Page(Uri requestUri, string request, HttpStatusCode status, string? location, string body)
    {
        RequestUri = requestUri;
        Request = request;
        Status = status;
        Location = location;
        ResolvedLocation = location is null ? null : new Uri(requestUri, location);
        Body = body;
    }

    /// <summary>The page's own address, which its forms' actions and its redirect resolve against.</summary>
    public Uri RequestUri { get; }

    /// <summary>The request, for messages: "POST /posts/…".</summary>
    public string Request { get; }
    public HttpStatusCode Status { get; }

    /// <summary>The Location header as the app wrote it.</summary>
    public string? Location { get; }

    /// <summary>Where the Location header sends a browser.</summary>
    public Uri? ResolvedLocation { get; }
    public string Body { get; }
    public IHtmlDocument Document => document ??= Html.Parse(Body);

    internal static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var request = response.RequestMessage!;
        var uri = request.RequestUri!;
        return new Page(uri, $"{request.Method} {uri.PathAndQuery}", response.StatusCode, response.Headers.Location?.OriginalString,
            await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// What a reader types into the comment form, over whatever the page had filled in. An empty box is
/// sent empty, as a browser sends it; the box "Save my name…" is ticked or unticked as said;
/// <see cref="ParentId"/> (what the reply script sets) is sent only when given, otherwise the
/// page's own hidden value goes. <see cref="Intent"/> is the button clicked: "post" or "preview".
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
    }
}
