using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;

namespace SomeForum.Tests.Moderation;

/// <summary>
/// A real SQLite forum in memory, for the moderation rules' "has this author an approved comment yet?"
/// questions. The connection stays open for the test's life: closing it would drop the database.
/// </summary>
internal sealed class ModerationTestForum : IDisposable
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly SqliteConnection connection;
    private readonly ModerationOptions configured;
    private readonly SavedRules saved = new(TimeProvider.System);
    private int slugs;

    public ModerationTestForum(ModerationOptions configured)
    {
        this.configured = configured;
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Db = new SqliteForumDb(new DbContextOptionsBuilder<SqliteForumDb>().UseSqlite(connection).Options);
        Db.Database.EnsureCreated();
    }

    public SqliteForumDb Db { get; }

    public ModerationRules Rules() => new(Db, new ModerationSettings(Db, new FixedOptions(configured), saved), new SomeForum.Web.Rendering.MarkdownRenderer());

    public async Task<Post> AddPostAsync(string? authorId = null, PostStatus status = PostStatus.Published)
    {
        slugs++;
        var post = new Post
        {
            Slug = $"post-{slugs}",
            Title = $"Post {slugs}",
            Source = "Body.",
            Html = "<p>Body.</p>",
            AuthorId = authorId,
            Status = status,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        Db.Posts.Add(post);
        await Db.SaveChangesAsync();
        return post;
    }

    public async Task<long> AddCommentAsync(string? email, string? userId, CommentStatus status)
    {
        var post = await AddPostAsync();
        var comment = new Comment
        {
            PostId = post.Id,
            AuthorName = "Earlier",
            AuthorEmail = email,
            UserId = userId,
            Status = status,
            Source = "Earlier comment.",
            Html = "<p>Earlier comment.</p>",
            ThreadPath = "0000000001",
            ReceivedAt = Now,
        };
        Db.Comments.Add(comment);
        await Db.SaveChangesAsync();
        return comment.Id;
    }

    public async Task SaveRulesAsync(ModerationRuleSet rules)
    {
        rules.Id = ModerationRuleSet.SingletonId;
        rules.UpdatedAt = Now;
        Db.ModerationRules.Add(rules);
        await Db.SaveChangesAsync();
        saved.Forget(); // as the rules page does
    }

    public void Dispose()
    {
        Db.Dispose();
        connection.Dispose();
    }

    private sealed class FixedOptions(ModerationOptions value) : IOptionsMonitor<ModerationOptions>
    {
        public ModerationOptions CurrentValue => value;

        public ModerationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ModerationOptions, string?> listener) => null;
    }
}
