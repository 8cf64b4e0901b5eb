using System.Net;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>Many people commenting at the same moment, each from their own browser and address.</summary>
public sealed class ManyReadersTests
{
    [Fact]
    public async Task TwentyPeopleCommentingAtOnceAreAllStored()
    {
        using var factory = new ForumFactory().With("Moderation:Enabled", "false");
        _ = factory.Server;
        const int readers = 20;

        var results = await Task.WhenAll(Enumerable.Range(1, readers).Select(async n =>
        {
            using var browser = new Browser(factory);
            var posted = await browser.SubmitCommentAsync(SeedThread.Url,
                new CommentForm($"Comment from reader {n}.") { Name = $"Reader {n}", Email = $"reader{n}@example.org", ParentId = n % 2 == 0 ? n / 2 : null });
            return (n, posted);
        }));

        foreach (var (n, posted) in results)
        {
            Assert.True(posted.Status == HttpStatusCode.Found, $"reader {n}: {(int)posted.Status} {posted.Body[..Math.Min(posted.Body.Length, 500)]}");
            Assert.Matches("^/posts/some-so-far-so-what#comment-(2[2-9]|3[0-9]|4[01])$", posted.Location);
        }
        Assert.Equal(readers, results.Select(r => r.posted.Location).Distinct().Count());
        Assert.Equal(SeedThread.Entries + readers, await factory.CountCommentsAsync());

        using var someoneElse = new Browser(factory);
        var page = await someoneElse.OpenAsync(SeedThread.Url);
        Assert.StartsWith($"{SeedThread.Entries + readers} responses", page.ResponsesTitle(), StringComparison.Ordinal);
        var entries = page.QuerySelectorAll("#comments li[id^='comment-']");
        Assert.Equal(SeedThread.Entries + readers, entries.Length);
        foreach (var (n, posted) in results)
        {
            var id = long.Parse(posted.Location![(posted.Location!.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var entry = page.Entry(id);
            Assert.Equal($"Reader {n}", entry.Author());
            Assert.Equal($"Comment from reader {n}.", entry.Body());
            Assert.Equal(n % 2 == 0 ? $"comment-{n / 2}" : null, entry.ParentEntryId());
        }

        // Every path is whole and unique: no two inserts got in each other's way.
        var paths = await factory.WithDbAsync(db => db.Comments.Select(c => c.ThreadPath).ToListAsync());
        Assert.DoesNotContain("", paths);
        Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(SeedThread.Numbered(1, 13 + readers / 2), page.Numbers());
    }
}
