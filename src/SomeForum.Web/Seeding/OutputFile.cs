namespace SomeForum.Web.Seeding;

/// <summary>
/// The one file a command writes (<c>export-wxr FILE</c>, <c>backup FILE</c>), with <c>--force</c>: read and checked
/// alike by each, so they answer the same mistakes the same way.
/// </summary>
public sealed record OutputFile(string Given, string FullPath, bool Force)
{
    /// <summary>The file the words name, or null (after saying why) with the exit code: 2 for a usage error, 1 for a bad place.</summary>
    public static async Task<(OutputFile? File, int Exit)> ReadAsync(IReadOnlyList<string> words, string usage, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(error);
        var force = words.Contains("--force");
        var files = words.Where(a => a != "--force").ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(usage);
            return (null, 2);
        }
        var path = Path.GetFullPath(files[0]);
        if (Directory.Exists(path) || !Directory.Exists(Path.GetDirectoryName(path)))
        {
            await error.WriteLineAsync($"{files[0]}: not a file in an existing folder");
            return (null, 1);
        }
        return (new OutputFile(files[0], path, force), 0);
    }

    /// <summary>True, after saying so, when the file is there already and --force was not given.</summary>
    public async Task<bool> RefusedAsExistingAsync(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(FullPath) || Force) return false;
        await error.WriteLineAsync($"{Given}: exists already; give another name, or --force to replace it");
        return true;
    }
}
