using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

public sealed class ForumCommandsTests
{
    [Theory]
    [InlineData("import a.txt --ConnectionStrings:Forum=x", "--ConnectionStrings:Forum=x", "import a.txt")]
    [InlineData("import --Database:Provider Postgres a.txt b.txt", "--Database:Provider Postgres", "import a.txt b.txt")]
    [InlineData("generate --comments 10 --slug s --environment=Production", "--environment=Production", "generate --comments 10 --slug s")]
    [InlineData("generate --title A:B --comments 3", "", "generate --title A:B --comments 3")]
    public void SettingsAreTakenFromBesideTheCommandsOwnWords(string given, string settings, string words)
    {
        var (s, w) = ForumCommands.Split(given.Split(' '));
        Assert.Equal(settings, string.Join(' ', s));
        Assert.Equal(words, string.Join(' ', w));
    }

    [Theory]
    [InlineData("import-disqus", true)]
    [InlineData("import-wxr", true)]
    [InlineData("import-disqus-x", false)]
    [InlineData("--urls", false)]
    public void TheFileImportersAreCommands(string word, bool isCommand)
    {
        Assert.Equal(isCommand, ForumCommands.IsInvoked([word, "file.xml"]));
    }
}
