using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>Every moderation and administration route, found from the app's own endpoints, GET and POST alike.</summary>
public sealed class RoleCheckTests : IClassFixture<RoleCheckTests.Forum>
{
    private readonly Forum forum;

    public RoleCheckTests(Forum forum) => this.forum = forum;

    public sealed class Forum : ForumFactory
    {
        private bool usersCreated;

        public async Task EnsureUsersAsync()
        {
            if (usersCreated) return;
            usersCreated = true;
            await CreateUserAsync("reader@example.org");
            await CreateUserAsync("moderator@example.org", Roles.Moderator);
            await CreateUserAsync("admin@example.org", Roles.Administrator);
        }
    }

    private static readonly string[] AdministratorOnly = ["/moderation/log", "/moderation/rules", "/admin/users", "/admin/mail", "/admin/settings"];

    /// <summary>Every protected route, with its parameters filled by a comment that exists (the seed's first).</summary>
    private List<string> ProtectedRoutes()
    {
        var routes = forum.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(r => r.StartsWith("/moderation", StringComparison.Ordinal) || r.StartsWith("/admin", StringComparison.Ordinal))
            .Select(r => r.Replace("{id:long}", "1", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.All(routes, r => Assert.DoesNotContain("{", r, StringComparison.Ordinal));
        // The list is read from the app; this only guards against it silently coming back short.
        Assert.Superset(new HashSet<string>(["/moderation", "/moderation/comments/1/edit", "/moderation/comments/1/reply",
            "/moderation/comments/1/delete", "/moderation/log", "/moderation/posts", "/moderation/rules", "/admin/users"]), routes.ToHashSet());
        return routes;
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignInOnEveryModerationRoute()
    {
        await forum.EnsureUsersAsync();
        using var visitor = new Browser(forum);
        foreach (var route in ProtectedRoutes())
        {
            foreach (var response in new[] { await visitor.GetAsync(route), await PostAsync(visitor, route) })
            {
                Assert.True(response.Status == HttpStatusCode.Redirect, $"{response.Request}: {(int)response.Status}");
                Assert.StartsWith("/account/sign-in", response.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task SignedInReadersWithoutTheRoleGet403OnEveryModerationRoute()
    {
        await forum.EnsureUsersAsync();
        using var reader = new Browser(forum);
        await reader.SignInAsync("reader@example.org", ForumFactory.UserPassword);
        foreach (var route in ProtectedRoutes())
        {
            var get = await reader.GetAsync(route);
            Assert.True(get.Status == HttpStatusCode.Forbidden, $"GET {route}: {(int)get.Status}");
            var post = await PostAsync(reader, route);
            Assert.True(post.Status == HttpStatusCode.Forbidden, $"POST {route}: {(int)post.Status}");
        }
    }

    [Fact]
    public async Task ModeratorsReachTheModerationPagesButNotTheAdministratorsOnes()
    {
        await forum.EnsureUsersAsync();
        using var moderator = new Browser(forum);
        await moderator.SignInAsync("moderator@example.org", ForumFactory.UserPassword);
        foreach (var route in ProtectedRoutes())
        {
            var get = await moderator.GetAsync(route);
            var expected = AdministratorOnly.Contains(route) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(get.Status == expected, $"GET {route}: {(int)get.Status}, expected {(int)expected}");
            if (expected == HttpStatusCode.Forbidden)
            {
                var post = await PostAsync(moderator, route);
                Assert.True(post.Status == HttpStatusCode.Forbidden, $"POST {route}: {(int)post.Status}");
            }
        }
    }

    [Fact]
    public async Task AdministratorsReachEveryRoute()
    {
        await forum.EnsureUsersAsync();
        using var admin = new Browser(forum);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        foreach (var route in ProtectedRoutes())
        {
            var get = await admin.GetAsync(route);
            Assert.True(get.Status == HttpStatusCode.OK, $"GET {route}: {(int)get.Status}");
        }
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedEvenForAModerator()
    {
        await forum.EnsureUsersAsync();
        using var moderator = new Browser(forum);
        await moderator.SignInAsync("moderator@example.org", ForumFactory.UserPassword);
        var response = await PostAsync(moderator, "/moderation");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    private static Task<Page> PostAsync(Browser browser, string route) =>
        browser.PostFormAsync(route, [new("OnOne", "Approve:1")]);
}
