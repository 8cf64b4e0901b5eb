using SomeForum.Web.Accounts;

namespace SomeForum.Tests.Accounts;

public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("  Ann  ", "Ann")]
    [InlineData("Ann \t\n Smith", "Ann Smith")]
    [InlineData(null, "")]
    public void Tidy_SpacesAroundAndBetween_AreOneSpace(string? name, string tidied) =>
        Assert.Equal(tidied, DisplayNames.Tidy(name));

    [Theory]
    [InlineData("Ann Smith")]
    [InlineData("Ζωή")]
    [InlineData("李小龍")]
    [InlineData("R2-D2 ✨")]
    public void Problem_AVisibleNameOfAnyScript_IsNone(string name) => Assert.Null(DisplayNames.Problem(name));

    [Theory]
    [InlineData("Ann\u200DSmith")] // zero-width joiner
    [InlineData("\u202EnnA")] // right-to-left override
    [InlineData("Ann\u00AD")] // soft hyphen
    [InlineData("\u2800")] // blank Braille pattern
    [InlineData("Ann\u2028Smith")] // line separator
    [InlineData("Ann\u0000")]
    public void Problem_InvisibleOrControlCharacters_AreRefused(string name) =>
        Assert.Equal("A name cannot hold invisible or control characters.", DisplayNames.Problem(name));

    [Fact]
    public void Problem_LongerThanTheLimit_IsRefused()
    {
        Assert.Null(DisplayNames.Problem(new string('a', DisplayNames.MaxLength)));
        Assert.Equal("A name can be at most 50 characters.", DisplayNames.Problem(new string('a', DisplayNames.MaxLength + 1)));
    }
}
