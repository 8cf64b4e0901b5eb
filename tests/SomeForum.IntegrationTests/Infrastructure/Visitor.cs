using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// Someone with a browser: keeps cookies, does not follow redirects by itself, and fills in the
/// real forms (antiforgery token included) the way a browser would submit them.
/// </summary>
public sealed class Visitor(ForumFactory factory, string address = "198.51.100.7") : IDisposable
{
    private readonly HttpClient client = CreateClient(factory, address);

    private static HttpClient CreateClient(ForumFactory factory, string address)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    public void Dispose() => client.Dispose();

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>A bare form POST, with no token unless the fields carry one: what a forged cross-site request looks like.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public async Task<IHtmlDocument> PageAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the form matching <paramref name="formSelector"/> on the page at <paramref name="url"/>, with some fields set.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, IEnumerable<KeyValuePair<string, string>> fields, string? button = null)
    {
        var page = await PageAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}");
        var values = new List<KeyValuePair<string, string>>();
        // What a browser sends untouched: hidden fields, and checkboxes as they are ticked.
        foreach (var input in form.QuerySelectorAll("input[type=hidden], input[type=checkbox][checked]").OfType<IHtmlInputElement>())
        {
            values.Add(new(input.Name ?? "", input.Value));
        }
        var given = fields.ToList();
        values.RemoveAll(v => given.Any(g => g.Key == v.Key));
        values.AddRange(given);
        if (button is not null)
        {
            var parts = button.Split('=', 2);
            values.Add(new(parts[0], parts[1]));
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!.Split('#')[0];
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public async Task SignInAsync(string email, string password)
    {
        using var response = await SubmitAsync("/account/sign-in", "form.stacked-form",
            [new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"signing in as {email} answered {(int)response.StatusCode}");
    }
}
