using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Comments;

public sealed class SameCommentAtOnceTests
{
    [Fact]
    public async Task TheSameCommentSentManyTimesAtOnceIsStoredOnce()
    {
        using var factory = new ForumFactory().With("Comments:FloodIntervalSeconds", "0");
        _ = factory.Server;
        // One impatient reader, from one address, pressing the button again and again.
        var attempts = Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = factory.Scope();
            return await scope.ServiceProvider.GetRequiredService<CommentPipeline>().AddAsync(new CommentSubmission
            {
                PostId = 1, AuthorName = "Impatient", AuthorEmail = "impatient@example.org",
                Text = "Did my comment go through?", IpAddress = "198.51.100.1",
            }, CommentOrigin.Reader, CancellationToken.None);
        });
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, r => r.Comment is not null);
        Assert.All(results.Where(r => r.Comment is null), r => Assert.Equal(CommentProblem.Duplicate, r.Rejection!.Problem));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.AuthorName == "Impatient")));
    }
}
