namespace SomeForum.Web.Seeding;

/// <summary>The commands the app runs instead of serving, given after <c>--</c>: each works on the configured database, then exits.</summary>
public static class ForumCommands
{
    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] is ImportCommand.Name or ImportWxrCommand.Name or GenerateCommand.Name;

    public static Task<int> RunAsync(IServiceProvider services, string[] args) => args[0] switch
    {
        ImportWxrCommand.Name => ImportWxrCommand.RunAsync(services, args[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
        ImportCommand.Name => ImportCommand.RunAsync(services, args[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
        _ => GenerateCommand.RunAsync(services, args[1..], Console.Out, Console.Error, interactive: !Console.IsErrorRedirected),
    };
}
