using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Comments;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Moderation;

/// <summary>
/// An administrator suspends an account on the users page: it cannot sign in or comment, its sessions end, its comments
/// go to the trash in one step; unsuspended, it signs in again.
/// </summary>
public sealed class SuspendTests : IDisposable
{
    /// <summary>Sessions checked on every request, to see a new security stamp end one at once.</summary>
    private sealed class StrictForum : ForumFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        }
    }

    private readonly ForumFactory factory = new StrictForum().With("Comments:FloodIntervalSeconds", "0").With("Moderation:HoldFirstComment", "false");

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task ASuspendedAccountsSessionEndsItCannotSignInAndUnsuspendedItCan()
    {
        await factory.CreateUserAsync("member@example.org");
        using var member = new Browser(factory);
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/account/notifications")).Status);

        using var admin = await AdministratorAsync();
        var suspended = await ChangeAsync(admin, "member@example.org", "Suspend");
        Assert.Contains("member@example.org is suspended", suspended.Body, StringComparison.Ordinal);

        var after = await member.GetAsync("/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/account/sign-in", after.ResolvedLocation?.PathAndQuery, StringComparison.Ordinal);
        var refused = await member.SubmitAsync("/account/sign-in", "form.stacked-form",
            [new("Input.Email", "member@example.org"), new("Input.Password", ForumFactory.UserPassword)]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("This account is suspended.", refused.Body, StringComparison.Ordinal);
        // A wrong password learns nothing of the suspension.
        var wrong = await member.SubmitAsync("/account/sign-in", "form.stacked-form", [new("Input.Email", "member@example.org"), new("Input.Password", "not the password")]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.DoesNotContain("suspended", wrong.Body, StringComparison.Ordinal);

        await ChangeAsync(admin, "member@example.org", "Unsuspend");
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/account/notifications")).Status);
        var log = await factory.WithDbAsync(db => db.ModerationLog.OrderBy(e => e.Id).Select(e => new { e.Action, e.Note }).ToListAsync());
        Assert.Equal([("Suspend account", "member@example.org"), ("Unsuspend account", "member@example.org")], log.Select(e => (e.Action, e.Note)));
    }

    [Fact]
    public async Task ASuspendedAccountCannotCommentEvenBeforeItsSessionIsChecked()
    {
        // The app's own interval: the session is still open when the comment comes.
        using var lenient = new ForumFactory().With("Comments:FloodIntervalSeconds", "0").With("Moderation:HoldFirstComment", "false");
        var id = await lenient.CreateUserAsync("member@example.org");
        using var member = new Browser(lenient);
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);
        var form = await member.GetAsync(SeedThread.Url);
        await using (var scope = lenient.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.SuspendedAt = DateTime.UtcNow;
            await users.UpdateAsync(user);
        }
        var before = await lenient.CountCommentsAsync();
        var refused = await member.SubmitAsync(form, "form.comment-form", [new("Input.Text", "Still here?")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("This account is suspended: it cannot comment.", refused.Body, StringComparison.Ordinal);
        Assert.Equal(before, await lenient.CountCommentsAsync());
    }

    [Fact]
    public async Task ASuspendedAccountsCommentsGoToTheTrashInOneStepThroughTheDoor()
    {
        var id = await factory.CreateUserAsync("member@example.org");
        var comments = new List<long>();
        foreach (var text in new[] { "First words", "Second words" })
        {
            await using var scope = factory.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
            {
                PostId = 1, AuthorName = "member", AuthorEmail = "member@example.org", UserId = id, Text = text, IpAddress = "203.0.113.50",
            }, CommentOrigin.Reader, CancellationToken.None);
            comments.Add(result.Comment!.Id);
        }
        using var guest = new Browser(factory);
        Assert.NotNull((await guest.OpenAsync(SeedThread.Url)).GetElementById($"comment-{comments[0]}"));

        using var admin = await AdministratorAsync();
        var users = await admin.OpenAsync("/admin/users");
        // Offered only once the account is suspended.
        Assert.DoesNotContain(Row(users, "member@example.org").QuerySelectorAll("button"), b => b.TextContent.StartsWith("Trash", StringComparison.Ordinal));
        await ChangeAsync(admin, "member@example.org", "Suspend");
        var page = await admin.GetAsync("/admin/users");
        var trash = Row(page.Document, "member@example.org").QuerySelector("form[action*=TrashComments]")!;
        Assert.Equal("Trash their 2 comments", trash.QuerySelector("button")?.TextContent);
        var done = await admin.SubmitAsync(page, "table.users form[action*=TrashComments]", []);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Contains("Moved 2 comments of member@example.org to the trash.", (await admin.FollowAsync(done)).Body, StringComparison.Ordinal);

        foreach (var comment in comments)
        {
            Assert.Equal(CommentStatus.Trash, await factory.WithDbAsync(db => db.Comments.Where(c => c.Id == comment).Select(c => c.Status).SingleAsync()));
        }
        // Through the one door: each change logged (so each can be undone), the page cache evicted.
        var log = await factory.WithDbAsync(db => db.ModerationLog.OrderBy(e => e.Id).Select(e => new { e.Action, e.CommentId }).ToListAsync());
        Assert.Equal(["Suspend account", "Trash", "Trash", "Trash account's comments"], log.Select(e => e.Action));
        Assert.Null((await guest.OpenAsync(SeedThread.Url)).GetElementById($"comment-{comments[0]}"));
    }

    [Fact]
    public async Task AnAdministratorIsNotSuspendedAndOthersCannotSuspend()
    {
        using var admin = await AdministratorAsync();
        var users = await admin.OpenAsync("/admin/users");
        Assert.Empty(Row(users, "admin@example.org").QuerySelectorAll("form[action*=Suspend]"));
        var adminId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "admin@example.org").Select(u => u.Id).SingleAsync());

        await factory.CreateUserAsync("mod@example.org", Roles.Moderator);
        using var moderator = new Browser(factory);
        await moderator.SignInAsync("mod@example.org", ForumFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.PostFormAsync("/admin/users?handler=Suspend", [new("id", adminId), new("suspend", "true")])).Status);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.SuspendedAt).SingleAsync()));
    }

    private static AngleSharp.Dom.IElement Row(IHtmlDocument page, string email) =>
        page.QuerySelectorAll("table.users tbody tr").Single(r => r.QuerySelector("td")?.TextContent == email);

    /// <summary>Clicks Suspend or Unsuspend in the account's row, and reads the page it comes back to.</summary>
    private static async Task<Page> ChangeAsync(Browser admin, string email, string button)
    {
        var page = await admin.GetAsync("/admin/users");
        var id = Row(page.Document, email).QuerySelector("form[action*=Suspend] input[name=id]")!.GetAttribute("value")!;
        var changed = await admin.SubmitAsync(page, $"table.users form[action*=Suspend]:has(input[value='{id}'])", []);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        var after = await admin.FollowAsync(changed);
        Assert.Contains(button == "Suspend" ? "is suspended" : "can sign in again", after.Body, StringComparison.Ordinal);
        return after;
    }

    private async Task<Browser> AdministratorAsync()
    {
        await factory.CreateUserAsync("admin@example.org", Roles.Administrator);
        var admin = new Browser(factory);
        await admin.SignInAsync("admin@example.org", ForumFactory.UserPassword);
        return admin;
    }
}
