using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>
/// A command takes the same settings as the server: <c>import FILE --ConnectionStrings:Forum=…</c> imports into that
/// database, not into the default one. Run as a user runs it, as a process of its own.
/// </summary>
public sealed class CommandSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("someforum-command-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<List<string>> SlugsInAsync(string file)
    {
        using var forum = new ForumFactory(file);
        return await forum.WithDbAsync(db => db.Posts.OrderBy(p => p.Slug).Select(p => p.Slug).ToListAsync());
    }

    [Fact]
    public async Task ImportWritesIntoTheDatabaseTheCommandLineNames()
    {
        var seed = Path.Combine(folder, "post.txt");
        await File.WriteAllTextAsync(seed, "A Post Given By Hand\n\nIts paragraph.\n\n  1. Alice · March 1, 2024\n\n    Hello.\n\nLeave a Reply\n");
        var database = Path.Combine(folder, "chosen.db");

        var (exit, output) = await AppCommand.RunAsync("import", seed, $"--ConnectionStrings:Forum=Data Source={database}");

        Assert.True(exit == 0, output);
        Assert.Contains("imported as /posts/a-post-given-by-hand with 1 entries", output, StringComparison.Ordinal);
        Assert.Equal(["a-post-given-by-hand"], await SlugsInAsync(database));
    }

    [Fact]
    public async Task GenerateTakesASettingWithItsValueAfterASpaceAndKeepsItsOwnOptions()
    {
        var database = Path.Combine(folder, "generated.db");

        var (exit, output) = await AppCommand.RunAsync("generate", "--comments", "12", "--ConnectionStrings:Forum", $"Data Source={database}", "--slug", "given-here");

        Assert.True(exit == 0, output);
        Assert.Equal(["given-here"], await SlugsInAsync(database));
    }
}
