using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>
/// <c>import-wxr FILE [--dry-run]</c>: imports a WordPress export (WXR 1.0–1.2). The report comes first; with
/// <c>--dry-run</c> it is all, and nothing is written.
/// </summary>
public static class ImportWxrCommand
{
    public const string Name = "import-wxr";

    public static Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive = false) =>
        FileImportCommand.RunAsync(services, Name, args, output, error, interactive,
            WxrImporter.ReadFile,
            (scope, wxr, fileName) => scope.GetRequiredService<WxrImporter>().PlanAsync(wxr, fileName, CancellationToken.None),
            async (scope, plan, progress) =>
            {
                var result = await scope.GetRequiredService<WxrImporter>().ImportAsync(plan, progress, CancellationToken.None);
                return string.Create(CultureInfo.InvariantCulture, $"Imported {result.Posts} posts and {result.Comments} comments");
            });
}
