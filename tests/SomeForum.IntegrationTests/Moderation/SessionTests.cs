using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>
/// A session ends when what it was granted on ends: a revoked role, a sign-out. The app checks a session's
/// security stamp every few seconds; these stories check it on every request, to see the stamp change at once.
/// </summary>
public sealed class SessionTests
{
    private sealed class StrictForum : ForumFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task TheAppChecksSessionsWithinSeconds()
    {
        using var factory = new ForumFactory();
        var options = factory.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        Assert.True(options.ValidationInterval <= TimeSpan.FromSeconds(10), $"sessions are checked every {options.ValidationInterval}");
    }

    [Fact]
    public async Task RevokingTheModeratorRoleEndsTheModeratorsSessionAtOnce()
    {
        using var factory = new StrictForum();
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var moderator = new Browser(factory);
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/moderation")).Status);

        using var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        var users = await admin.GetAsync("/admin/users");
        var moderatorId = users.Document.QuerySelectorAll("table.users tr").Single(r => r.QuerySelector("td")?.TextContent == "mod@example.org")
            .QuerySelector("input[name=id]")!.GetAttribute("value")!;
        var revoke = await admin.SubmitAsync(users, "table.users form", [new("id", moderatorId), new("role", Roles.Moderator), new("grant", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, revoke.Status);

        // The moderator's open session no longer carries the role: the queue sends them to sign in again.
        var queue = await moderator.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.Redirect, queue.Status);
        Assert.StartsWith("/account/sign-in", queue.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutEndsACopyOfTheSessionToo()
    {
        using var factory = new StrictForum();
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var moderator = new Browser(factory);
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        var cookie = moderator.Cookies.GetCookieHeader(new Uri("http://localhost/"));
        Assert.Contains("someforum_session=", cookie, StringComparison.Ordinal);

        // Someone who copied the session cookie before the sign-out.
        using var copy = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        using (var before = await copy.GetAsync(new Uri("/moderation", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var home = await moderator.GetAsync("/");
        var signedOut = await moderator.SubmitAsync(home, "form[action='/account/sign-out']", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);

        using var after = await copy.GetAsync(new Uri("/moderation", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
