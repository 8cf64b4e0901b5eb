using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;

namespace SomeForum.IntegrationTests.Infrastructure;

/// <summary>
/// Setting a comment's status the way the app does, through its one door, so the figures pages read
/// (counts, numbers) stay true: a test that wrote the column directly would read a thread the app never makes.
/// </summary>
public static class ThreadDoor
{
    public static readonly Actor TestModerator = new(null, "test moderator");

    public static async Task MarkAsync(this ForumFactory factory, long commentId, CommentStatus status)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var action = status switch
        {
            CommentStatus.Approved => ModerationAction.Approve,
            CommentStatus.Pending => ModerationAction.Unapprove,
            CommentStatus.Spam => ModerationAction.Spam,
            _ => ModerationAction.Trash,
        };
        await using var scope = factory.Scope();
        await scope.ServiceProvider.GetRequiredService<ThreadChanges>().ModerateAsync([commentId], action, TestModerator, CancellationToken.None);
    }

    public static async Task<T> WithServicesAsync<T>(this ForumFactory factory, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = factory.Scope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Changes every post through the door, as the editor and the moderation pages do, so their cached pages go.</summary>
    public static async Task ChangePostsAsync(this ForumFactory factory, Func<IQueryable<Post>, Task<int>> change)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Scope();
        var ids = await scope.ServiceProvider.GetRequiredService<ForumDb>().Posts.Select(p => p.Id).ToListAsync();
        foreach (var id in ids)
        {
            await scope.ServiceProvider.GetRequiredService<ThreadChanges>()
                .ChangePostAsync(id, "Test change", TestModerator, null, change, CancellationToken.None);
        }
    }
}
