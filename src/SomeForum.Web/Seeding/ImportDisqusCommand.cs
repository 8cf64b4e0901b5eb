using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>
/// <c>import-disqus FILE [--dry-run]</c>: imports a Disqus export (threads and posts) into the posts their pages are,
/// or new drafts. The report comes first; with <c>--dry-run</c> it is all, and nothing is written.
/// </summary>
public static class ImportDisqusCommand
{
    public const string Name = "import-disqus";

    public static Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive = false) =>
        FileImportCommand.RunAsync(services, Name, args, output, error, interactive,
            DisqusImporter.ReadFile,
            (scope, disqus, fileName) => scope.GetRequiredService<DisqusImporter>().PlanAsync(disqus, fileName, CancellationToken.None),
            async (scope, plan, progress) =>
            {
                var result = await scope.GetRequiredService<DisqusImporter>().ImportAsync(plan, progress, CancellationToken.None);
                return string.Create(CultureInfo.InvariantCulture, $"Imported {result.Comments} comments into {plan.Posts.Count} posts ({result.Posts} of them new drafts)");
            });
}
