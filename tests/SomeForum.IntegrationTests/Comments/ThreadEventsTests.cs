using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// Every change to a thread is announced exactly once, after its transaction has committed (a subscriber
/// reading the store from a connection of its own already sees it), and a change that is refused or rolled
/// back announces nothing.
/// </summary>
public sealed class ThreadEventsTests
{
    /// <summary>What one announcement looked like, and what a separate connection read of the comment and its post at that moment.</summary>
    public sealed record Heard(ThreadChanged Change, bool CommentExists, CommentStatus? StatusSeen, int CommentsOfPost);

    public sealed class Announcements
    {
        public ConcurrentQueue<Heard> Heard { get; } = new();

        public IReadOnlyList<Heard> Since(int mark) => [.. Heard.Skip(mark)];
    }

    /// <summary>Subscribes as any feature would, and checks each change against the store as another reader sees it.</summary>
    private sealed class CommitProbe(IServiceScopeFactory scopes, Announcements log) : IThreadChangeSubscriber
    {
        public async ValueTask OnThreadChangedAsync(ThreadChanged change, CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ForumDb>();
            var row = change.CommentId is { } id
                ? await db.Comments.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Status }).SingleOrDefaultAsync(ct)
                : null;
            var comments = await db.Comments.CountAsync(c => c.PostId == change.PostId, ct);
            log.Heard.Enqueue(new Heard(change, row is not null, row?.Status, comments));
        }
    }

    private sealed class ListeningForum : ForumFactory
    {
        public Announcements Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton(Log);
                services.AddScoped<IThreadChangeSubscriber, CommitProbe>();
            });
        }
    }

    private static ListeningForum Forum() =>
        (ListeningForum)new ListeningForum().With("Comments:FloodIntervalSeconds", "0").With("Moderation:HoldFirstComment", "false");

    private static Task<T> DoorAsync<T>(ForumFactory forum, Func<ThreadChanges, Task<T>> change) =>
        forum.WithServicesAsync(services => change(services.GetRequiredService<ThreadChanges>()));

    [Fact]
    public async Task TheSeedImportIsAnnouncedOnceAsAChangeToItsPostAfterItsTransactionCommits()
    {
        using var forum = Forum();
        _ = forum.Server;

        // One change to the new post (the listing shows it, its page is new), not one per imported entry:
        // old comments are not news to anyone following the thread.
        var heard = Assert.Single(forum.Log.Since(0));
        Assert.Equal((ThreadChangeKind.PostChanged, (long?)null), (heard.Change.Kind, heard.Change.CommentId));
        Assert.False(heard.Change.Published);
        // Announced after the one transaction of the import: every entry was already there to be read.
        Assert.Equal(SeedThread.Entries, heard.CommentsOfPost);
    }

    [Fact]
    public async Task AReadersCommentIsAnnouncedOnceAndARefusedOneNotAtAll()
    {
        using var forum = Forum();
        using var reader = new Browser(forum);
        var mark = (await ReadyAsync(forum)).Heard.Count;

        var posted = await reader.SubmitCommentAsync(SeedThread.Url, new CommentForm("Announced once, please."));
        Assert.Equal(HttpStatusCode.Found, posted.Status);
        var added = Assert.Single(forum.Log.Since(mark));
        Assert.Equal((ThreadChangeKind.Added, (CommentStatus?)null, CommentStatus.Approved), (added.Change.Kind, added.Change.Before, added.Change.After));
        Assert.Equal((true, CommentStatus.Approved), (added.CommentExists, added.StatusSeen));
        Assert.True(added.Change.Published);

        // The same text again is refused: nothing stored, nothing announced.
        var again = await reader.SubmitCommentAsync(SeedThread.Url, new CommentForm("Announced once, please."));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Single(forum.Log.Since(mark));
    }

    [Fact]
    public async Task EachModerationChangeIsAnnouncedOncePerCommentItChanges()
    {
        using var forum = Forum();
        var mark = (await ReadyAsync(forum)).Heard.Count;

        Assert.Equal(3, await DoorAsync(forum, door => door.ModerateAsync([1, 2, 3], ModerationAction.Unapprove, ThreadDoor.TestModerator, default)));
        var held = forum.Log.Since(mark);
        Assert.Equal([1L, 2L, 3L], held.Select(h => h.Change.CommentId!.Value).Order());
        Assert.All(held, h => Assert.Equal((ThreadChangeKind.StatusChanged, CommentStatus.Approved, CommentStatus.Pending, CommentStatus.Pending),
            (h.Change.Kind, h.Change.Before, h.Change.After, h.StatusSeen)));

        // Nothing to change, nothing announced.
        mark = forum.Log.Heard.Count;
        Assert.Equal(0, await DoorAsync(forum, door => door.ModerateAsync([1], ModerationAction.Unapprove, ThreadDoor.TestModerator, default)));
        Assert.Empty(forum.Log.Since(mark));

        Assert.Equal(1, await DoorAsync(forum, door => door.ModerateAsync([1], ModerationAction.Approve, ThreadDoor.TestModerator, default)));
        var approved = Assert.Single(forum.Log.Since(mark));
        Assert.Equal((CommentStatus.Pending, CommentStatus.Approved, CommentStatus.Approved), (approved.Change.Before, approved.Change.After, approved.StatusSeen));
        Assert.True(approved.Change.Published);
    }

    [Fact]
    public async Task AnEditAnEraseAndADeleteAreEachAnnouncedOnce()
    {
        using var forum = Forum();
        var mark = (await ReadyAsync(forum)).Heard.Count;

        var edited = await DoorAsync(forum, door => door.EditAsync(5, "Edited by a moderator.", CommentOrigin.Moderator, ThreadDoor.TestModerator, default));
        Assert.Equal(CommentStatus.Approved, edited.Status);
        var edit = Assert.Single(forum.Log.Since(mark));
        Assert.Equal((ThreadChangeKind.Edited, 5L), (edit.Change.Kind, edit.Change.CommentId!.Value));
        Assert.True(edit.Change.ChangesWhatReadersSee);

        // Comment 4 has replies: it is erased in place. Comment 6 has none: it goes.
        mark = forum.Log.Heard.Count;
        await DoorAsync(forum, door => door.EraseAsync(4, ThreadDoor.TestModerator, null, default));
        await DoorAsync(forum, door => door.EraseAsync(6, ThreadDoor.TestModerator, null, default));
        var removed = forum.Log.Since(mark);
        Assert.Equal(2, removed.Count);
        Assert.Equal((ThreadChangeKind.Erased, 4L, CommentStatus.Trash, true), (removed[0].Change.Kind, removed[0].Change.CommentId!.Value, removed[0].StatusSeen!.Value, removed[0].CommentExists));
        Assert.Equal((ThreadChangeKind.Deleted, 6L, false), (removed[1].Change.Kind, removed[1].Change.CommentId!.Value, removed[1].CommentExists));
    }

    [Fact]
    public async Task AMentionsUpdateIsAnnouncedOnceWithTheStatusTheRulesGaveIt()
    {
        using var forum = Forum();
        _ = forum.Server;
        var postId = await forum.WithDbAsync(db => db.Posts.Select(p => p.Id).SingleAsync());
        var mention = new CommentSubmission
        {
            PostId = postId, Kind = CommentKind.Webmention, AuthorName = "A page elsewhere", Text = "…links to this post…",
            SourceUrl = "https://elsewhere.example/page", SourceTitle = "A page elsewhere",
        };
        var stored = await forum.WithServicesAsync(services => services.GetRequiredService<CommentPipeline>().AddAsync(mention, CommentOrigin.Import, default));
        var id = stored.Comment!.Id;
        var mark = forum.Log.Heard.Count;

        var outcome = await DoorAsync(forum, door => door.UpdateMentionAsync(id,
            mention with { AuthorName = "The same page, rewritten", SourceTitle = "The same page, rewritten", Text = "…now says something else…" },
            CommentOrigin.Webmention, default));

        Assert.Equal(CommentStatus.Pending, outcome.Status);
        var updated = Assert.Single(forum.Log.Since(mark));
        Assert.Equal((ThreadChangeKind.Edited, id, CommentStatus.Approved, CommentStatus.Pending, CommentStatus.Pending),
            (updated.Change.Kind, updated.Change.CommentId!.Value, updated.Change.Before, updated.Change.After, updated.StatusSeen));
        Assert.True(updated.Change.ChangesWhatReadersSee);
    }

    [Fact]
    public async Task ModeratorsActingAtOnceKeepTheFiguresTrue()
    {
        using var forum = Forum();
        _ = forum.Server;
        await FigureChecks.ModerateAtOnceAsync(forum);
        await FigureChecks.AssertFiguresMatchCountingAsync(forum);
    }

    [Fact]
    public async Task APostsTrashAndRestoreAreAnnouncedOnceForItsThread()
    {
        using var forum = Forum();
        var mark = (await ReadyAsync(forum)).Heard.Count;
        var postId = await forum.WithDbAsync(db => db.Posts.Select(p => p.Id).SingleAsync());

        Assert.True(await DoorAsync(forum, door => door.TrashPostAsync(postId, ThreadDoor.TestModerator, null, default)));
        Assert.False(await DoorAsync(forum, door => door.TrashPostAsync(postId, ThreadDoor.TestModerator, null, default)));
        Assert.True(await DoorAsync(forum, door => door.RestorePostAsync(postId, ThreadDoor.TestModerator, null, default)));

        var heard = forum.Log.Since(mark);
        Assert.Equal([ThreadChangeKind.PostTrashed, ThreadChangeKind.PostRestored], heard.Select(h => h.Change.Kind));
        Assert.All(heard, h => Assert.Equal((postId, (long?)null), (h.Change.PostId, h.Change.CommentId)));
    }

    [Fact]
    public async Task AChangeThatRollsBackAnnouncesNothingAndLeavesNothingBehind()
    {
        using var forum = Forum();
        using var reader = new Browser(forum);
        var postId = await forum.WithDbAsync(db => db.Posts.Select(p => p.Id).SingleAsync());
        await DoorAsync(forum, door => door.ModerateAsync([5], ModerationAction.Unapprove, ThreadDoor.TestModerator, default));
        var mark = forum.Log.Heard.Count;

        // A moderator's reply approves the held comment it answers in the same transaction; when the reply
        // itself is refused (the post left the site meanwhile, behind the door's back), the approval is undone too.
        await forum.WithDbAsync(db => db.Posts.Where(p => p.Id == postId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, SomeForum.Web.Posts.PostStatus.Draft)));
        var moderator = await SignedInModeratorAsync(forum);
        var result = await forum.WithServicesAsync(services =>
            services.GetRequiredService<ThreadChanges>().ReplyAsModeratorAsync(5, "An answer that cannot be stored.", moderator, default));

        Assert.Null(result.Comment);
        Assert.Empty(forum.Log.Since(mark));
        Assert.Equal(CommentStatus.Pending, await forum.WithDbAsync(db => db.Comments.Where(c => c.Id == 5).Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, await forum.WithDbAsync(db => db.ModerationLog.CountAsync(e => e.CommentId == 5 && e.StatusAfter == CommentStatus.Approved)));
    }

    private static async Task<Announcements> ReadyAsync(ListeningForum forum)
    {
        _ = forum.Server;
        await forum.WithDbAsync(db => db.Comments.CountAsync());
        return forum.Log;
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> SignedInModeratorAsync(ForumFactory forum) =>
        await forum.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Accounts.ForumUser>>();
            var user = new Web.Accounts.ForumUser { UserName = "mod@example.org", Email = "mod@example.org", DisplayName = "Mod", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "a long moderator passphrase")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Web.Accounts.Roles.Moderator)).Succeeded);
            var factory = services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<Web.Accounts.ForumUser>>();
            return await factory.CreateAsync(user);
        });
}
