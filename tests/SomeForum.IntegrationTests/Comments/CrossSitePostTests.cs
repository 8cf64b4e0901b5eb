using System.Net;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// A comment form can be sent only from this site. A guest's page is the same for every guest (so it can be
/// cached), so a guest's post is judged by what the browser says of where it comes from; a signed-in reader's
/// post needs the antiforgery token of their own page, as every other form of theirs does.
/// </summary>
public sealed class CrossSitePostTests
{
    private static ForumFactory Open() => new ForumFactory().With("Comments:FloodIntervalSeconds", "0").With("Moderation:Enabled", "false");

    private static async Task<HttpStatusCode> SendAsync(Browser browser, string text, IEnumerable<(string Name, string Value)> headers, string? token = null)
    {
        var fields = new CommentForm(text).Fields().Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))
            .Append(new("Input.Intent", "post"));
        if (token is not null) fields = fields.Append(new(Browser.AntiforgeryField, token));
        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SeedThread.Url, UriKind.Relative)) { Content = content };
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await browser.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AGuestsCommentFromThisSiteIsTakenAndOneFromAnotherSiteIsNot()
    {
        using var factory = Open();
        using var guest = new Browser(factory);

        // What browsers send with a form from a page of this site: either header is enough.
        Assert.Equal(HttpStatusCode.Found, await SendAsync(guest, "From this site (fetch metadata).", [("Sec-Fetch-Site", "same-origin")]));
        Assert.Equal(HttpStatusCode.Found, await SendAsync(guest, "From this site (origin).", [("Origin", "http://localhost")]));

        // From a page elsewhere, however the browser says so; and from a client that says nothing and has no token.
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(guest, "Sent from elsewhere.", [("Sec-Fetch-Site", "cross-site")]));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(guest, "Sent from a sibling.", [("Sec-Fetch-Site", "same-site")]));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(guest, "Sent from elsewhere.", [("Origin", "https://elsewhere.example")]));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(guest, "Sent from elsewhere.", [("Sec-Fetch-Site", "cross-site"), ("Origin", "http://localhost")]));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(guest, "Sent from nowhere.", []));

        Assert.Equal(SeedThread.Entries + 2, await factory.CountCommentsAsync());
    }

    [Fact]
    public async Task ASignedInReadersCommentNeedsTheTokenOfTheirOwnPage()
    {
        using var factory = Open();
        await factory.CreateUserAsync("member@example.org");
        await factory.CreateUserAsync("other@example.org");
        using var member = new Browser(factory);
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        using var other = new Browser(factory);
        await other.SignInAsync("other@example.org", ForumFactory.UserPassword);

        var ownToken = (await member.OpenAsync(SeedThread.Url)).QuerySelector($"form.comment-form input[name='{Browser.AntiforgeryField}']")?.GetAttribute("value");
        var othersToken = (await other.OpenAsync(SeedThread.Url)).QuerySelector($"form.comment-form input[name='{Browser.AntiforgeryField}']")?.GetAttribute("value");
        Assert.NotNull(ownToken);
        Assert.NotNull(othersToken);

        // Coming from this site is not enough for a signed-in reader: a page elsewhere could make their browser say so.
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(member, "Without a token.", [("Sec-Fetch-Site", "same-origin")]));
        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(member, "With someone else's token.", [("Sec-Fetch-Site", "same-origin")], othersToken));
        Assert.Equal(HttpStatusCode.Found, await SendAsync(member, "With my own token.", [("Sec-Fetch-Site", "same-origin")], ownToken));

        Assert.Equal(SeedThread.Entries + 1, await factory.CountCommentsAsync());
    }
}
