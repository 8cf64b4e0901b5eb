using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>Commenting under an account, comments closing by age, and the thread's own limits on what may be answered.</summary>
public sealed class AccountsAndClosingTests
{
    private const string SeedPost = "/posts/some-so-far-so-what";

    [Fact]
    public async Task ASignedInReaderCommentsUnderTheirAccountWithoutRetypingTheirDetails()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0").With("Moderation:HoldFirstComment", "false");
        var userId = await factory.CreateUserAsync("member@example.org");
        using var member = new Browser(factory);
        await member.SignInAsync("member@example.org", ForumFactory.UserPassword);

        var form = await member.OpenAsync(SeedPost);
        Assert.Null(form.QuerySelector("#Input_Name"));
        Assert.Contains("Commenting as member", form.QuerySelector(".signed-in-as")?.TextContent, StringComparison.Ordinal);

        // A forged name in the form changes nothing: the account is who comments.
        var response = await member.SubmitAsync(SeedPost, "form.comment-form",
            [new("Input.Text", "As myself."), new("Input.Name", "Someone Else")], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var stored = await factory.WithDbAsync(db => db.Comments.SingleAsync(c => c.Source == "As myself."));
        Assert.Equal(("member", "member@example.org", userId, CommentStatus.Approved), (stored.AuthorName, stored.AuthorEmail, stored.UserId, stored.Status));
    }

    [Fact]
    public async Task CommentsCloseByThemselvesSomeDaysAfterPublishing()
    {
        using var factory = new ForumFactory().With("Moderation:CloseCommentsAfterDays", "14").With("Comments:FloodIntervalSeconds", "0");
        _ = factory.Server;
        await factory.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishedAt, DateTime.UtcNow.AddDays(-15))));
        using var reader = new Browser(factory);
        var page = await reader.OpenAsync(SeedPost);
        Assert.Equal("Comments are closed.", page.QuerySelector(".comments-closed")?.TextContent);
        Assert.Empty(page.QuerySelectorAll(".reply-link"));

        await factory.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishedAt, DateTime.UtcNow.AddDays(-13))));
        var open = await reader.GetAsync(SeedPost);
        Assert.NotNull(open.Document.QuerySelector("form.comment-form"));

        // The post ages past the limit while the reader writes: refused, nothing stored, the text given back.
        await factory.ChangePostsAsync(posts => posts.ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishedAt, DateTime.UtcNow.AddDays(-15))));
        var before = await factory.WithDbAsync(db => db.Comments.CountAsync());
        var late = await reader.SubmitCommentAsync(open, new CommentForm("Too late to say this") { Name = "Late", Email = "late@example.org" });
        Assert.Equal(HttpStatusCode.Forbidden, late.Status);
        Assert.Contains("Too late to say this", late.Body, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task APingbackCannotBeAnsweredAndAnImportKeepsItsDepthWhateverTheLimit()
    {
        using var factory = new ForumFactory().With("Comments:MaxDepth", "1").With("Comments:FloodIntervalSeconds", "0");
        _ = factory.Server;
        // The seed nests three levels deep; imported with a limit of one level, it keeps its shape.
        Assert.Equal(2, await factory.WithDbAsync(db => db.Comments.MaxAsync(c => c.Depth)));

        var pingback = await factory.WithDbAsync(db => db.Comments.Where(c => c.Kind == CommentKind.Pingback).Select(c => c.Id).FirstAsync());
        using var reader = new Browser(factory);
        var before = await factory.WithDbAsync(db => db.Comments.CountAsync());
        var response = await reader.SubmitAsync(SeedPost, "form.comment-form",
            [new("Input.Name", "Forger"), new("Input.Email", "f@example.org"), new("Input.Text", "Replying to a pingback"),
             new("Input.ParentId", pingback.ToString(System.Globalization.CultureInfo.InvariantCulture))], "Input.Intent=post");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }
}
