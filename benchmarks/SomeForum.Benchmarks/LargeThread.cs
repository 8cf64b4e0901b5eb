using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;

namespace SomeForum.Benchmarks;

/// <summary>
/// Writes a SQLite database holding one post with a large thread: top-level comments, each with a
/// chain of replies, every thread path as the comment pipeline would give it.
/// </summary>
public static class LargeThread
{
    public const string Slug = "a-very-long-discussion";

    public static async Task CreateAsync(string file, int comments, int repliesPerThread = 4)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        var options = new DbContextOptionsBuilder<SqliteForumDb>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using var db = new SqliteForumDb(options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

        var now = DateTime.UtcNow;
        var post = new Post
        {
            Slug = Slug, Title = "A very long discussion", Source = "Many voices.", Html = "<p>Many voices.</p>", Excerpt = "Many voices.",
            Status = PostStatus.Published, PublishedAt = now.AddDays(-30), CreatedAt = now, UpdatedAt = now,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync();

        var id = 1000L;
        var batch = new List<Comment>();
        string? path = null;
        long? parent = null;
        for (var i = 0; i < comments; i++)
        {
            var depth = i % (repliesPerThread + 1);
            if (depth == 0) (path, parent) = (null, null);
            id++;
            path = ThreadPath.Of(path, id);
            var text = $"Comment {i} with *some* Markdown, as readers write it. It goes on for a sentence or two, like most replies do.";
            batch.Add(new Comment
            {
                Id = id, PostId = post.Id, ParentId = parent, Depth = depth, ThreadPath = path, Status = CommentStatus.Approved,
                AuthorName = $"Reader {i % 97}", AuthorEmail = $"reader{i % 97}@example.org", Source = text,
                Html = $"<p>Comment {i} with <em>some</em> Markdown, as readers write it. It goes on for a sentence or two, like most replies do.</p>",
                CreatedAt = now.AddMinutes(-comments + i), ReceivedAt = now.AddMinutes(-comments + i),
            });
            parent = id;
            if (batch.Count == 2000)
            {
                db.Comments.AddRange(batch);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                batch.Clear();
            }
        }
        db.Comments.AddRange(batch);
        await db.SaveChangesAsync();
        // Written past the app's door for speed: the figures it would have kept are computed as a migration does.
        await db.Database.ExecuteSqlRawAsync(ThreadFiguresBackfill.Sql);
        SqliteConnection.ClearAllPools();
    }
}
