using System.Diagnostics;
using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>
/// <c>import-wxr FILE [--dry-run]</c>: imports a WordPress export (WXR 1.0–1.2). The report comes first; with
/// <c>--dry-run</c> it is all, and nothing is written.
/// </summary>
public static class ImportWxrCommand
{
    public const string Name = "import-wxr";
    private const string Usage = "usage: import-wxr FILE [--dry-run]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive = false)
    {
        var dryRun = args.Contains("--dry-run");
        var files = args.Where(a => a != "--dry-run").ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        if (ImportCommand.Locate(files[0], Directory.GetCurrentDirectory()) is not { } file)
        {
            await error.WriteLineAsync($"{files[0]}: no such file");
            return 1;
        }

        WxrFile wxr;
        try
        {
            wxr = WxrImporter.ReadFile(file);
        }
        catch (WxrFormatException e)
        {
            await error.WriteLineAsync($"{e.Message} (nothing of this file was imported)");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<WxrImporter>();
        var plan = await importer.PlanAsync(wxr, Path.GetFileName(file), CancellationToken.None);
        plan.WriteReport(output);
        if (dryRun)
        {
            await output.WriteLineAsync("Dry run: nothing was written.");
            return 0;
        }
        if (plan.Posts.Count == 0)
        {
            await output.WriteLineAsync("Nothing new to import; nothing changed.");
            return 0;
        }
        var clock = Stopwatch.StartNew();
        var result = await importer.ImportAsync(plan, new ConsoleProgress(error, "comments", plan.CommentCount, interactive), CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Imported {result.Posts} posts and {result.Comments} comments in {clock.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
