namespace SomeForum.BrowserTests.Infrastructure;

/// <summary>Folders under <c>test-output/</c> at the repository root (ignored by git) for screenshots and reports.</summary>
public static class TestOutput
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Folder(string name)
    {
        var folder = Path.Combine(RepositoryRoot, "test-output", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SomeForum.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SomeForum.sln above {AppContext.BaseDirectory}: cannot tell where test-output/ goes.");
    }
}
