using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

/// <summary>The optional header between two '---' lines: facts the page does not show.</summary>
public sealed class SeedDocumentHeaderTests
{
    private static readonly string DocumentWithHeader = string.Join("\n",
        "---",
        "slug: x",
        "author: Neil",
        "published: 2013-12-01",
        "pingback 1: https://example.org/p",
        "---",
        "Title",
        "",
        "The post.",
        "",
        "  1. Pingback: A post | A site",
        "  2. Meg Peppin · December 2, 2013",
        "",
        "    A comment.",
        "",
        "Leave a Reply");

    [Fact]
    public void Parse_Header_GivesSlugAuthorAndPublishedDate()
    {
        var document = SeedDocumentParser.Parse(DocumentWithHeader, "header.txt");

        Assert.Equal("x", document.Slug);
        Assert.Equal("Neil", document.Author);
        Assert.Equal(new DateTime(2013, 12, 1, 0, 0, 0, DateTimeKind.Utc), document.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, document.PublishedAt!.Value.Kind);
    }

    [Fact]
    public void Parse_Header_IsNotPartOfTitleOrBody()
    {
        var document = SeedDocumentParser.Parse(DocumentWithHeader, "header.txt");

        Assert.Equal("Title", document.Title);
        Assert.Equal("The post.", document.Body);
    }

    [Fact]
    public void Parse_HeaderPingbackUrl_GoesToThatPingback()
    {
        var document = SeedDocumentParser.Parse(DocumentWithHeader, "header.txt");

        Assert.Collection(
            document.Entries,
            pingback =>
            {
                Assert.Equal(1, pingback.Number);
                Assert.Equal(11, pingback.Line);
                Assert.Equal(SeedEntryKind.Pingback, pingback.Kind);
                Assert.Equal("A post | A site", pingback.Author);
                Assert.Equal("https://example.org/p", pingback.SourceUrl);
                Assert.Null(pingback.Date);
            },
            comment =>
            {
                Assert.Equal(2, comment.Number);
                Assert.Equal(12, comment.Line);
                Assert.Equal(SeedEntryKind.Comment, comment.Kind);
                Assert.Null(comment.SourceUrl);
                Assert.Equal("A comment.", comment.Body);
            });
    }

    [Fact]
    public void Parse_HeaderWithBlankLinesAndSpacedKeys_ReadsTheFields()
    {
        var text = string.Join("\n",
            "---",
            "",
            "Slug:   spaced  ",
            "pingback   1 : http://example.org/a",
            "---",
            "",
            "Title",
            "",
            "The post.",
            "",
            "  1. Pingback: A post | A site");

        var document = SeedDocumentParser.Parse(text, "header.txt");

        Assert.Equal("spaced", document.Slug);
        Assert.Equal("http://example.org/a", Assert.Single(document.Entries).SourceUrl);
    }

    [Fact]
    public void Parse_NoHeader_LeavesPingbackWithoutUrl()
    {
        var document = SeedDocumentParser.Parse("Title\n\nThe post.\n\n  1. Pingback: A post | A site\n", "plain.txt");

        var pingback = Assert.Single(document.Entries);
        Assert.Null(pingback.SourceUrl);
        Assert.Null(document.Slug);
    }
}
