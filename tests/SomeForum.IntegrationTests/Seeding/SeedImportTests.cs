using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Seeding;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>The real seed document, imported by the real app on its first start.</summary>
public sealed class SeedImportTests : IDisposable
{
    private const string SeedFile = "000_4ef4242e2c62289a.txt";
    private readonly ForumFactory factory = new();

    public void Dispose() => factory.Dispose();

    private sealed record Row(long Id, long? ParentId, int Depth, CommentKind Kind, CommentStatus Status, string AuthorName, string Source, DateTime? CreatedAt);

    private async Task<List<Row>> ThreadAsync() => await factory.WithDbAsync(db => db.Comments
        .OrderBy(c => c.ThreadPath)
        .Select(c => new Row(c.Id, c.ParentId, c.Depth, c.Kind, c.Status, c.AuthorName, c.Source, c.CreatedAt))
        .ToListAsync());

    [Fact]
    public async Task FirstStartImportsTheSeedPostWithItsWholeThread()
    {
        _ = factory.Server; // starts the app: migrations, then the seed import

        var post = await factory.WithDbAsync(db => db.Posts.SingleAsync());
        Assert.Equal("some-so-far-so-what", post.Slug);
        Assert.Equal("SoMe, So Far, So\u00A0What?", post.Title);
        Assert.Equal(SeedFile, post.ImportKey);
        Assert.Null(post.AuthorName);
        Assert.Null(post.PublishedAt);
        Assert.Equal(6, post.Source.Split("\n\n").Length);
        Assert.StartsWith("<p>Wednesday sees the hosting of the CIPD’s Social Media conference.", post.Html, StringComparison.Ordinal);

        var rows = await ThreadAsync();
        Assert.Equal(21, rows.Count);
        Assert.All(rows, r => Assert.Equal(CommentStatus.Approved, r.Status));

        var topLevel = rows.Where(r => r.ParentId is null).ToList();
        Assert.Equal(13, topLevel.Count);
        Assert.Equal(11, topLevel.Count(r => r.Kind == CommentKind.Comment));
        Assert.Equal(
            ["Meg Peppin", "hrgem", "richardsmith0309", "Sukh Pabial", "dougshaw", "Tim Collins, GPHR (@collinstw)",
             "Robin Schooling", "Robert Ordever", "Natalia Thomson", "Simon Jones (@ariadneassoc)",
             "Being a social facilitator | Thinking About Learning", "HR – social or anti-social? | Up the Down Escalator",
             "HR Community"],
            topLevel.Select(r => r.AuthorName));
        Assert.Equal([10, 11], topLevel.Select((r, i) => (r, i)).Where(x => x.r.Kind == CommentKind.Pingback).Select(x => x.i));
        Assert.All(topLevel.Where(r => r.Kind == CommentKind.Pingback), r => Assert.Null(r.CreatedAt));

        Assert.Equal(8, rows.Count(r => r.ParentId is not null));
        Assert.Equal(2, rows.Max(r => r.Depth));
    }

    [Fact]
    public async Task EveryReplyHangsUnderTheCommentItAnswers()
    {
        _ = factory.Server;
        var rows = await ThreadAsync();
        var byId = rows.ToDictionary(r => r.Id);
        string ParentOf(Row r) => r.ParentId is { } p ? byId[p].AuthorName : "(top)";

        // The thread as the seed nests it, in page order: author, parent's author, depth.
        Assert.Equal(
            [
                ("Meg Peppin", "(top)", 0), ("hrgem", "(top)", 0), ("richardsmith0309", "(top)", 0),
                ("Sukh Pabial", "(top)", 0), ("dougshaw", "Sukh Pabial", 1), ("Sukh Pabial", "dougshaw", 2),
                ("dougshaw", "(top)", 0),
                ("Tim Collins, GPHR (@collinstw)", "(top)", 0), ("Sukh Pabial", "Tim Collins, GPHR (@collinstw)", 1),
                ("Khurshed Dehnugara (@relume1)", "Tim Collins, GPHR (@collinstw)", 1),
                ("Tim Collins, GPHR (@collinstw)", "Khurshed Dehnugara (@relume1)", 2),
                ("Robin Schooling", "(top)", 0), ("Steve Hearsum", "Robin Schooling", 1), ("Emma Browes", "Steve Hearsum", 2),
                ("Robert Ordever", "(top)", 0), ("Doug Shaw", "Robert Ordever", 1),
                ("Natalia Thomson", "(top)", 0), ("Simon Jones (@ariadneassoc)", "(top)", 0),
                ("Being a social facilitator | Thinking About Learning", "(top)", 0),
                ("HR – social or anti-social? | Up the Down Escalator", "(top)", 0),
                ("HR Community", "(top)", 0),
            ],
            rows.Select(r => (r.AuthorName, ParentOf(r), r.Depth)));
    }

    [Fact]
    public async Task EveryDateAndParagraphIsKept()
    {
        _ = factory.Server;
        var rows = await ThreadAsync();
        var dec2 = new DateTime(2013, 12, 2, 0, 0, 0, DateTimeKind.Utc);
        var dec3 = dec2.AddDays(1);
        var dec16 = dec2.AddDays(14);
        Assert.Equal(
            [dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec2, dec3, dec2, dec2, dec3, dec3, null, null, dec16],
            rows.Select(r => r.CreatedAt));
        Assert.All(rows.Where(r => r.CreatedAt is not null), r => Assert.Equal(DateTimeKind.Utc, r.CreatedAt!.Value.Kind));

        // Paragraphs of each entry, in page order (pingbacks have none).
        Assert.Equal(
            [4, 2, 1, 8, 1, 4, 4, 7, 1, 1, 1, 4, 4, 1, 2, 1, 2, 2, 0, 0, 1],
            rows.Select(r => r.Source.Length == 0 ? 0 : r.Source.Split("\n\n").Length));

        var simon = rows.Single(r => r.AuthorName == "Simon Jones (@ariadneassoc)");
        // The a) b) c) lines follow the paragraph's first line directly, each a line of its own.
        var lines = simon.Source.Split("\n\n")[0].Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("a) if you’re an independent HR professional", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("b) If you’re working alone", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("c) Neil seem to be suggesting", lines[3], StringComparison.Ordinal);

        var all = string.Join("\n", rows.Select(r => r.Source));
        Assert.DoesNotContain("Leave a Reply", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Facebook photo", all, StringComparison.Ordinal);
        Assert.Contains("🙂", rows.Single(r => r.Source.Contains("stinker", StringComparison.Ordinal)).Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportingAgainChangesNothing()
    {
        _ = factory.Server;
        var before = await ThreadAsync();

        await factory.Services.ImportSeedsIntoEmptyStoreAsync();
        await using (var scope = factory.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<SeedImporter>()
                .ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "seeds", SeedFile), null, CancellationToken.None);
            Assert.Equal(SeedImportOutcome.AlreadyImported, result.Outcome);
        }

        // A second start of the app over the same database imports nothing either.
        using (var restarted = new ForumFactory(factory.DatabaseFile))
        {
            _ = restarted.Server;
            Assert.Equal(1, await restarted.WithDbAsync(db => db.Posts.CountAsync()));
        }

        var after = await ThreadAsync();
        Assert.Equal(before, after);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Posts.CountAsync()));
    }
}
