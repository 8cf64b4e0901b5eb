using System.Diagnostics;
using System.Globalization;

namespace SomeForum.Web.Seeding;

/// <summary>What an export file's importer plans, before anything is written.</summary>
public interface IImportPlan
{
    /// <summary>Nothing new: a second import of the same file.</summary>
    bool IsEmpty { get; }
    int CommentCount { get; }
    void WriteReport(TextWriter output);
}

/// <summary>
/// The steps every <c>import-… FILE [--dry-run]</c> command takes: read the whole file (a malformed one is refused,
/// with its line and column, and nothing is written), report the plan, stop there on <c>--dry-run</c>, else import
/// with a progress bar.
/// </summary>
public static class FileImportCommand
{
    public const string DryRun = "--dry-run";

    public static async Task<int> RunAsync<TFile, TPlan>(
        IServiceProvider services, string name, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive,
        Func<string, TFile> read, Func<IServiceProvider, TFile, string, Task<TPlan>> plan, Func<IServiceProvider, TPlan, IProgress<int>, Task<string>> import)
        where TPlan : IImportPlan
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(import);
        var dryRun = args.Contains(DryRun);
        var files = args.Where(a => a != DryRun).ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"usage: {name} FILE [{DryRun}]");
            return 2;
        }
        if (ImportCommand.Locate(files[0], Directory.GetCurrentDirectory()) is not { } file)
        {
            await error.WriteLineAsync($"{files[0]}: no such file");
            return 1;
        }

        TFile contents;
        try
        {
            contents = read(file);
        }
        catch (ImportFormatException e)
        {
            await error.WriteLineAsync($"{e.Message} (nothing of this file was imported)");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var planned = await plan(scope.ServiceProvider, contents, Path.GetFileName(file));
        planned.WriteReport(output);
        if (dryRun)
        {
            await output.WriteLineAsync("Dry run: nothing was written.");
            return 0;
        }
        if (planned.IsEmpty)
        {
            await output.WriteLineAsync("Nothing new to import; nothing changed.");
            return 0;
        }
        var clock = Stopwatch.StartNew();
        var done = await import(scope.ServiceProvider, planned, new ConsoleProgress(error, "comments", planned.CommentCount, interactive));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{done} in {clock.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
