using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Pingbacks;
using SomeForum.Web.Posts;

namespace SomeForum.IntegrationTests.Pingbacks;

/// <summary>
/// One forum that accepts sources on loopback (Pingback:AllowPrivateAddresses, the test switch) with
/// a limit high enough for a whole test class, and one real source site beside it. Each test uses
/// pages of its own, so tests never see each other's sources.
/// </summary>
public sealed class PingbackFixture : IAsyncLifetime
{
    public ForumFactory Forum { get; } = new ForumFactory()
        .With("Pingback:AllowPrivateAddresses", "true")
        .With("Pingback:RateLimitPerMinute", "10000");

    public SourceSite Site { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await SourceSite.StartAsync();
        Client = Forum.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Site.DisposeAsync();
        await Forum.DisposeAsync();
    }

    public static string NewPath(string name) => $"/{name}/{Guid.NewGuid():N}";

    public Task<List<Comment>> MentionsFromAsync(Uri source) =>
        Forum.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.SourceUrl == source.AbsoluteUri).ToListAsync());

    public Task<long> SeedPostIdAsync() => Forum.WithDbAsync(db => db.Posts.Where(p => p.Slug == "some-so-far-so-what").Select(p => p.Id).SingleAsync());

    /// <summary>A second published post, with its own switches, so a test can close it without touching the seed post.</summary>
    public Task<string> NewPostAsync(bool pingbacksOpen = true, PostStatus status = PostStatus.Published) =>
        Forum.WithDbAsync(async db =>
        {
            var slug = $"post-{Guid.NewGuid():N}";
            db.Posts.Add(new Post
            {
                Slug = slug, Title = "Another post", Source = "Body", Html = "<p>Body</p>", Status = status,
                PingbacksOpen = pingbacksOpen, PublishedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return "/posts/" + slug;
        });

    public Task<List<WebmentionRequest>> ProcessedAsync(Uri source, int count = 1) => Pinger.ProcessedAsync(Forum, source, count);
}
