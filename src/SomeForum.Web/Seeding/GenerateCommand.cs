using System.Globalization;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Seeding;

/// <summary>
/// <c>generate --comments N [--slug S] [--title T] [--seed N]</c>: adds a post with a made-up discussion of N comments
/// (<see cref="ThreadGenerator"/>), through the same import as seed documents, for measuring.
/// </summary>
public static class GenerateCommand
{
    public const string Name = "generate";
    private const string Usage = "usage: generate --comments N [--slug SLUG] [--title TITLE] [--seed N]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive)
    {
        int? comments = null;
        var seed = 1;
        string? slug = null, title = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--comments" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 10_000_000:
                    comments = n;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                case "--slug" when !string.IsNullOrWhiteSpace(value):
                    slug = value;
                    break;
                case "--title" when !string.IsNullOrWhiteSpace(value):
                    title = value;
                    break;
                default:
                    await error.WriteLineAsync($"{args[i]}{(value is null ? "" : " " + value)}: not understood\n{Usage}");
                    return 2;
            }
            i++;
        }
        if (comments is not { } count)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        slug ??= $"generated-{count}-comments";
        if (Posts.Slug.FromTitle(slug) != slug)
        {
            await error.WriteLineAsync($"--slug {slug}: a slug is lowercase letters and digits joined by single hyphens");
            return 2;
        }
        title ??= $"A generated discussion of {count:N0} comments";
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<SeedImporter>();
        var maxDepth = (await scope.ServiceProvider.GetRequiredService<Site.SiteSettings>().CurrentAsync(CancellationToken.None)).MaxReplyDepth;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        // Far enough back that every comment is in the past (about five minutes apart on average).
        var publishedAt = clock.GetUtcNow().UtcDateTime.AddSeconds(-600.0 * count).AddDays(-1);
        var document = ThreadGenerator.Create(count, maxDepth, seed, title, slug, publishedAt);
        try
        {
            var result = await importer.ImportAsync(document, $"generate:{slug}", new ConsoleProgress(error, "comments", count, interactive), CancellationToken.None);
            await output.WriteLineAsync($"generated /posts/{result.Slug} with {result.Entries:N0} comments");
            return 0;
        }
        catch (SeedFormatException e)
        {
            await error.WriteLineAsync($"--slug {slug}: {e.Problem}");
            return 1;
        }
    }
}
