namespace SomeForum.Web.Seeding;

/// <summary><c>dotnet run --project src/SomeForum.Web -- import FILE...</c>: imports seed documents by hand, then exits.</summary>
public static class ImportCommand
{
    public const string Name = "import";

        /// <summary>
    /// Finds a seed file. `dotnet run --project src/SomeForum.Web` starts the app in the project's
    /// folder, so a relative path typed at the repository root is looked for in the folders above too.
    /// </summary>
    public static string? Locate(string path, string workingDirectory)
    {
        if (Path.IsPathRooted(path)) return File.Exists(path) ? path : null;
        for (var folder = new DirectoryInfo(workingDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, path);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> files, TextWriter output, TextWriter error, bool interactive = false)
    {
        if (files.Count == 0)
        {
            await error.WriteLineAsync("usage: import FILE [FILE...]");
            return 2;
        }
        var failed = 0;
        foreach (var given in files)
        {
            if (Locate(given, Directory.GetCurrentDirectory()) is not { } file)
            {
                await error.WriteLineAsync($"{given}: no such file");
                failed++;
                continue;
            }
            await using var scope = services.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<SeedImporter>()
                    .ImportFileAsync(file, entries => new ConsoleProgress(error, "comments", entries, interactive), CancellationToken.None);
                await output.WriteLineAsync(result.Outcome == SeedImportOutcome.Imported
                    ? $"{result.File}: imported as /posts/{result.Slug} with {result.Entries} entries"
                    : $"{result.File}: already imported as /posts/{result.Slug}; nothing changed");
            }
            catch (SeedFormatException e)
            {
                await error.WriteLineAsync($"{e.Message} (nothing of this file was imported)");
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
