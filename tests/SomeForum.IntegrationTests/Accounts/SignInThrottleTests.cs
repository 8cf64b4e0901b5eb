using System.Net;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;

namespace SomeForum.IntegrationTests.Accounts;

public sealed class SignInThrottleTests
{
    private const string Owner = "owner@example.org";

    [Fact]
    public async Task AStrangerGuessingTheOwnersPasswordStopsOnlyThemselvesNotTheOwner()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync(Owner, Roles.Administrator);
        using var stranger = new Browser(factory);

        for (var i = 0; i < SignInThrottle.PerAccountAndClient; i++)
        {
            var wrong = await SignInAsync(stranger, Owner, $"guess number {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Contains("That email and password do not match an account.", wrong.Body);
        }
        // The stranger is stopped, even when they now hit on the password...
        var stopped = await SignInAsync(stranger, Owner, ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.Status);
        Assert.Contains("Too many failed sign-ins from here", stopped.Body);

        // ...and the owner, from their own address, signs in at once.
        using var owner = new Browser(factory);
        await owner.SignInAsync(Owner, ForumFactory.UserPassword);
    }

    [Fact]
    public async Task AnAddressWithoutAnAccountIsAnsweredExactlyAsOneWithAnAccount()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync(Owner);
        using var client = new Browser(factory);

        var answers = new Dictionary<string, List<(HttpStatusCode, string)>>();
        foreach (var email in new[] { Owner, "nobody@example.org" })
        {
            var list = answers[email] = [];
            for (var i = 0; i <= SignInThrottle.PerAccountAndClient; i++)
            {
                var page = await SignInAsync(client, email, "not the password");
                list.Add((page.Status, page.Document.QuerySelector(".form-errors")!.TextContent.Trim()));
            }
        }
        Assert.Equal(answers[Owner], answers["nobody@example.org"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[Owner][^1].Item1);
    }

    [Fact]
    public async Task OneClientTryingManyAccountsIsStoppedForAllOfThem()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync(Owner);
        using var client = new Browser(factory);
        for (var i = 0; i < SignInThrottle.PerClient; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, $"user{i}@example.org", "not the password")).Status);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, Owner, ForumFactory.UserPassword)).Status);

        using var other = new Browser(factory);
        await other.SignInAsync(Owner, ForumFactory.UserPassword);
    }

    [Fact]
    public async Task ARightPasswordAfterAFewWrongOnesClearsThePairsCount()
    {
        using var factory = new ForumFactory();
        await factory.CreateUserAsync(Owner);
        var address = Browser.NextAddress();
        for (var round = 0; round < 2; round++)
        {
            // A new browser on the same address each round: the same client, signed out.
            using var owner = new Browser(factory, address);
            for (var i = 0; i < SignInThrottle.PerAccountAndClient - 1; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(owner, Owner, "a typo")).Status);
            }
            await owner.SignInAsync(Owner, ForumFactory.UserPassword);
        }
    }

    private static Task<Page> SignInAsync(Browser browser, string email, string password) =>
        browser.SubmitAsync("/account/sign-in", "form.stacked-form", [new("Input.Email", email), new("Input.Password", password)]);
}
