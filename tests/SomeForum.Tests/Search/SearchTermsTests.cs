using SomeForum.Web.Search;

namespace SomeForum.Tests.Search;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("Hello world", new[] { "hello", "world" })]
    [InlineData("\"NEAR(a b)\" OR -c*", new[] { "near", "a", "b", "or", "c" })]
    [InlineData("Source:x ^y", new[] { "source", "x", "y" })]
    [InlineData("<script>alert(1)</script>", new[] { "script", "alert", "1" })]
    [InlineData("café Straße 東京", new[] { "café", "straße", "東京" })]
    [InlineData("don't don't", new[] { "don", "t" })]
    public void Parse_AnyInput_PlainLowerCaseWordsOnce(string input, string[] words)
    {
        var terms = SearchTerms.Parse(input);
        Assert.Null(terms.Problem);
        Assert.Equal(words, terms.Words);
    }

    [Fact]
    public void Fts5Query_EachWordQuoted_NoOperatorLeft()
    {
        Assert.Equal("\"near\" \"a\" \"or\" \"b\"", SearchTerms.Parse("NEAR(a OR \"b").Fts5Query);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Nothing_NoWordsAndNoProblem(string? input)
    {
        var terms = SearchTerms.Parse(input);
        Assert.False(terms.CanSearch);
        Assert.Null(terms.Problem);
    }

    [Theory]
    [InlineData("\"*()-^:")]
    [InlineData("a b c d e f g h i")]
    public void Parse_NoWordsOrTooMany_AProblemToShow(string input) => Assert.NotNull(SearchTerms.Parse(input).Problem);

    [Fact]
    public void Parse_TooLong_AProblemToShow()
    {
        Assert.Null(SearchTerms.Parse(new string('a', SearchTerms.MaxWordLength)).Problem);
        Assert.Contains("too long", SearchTerms.Parse(new string('a', 1000)).Problem, StringComparison.Ordinal);
        Assert.Contains("too long", SearchTerms.Parse(new string('a', SearchTerms.MaxWordLength + 1)).Problem, StringComparison.Ordinal);
    }
}
