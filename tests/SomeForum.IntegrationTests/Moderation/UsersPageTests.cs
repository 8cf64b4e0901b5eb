using System.Net;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>The users page offers each account only the changes that mean something for it.</summary>
public sealed class UsersPageTests
{
    [Fact]
    public async Task AnAdministratorIsOfferedNoRoleAndAMemberIsOfferedEach()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        var memberId = await factory.CreateUserAsync("member@example.org");
        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);

        var page = await admin.OpenAsync("/admin/users");
        string[] Buttons(string email) => [.. page.QuerySelectorAll("table.users tr")
            .Single(r => r.QuerySelector("td")?.TextContent == email)
            .QuerySelectorAll("button").Select(b => b.TextContent.Trim())];

        Assert.Empty(Buttons("admin@example.org"));
        // With mail off, an administrator sets a member's new password on the page (Accounts: forgotten passwords).
        Assert.Equal(["Grant Moderator", "Grant Author", "Suspend", "Set password"], Buttons("member@example.org"));
        Assert.Equal(["Revoke Moderator", "Grant Author", "Suspend", "Set password"], Buttons("mod@example.org"));

        // A forged request changes nothing for an administrator either.
        Assert.Equal(memberId, page.QuerySelectorAll("table.users tr").Single(r => r.QuerySelector("td")?.TextContent == "member@example.org")
            .QuerySelector("input[name=id]")!.GetAttribute("value"));
        var forged = await admin.SubmitAsync("/admin/users", "table.users form", [new("id", await factory.WithDbAsync(db =>
            Task.FromResult(db.Users.Single(u => u.Email == "admin@example.org").Id))), new("role", Roles.Moderator), new("grant", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, forged.Status);
        var after = await admin.FollowAsync(forged);
        Assert.Contains("is an administrator, who moderates and writes already", after.Body, StringComparison.Ordinal);
        Assert.Empty(Buttons("admin@example.org"));
    }
}
