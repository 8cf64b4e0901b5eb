using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Seeding;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>The documented <c>import FILE</c> command, and what it does with a bad document.</summary>
public sealed class ManualImportTests : IDisposable
{
    private readonly ForumFactory factory = new();
    private readonly string folder = Directory.CreateTempSubdirectory("someforum-seeds-").FullName;

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private string WriteSeed(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string GoodDocument = """
        A Second Post

        Its only paragraph.

          1. Alice · March 1, 2024

            First!

            • Bob · March 2, 2024

              Second.

          2. Carol · March 3, 2024

            Third.

        Leave a Reply
        """;

    private async Task<(int Exit, string Out, string Err)> RunImportAsync(params string[] files)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ImportCommand.RunAsync(factory.Services, files, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ImportCommandStoresANewDocumentOnceAndSaysSo()
    {
        var file = WriteSeed("second.txt", GoodDocument);

        var first = await RunImportAsync(file);
        Assert.Equal(0, first.Exit);
        Assert.Contains("second.txt: imported as /posts/a-second-post with 3 entries", first.Out, StringComparison.Ordinal);

        var second = await RunImportAsync(file);
        Assert.Equal(0, second.Exit);
        Assert.Contains("already imported", second.Out, StringComparison.Ordinal);

        Assert.Equal(2, await factory.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(3, await factory.WithDbAsync(db => db.Comments.CountAsync(c => c.Post.Slug == "a-second-post")));

        var client = factory.CreateClient();
        var page = await client.GetDocumentAsync("/posts/a-second-post");
        Assert.Equal(2, page.QuerySelectorAll("ol.comment-list > li").Length);
        Assert.Equal("Bob", page.QuerySelector("ol.comment-list > li:first-child ul.children > li .comment-author")?.Text());
    }

    [Fact]
    public async Task AMalformedDocumentIsRefusedWholeWithItsLineNamed()
    {
        // Line 13 has a date no one can read; the post and the comments before it must not be stored either.
        var file = WriteSeed("broken.txt", GoodDocument.Replace("March 3, 2024", "Marchember 3, 2024", StringComparison.Ordinal));
        var before = await factory.WithDbAsync(db => db.Comments.CountAsync());

        var run = await RunImportAsync(file);

        Assert.Equal(1, run.Exit);
        Assert.Contains("broken.txt, line 13:", run.Err, StringComparison.Ordinal);
        Assert.Contains("'Marchember 3, 2024' is not a date", run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing of this file was imported", run.Err, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.ImportKey == "broken.txt" || p.Slug == "a-second-post")));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Comments.CountAsync()));
    }

    [Fact]
    public async Task AMissingFileIsNamedAndTheOthersStillImport()
    {
        var good = WriteSeed("second.txt", GoodDocument);
        var run = await RunImportAsync(Path.Combine(folder, "absent.txt"), good);
        Assert.Equal(1, run.Exit);
        Assert.Contains("absent.txt: no such file", run.Err, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.Slug == "a-second-post")));
    }

    [Fact]
    public async Task ASlugThatIsTakenRefusesTheDocument()
    {
        var file = WriteSeed("clash.txt", GoodDocument.Replace("A Second Post", "SoMe, So Far, So What?", StringComparison.Ordinal));
        await using var scope = factory.Scope();
        var importer = scope.ServiceProvider.GetRequiredService<SeedImporter>();
        var error = await Assert.ThrowsAsync<SeedFormatException>(() => importer.ImportFileAsync(file, null, CancellationToken.None));
        Assert.Contains("slug 'some-so-far-so-what' exists already", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task ABadSeedInTheSeedFolderDoesNotStopTheForumStarting()
    {
        WriteSeed("001_good.txt", GoodDocument);
        WriteSeed("002_bad.txt", "Title\n\nBody.\n\n  1. Alice · March 1, 2024\n\n  3. Bob · March 2, 2024\n\n    text\n");
        using var fresh = new ForumFactory().With("Seeding:Directory", folder);

        var response = await fresh.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(["001_good.txt"], await fresh.WithDbAsync(db => db.Posts.Select(p => p.ImportKey!).ToListAsync()));
    }
}

public sealed class SeedFolderTests
{
    [Fact]
    public void AMissingSeedFolderOnAnEmptyDatabaseStopsTheStartNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"someforum-no-seeds-{Guid.NewGuid():N}");
        using var fresh = new ForumFactory().With("Seeding:Directory", missing);

        var error = Assert.ThrowsAny<Exception>(() => fresh.Server);

        Assert.Contains($"The seed folder {missing} (Seeding:Directory) does not exist", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptySeedFolderStartsAnEmptyForum()
    {
        var empty = Directory.CreateTempSubdirectory("someforum-empty-seeds-").FullName;
        using var fresh = new ForumFactory().With("Seeding:Directory", empty);

        var response = await fresh.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, await fresh.WithDbAsync(db => db.Posts.CountAsync()));
    }
}

public sealed class ImportCommandPathTests
{
    [Fact]
    public void ARelativePathTypedAtTheRepositoryRootIsFoundFromTheProjectFolder()
    {
        var root = Directory.CreateTempSubdirectory("someforum-root-").FullName;
        try
        {
            var project = Directory.CreateDirectory(Path.Combine(root, "src", "SomeForum.Web")).FullName;
            Directory.CreateDirectory(Path.Combine(root, "seeds"));
            var seed = Path.Combine(root, "seeds", "post.txt");
            File.WriteAllText(seed, "Title\n\nBody.\n");

            Assert.Equal(seed, ImportCommand.Locate("seeds/post.txt", project));
            Assert.Equal(seed, ImportCommand.Locate(seed, project));
            Assert.Null(ImportCommand.Locate("seeds/absent.txt", project));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
