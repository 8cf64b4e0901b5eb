using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

public sealed class ThreadGeneratorTests
{
    private static readonly DateTime Published = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<(SeedEntry Entry, int Depth)> All(IEnumerable<SeedEntry> entries, int depth = 0) =>
        entries.SelectMany(e => All(e.Replies, depth + 1).Prepend((e, depth)));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(1_000, 5)]
    [InlineData(5_000, 3)]
    public void ItMakesExactlyTheCommentsAskedForWithinTheDepthLimit(int comments, int maxDepth)
    {
        var document = ThreadGenerator.Create(comments, maxDepth, seed: 1, "Title", "title", Published);
        var all = All(document.Entries).ToList();

        Assert.Equal(comments, all.Count);
        Assert.All(all, e => Assert.InRange(e.Depth, 0, maxDepth - 1));
        if (comments >= 1_000)
        {
            Assert.Equal(maxDepth - 1, all.Max(e => e.Depth));
            Assert.InRange(document.Entries.Count / (double)comments, 0.35, 0.45);
            Assert.InRange(all.Average(e => e.Entry.Body.Length), 100, 500);
        }
        // Top-level entries read oldest first, and every reply was written after what it answers.
        Assert.Equal(document.Entries.Select(e => e.Date).Order(), document.Entries.Select(e => e.Date));
        Assert.All(all, e => Assert.All(e.Entry.Replies, r => Assert.True(r.Date > e.Entry.Date)));
        Assert.All(all, e => Assert.True(e.Entry.Date > Published));
    }

    [Fact]
    public void TheSameSeedGivesTheSameDiscussionAndAnotherSeedAnother()
    {
        static string Shape(SeedDocument d) => string.Join("|", All(d.Entries).Select(e => $"{e.Depth}:{e.Entry.Author}:{e.Entry.Body}"));
        var one = ThreadGenerator.Create(500, 5, seed: 3, "T", "t", Published);
        Assert.Equal(Shape(one), Shape(ThreadGenerator.Create(500, 5, seed: 3, "T", "t", Published)));
        Assert.NotEqual(Shape(one), Shape(ThreadGenerator.Create(500, 5, seed: 4, "T", "t", Published)));
    }
}
