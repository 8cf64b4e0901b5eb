using System.Diagnostics;
using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>
/// <c>export-wxr FILE [--force]</c>: writes the whole site as a WordPress export (<see cref="WxrWriter"/>). The file is
/// written beside its final name and moved there when complete, so a failed export leaves no half file and an
/// earlier export in its place is replaced only by a whole one (and only with <c>--force</c>).
/// </summary>
public static class ExportWxrCommand
{
    public const string Name = "export-wxr";
    private const string Usage = "usage: export-wxr FILE [--force]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive = false)
    {
        var (target, exit) = await OutputFile.ReadAsync(args, Usage, error);
        if (target is null) return exit;
        if (await target.RefusedAsExistingAsync(error)) return 1;
        var (file, force) = (target.FullPath, target.Force);

        await using var scope = services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<WxrWriter>();
        if (await writer.SiteUrlAsync(CancellationToken.None) is null)
        {
            await error.WriteLineAsync($"The site's public address is not set (Pingback:SiteUrl, or the settings page): the export names the site {WxrWriter.DefaultSiteUrl}");
        }
        var clock = Stopwatch.StartNew();
        var partial = $"{file}.{Guid.NewGuid():N}.partial";
        WxrExportResult result;
        try
        {
            var progress = new ConsoleProgress(error, "comments", await writer.CountCommentsAsync(CancellationToken.None), interactive);
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                result = await writer.WriteAsync(stream, progress, CancellationToken.None);
            }
            File.Move(partial, file, overwrite: force);
        }
        finally
        {
            File.Delete(partial);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Exported {result.Posts} posts and {result.Comments} comments of {result.SiteUrl} to {target.Given} ({new FileInfo(file).Length / 1024.0:N0} KB) in {clock.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
