using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

/// <summary>
/// Documents the parser must refuse: each names its file, the line to look at, and the problem.
/// The documents are written one line per argument, so a line's number is its place in the list.
/// </summary>
public sealed class SeedDocumentFormatErrorTests
{
    private const string FileName = "broken.txt";

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static SeedFormatException ParseFails(string text, int line, string problem)
    {
        var error = Assert.Throws<SeedFormatException>(() => SeedDocumentParser.Parse(text, FileName));
        Assert.Equal(FileName, error.File);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{FileName}, line {line}: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Parse_ReplyBeforeAnyNumberedComment_FailsOnTheReplyLine()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  • Someone · December 2, 2013",
            "",
            "    A reply to nothing.");

        ParseFails(text, 5, "a reply ('•') comes before any numbered comment");
    }

    [Fact]
    public void Parse_ReplyNotIndentedUnderAComment_FailsOnTheReplyLine()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "  • Someone · December 2, 2013",
            "",
            "    A reply at the comment's own depth.");

        ParseFails(text, 9, "this reply is not indented under any comment above it");
    }

    [Fact]
    public void Parse_CommentNumbersOutOfSequence_FailsOnTheUnexpectedNumber()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "  3. Third · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 9, "expected comment number 2, found 3");
    }

    [Fact]
    public void Parse_FirstCommentNotNumberedOne_FailsOnThatComment()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  2. Second · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 5, "expected comment number 1, found 2");
    }

    [Fact]
    public void Parse_CommentNumberTooLargeForAnInt_FailsAsAFormatError()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  99999999999. First · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 5, "expected comment number 1, found 99999999999");
    }

    [Fact]
    public void Parse_CommentHeaderWithoutDate_FailsNamingTheExpectedForm()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. Meg Peppin December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 5, "expected 'Author · Date' or 'Pingback: Title | Site', found 'Meg Peppin December 2, 2013'");
    }

    [Fact]
    public void Parse_ReplyHeaderWithoutDate_FailsOnTheReplyLine()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "    • dougshaw",
            "",
            "      Reply.");

        ParseFails(text, 9, "expected 'Author · Date' or 'Pingback: Title | Site', found 'dougshaw'");
    }

    [Fact]
    public void Parse_UnparseableCommentDate_FailsNamingTheDate()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · Decembr 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 5, "'Decembr 2, 2013' is not a date");
    }

    [Fact]
    public void Parse_UnparseableReplyDate_FailsOnTheReplyLine()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "    • Second · December 32, 2013",
            "",
            "      Reply.");

        ParseFails(text, 9, "'December 32, 2013' is not a date");
    }

    [Fact]
    public void Parse_CommentWithNoText_FailsOnThatComment()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. Meg Peppin · December 2, 2013",
            "",
            "  2. hrgem · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 5, "the comment by Meg Peppin has no text");
    }

    [Fact]
    public void Parse_ReplyWithNoText_FailsOnThatReply()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "    • Silent · December 2, 2013",
            "",
            "Leave a Reply");

        ParseFails(text, 9, "the comment by Silent has no text");
    }

    [Fact]
    public void Parse_UnindentedParagraphBetweenComments_FailsOnThatParagraph()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "A paragraph that belongs to no comment.",
            "",
            "  2. Second · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 9, "text outside any comment: it must be indented deeper than its comment's line 5");
    }

    [Fact]
    public void Parse_TextAtTheCommentsOwnIndentation_FailsOnThatText()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "  Not deeper than its comment.");

        ParseFails(text, 9, "text outside any comment: it must be indented deeper than its comment's line 5");
    }

    [Fact]
    public void Parse_ReplyTextNotDeeperThanTheReply_FailsOnThatText()
    {
        var text = Lines(
            "Title",
            "",
            "The post.",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.",
            "",
            "    • Second · December 2, 2013",
            "",
            "      Reply.",
            "",
            "    Back at the reply's depth.");

        ParseFails(text, 13, "text outside any comment: it must be indented deeper than its comment's line 9");
    }

    [Fact]
    public void Parse_EmptyDocument_FailsForMissingTitle()
    {
        ParseFails("", 1, "the document has no title line");
    }

    [Fact]
    public void Parse_BlankDocument_FailsOnItsLastLine()
    {
        ParseFails(Lines("", "   ", ""), 3, "the document has no title line");
    }

    [Fact]
    public void Parse_HeaderOnly_FailsForMissingTitleOnItsLastLine()
    {
        ParseFails(Lines("---", "slug: x", "---"), 3, "the document has no title line");
    }

    [Fact]
    public void Parse_IndentedFirstLine_FailsForMissingTitle()
    {
        var text = Lines(
            "  1. First · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 1, "the first line of text must be the post's title, unindented");
    }

    [Fact]
    public void Parse_PostWithNoBodyBeforeItsComments_FailsWhereTheCommentsStart()
    {
        var text = Lines(
            "Title",
            "",
            "  1. First · December 2, 2013",
            "",
            "    Text.");

        ParseFails(text, 3, "the post has no text between its title and its comments");
    }

    [Fact]
    public void Parse_PostWithNoBodyBeforeTheFooter_FailsOnTheFooter()
    {
        ParseFails(Lines("Title", "", "Leave a Reply", "", "Post Comment"), 3, "the post has no text between its title and its comments");
    }

    [Fact]
    public void Parse_TitleOnly_FailsOnALineOfTheFile()
    {
        ParseFails(Lines("Title", ""), 2, "the post has no text between its title and its comments");
        ParseFails("Title", 1, "the post has no text between its title and its comments");
    }

    [Fact]
    public void Parse_UnclosedHeader_FailsOnItsFirstLine()
    {
        var text = Lines(
            "---",
            "slug: x",
            "author: Neil",
            "",
            "Title",
            "",
            "The post.");

        ParseFails(text, 1, "the header that starts with '---' on line 1 is never closed by another '---' line");
    }

    [Fact]
    public void Parse_UnclosedHeaderOfFieldsOnly_FailsOnItsFirstLine()
    {
        ParseFails(Lines("---", "slug: x"), 1, "is never closed");
    }

    [Fact]
    public void Parse_UnknownHeaderField_FailsOnThatField()
    {
        var text = Lines(
            "---",
            "slug: x",
            "colour: blue",
            "---",
            "Title",
            "",
            "The post.");

        ParseFails(text, 3, "unknown header field 'colour' (known: slug, author, published, pingback N)");
    }

    [Fact]
    public void Parse_HeaderLineWithoutColon_FailsOnThatLine()
    {
        ParseFails(Lines("---", "slug x", "---", "Title", "", "The post."), 2, "'slug x' is not a 'name: value' header line");
    }

    [Fact]
    public void Parse_HeaderFieldWithoutValue_FailsOnThatField()
    {
        ParseFails(Lines("---", "author:", "---", "Title", "", "The post."), 2, "the header field 'author' has no value");
    }

    [Fact]
    public void Parse_HeaderFieldGivenTwice_FailsOnTheSecond()
    {
        ParseFails(Lines("---", "slug: x", "Slug: y", "---", "Title", "", "The post."), 3, "the header field 'slug' is given twice");
    }

    [Fact]
    public void Parse_UnparseablePublishedDate_FailsOnThatField()
    {
        ParseFails(Lines("---", "published: someday", "---", "Title", "", "The post."), 2, "'someday' is not a date");
    }

    [Fact]
    public void Parse_PingbackUrlNotHttp_FailsOnThatField()
    {
        ParseFails(Lines("---", "pingback 1: ftp://example.org/p", "---", "Title", "", "The post."), 2, "'ftp://example.org/p' is not an absolute http or https URL");
        ParseFails(Lines("---", "pingback 1: example.org/p", "---", "Title", "", "The post."), 2, "'example.org/p' is not an absolute http or https URL");
    }

    [Fact]
    public void Parse_PingbackNumberTooLargeForAnInt_FailsOnThatField()
    {
        ParseFails(Lines("---", "pingback 99999999999: https://example.org/p", "---", "Title", "", "The post."), 2, "is not an entry number");
    }

    [Fact]
    public void Parse_PingbackUrlForAComment_FailsOnThatHeaderField()
    {
        var text = Lines(
            "---",
            "slug: x",
            "pingback 1: https://example.org/p",
            "---",
            "Title",
            "",
            "The post.",
            "",
            "  1. Meg Peppin · December 2, 2013",
            "",
            "    Not a pingback.");

        ParseFails(text, 3, "the header gives a URL for pingback 1, but entry 1 is not a pingback");
    }

    [Fact]
    public void Parse_PingbackUrlForAMissingEntry_FailsOnThatHeaderField()
    {
        var text = Lines(
            "---",
            "pingback 2: https://example.org/p",
            "---",
            "Title",
            "",
            "The post.",
            "",
            "  1. Pingback: A post | A site");

        ParseFails(text, 2, "the header gives a URL for pingback 2, but there is no entry 2");
    }
}
