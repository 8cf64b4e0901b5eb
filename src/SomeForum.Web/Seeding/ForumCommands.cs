using SomeForum.Web.Data;

namespace SomeForum.Web.Seeding;

/// <summary>The commands the app runs instead of serving, given after <c>--</c>: each works on the configured database, then exits.</summary>
public static class ForumCommands
{
    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] is ImportCommand.Name or ImportWxrCommand.Name or ImportDisqusCommand.Name or ExportWxrCommand.Name or GenerateCommand.Name or BackupCommand.Name;

    /// <summary>
    /// A command's own words, and the settings given with it: <c>--Section:Key=value</c> or <c>--Section:Key value</c>
    /// (a key with a colon, or any <c>--key=value</c>) configure the app as they do the server, so
    /// <c>import FILE --ConnectionStrings:Forum=…</c> imports into that database; everything else is the command's.
    /// </summary>
    public static (string[] Settings, string[] Words) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        List<string> settings = [], words = [];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var key = arg.Split('=', 2)[0];
            if (arg.StartsWith("--", StringComparison.Ordinal) && (arg.Contains('=', StringComparison.Ordinal) || key.Contains(':', StringComparison.Ordinal)))
            {
                settings.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length) settings.Add(args[++i]);
            }
            else
            {
                words.Add(arg);
            }
        }
        return ([.. settings], [.. words]);
    }

    public static Task<int> RunAsync(IServiceProvider services, string[] words) => words[0] switch
    {
        ImportWxrCommand.Name => ImportWxrCommand.RunAsync(services, words[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
        ImportDisqusCommand.Name => ImportDisqusCommand.RunAsync(services, words[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
        ExportWxrCommand.Name => ExportWxrCommand.RunAsync(services, words[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
        BackupCommand.Name => BackupCommand.RunAsync(services, words[1..], Console.Out, Console.Error),
        ImportCommand.Name => ImportCommand.RunAsync(services, words[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
        _ => GenerateCommand.RunAsync(services, words[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
    };
}
