using SomeForum.Web.Seeding;

namespace SomeForum.Tests.Seeding;

/// <summary>The parser against the real seed file, as it is copied to the test output.</summary>
public sealed class RealSeedDocumentTests
{
    private const string SeedFileName = "000_4ef4242e2c62289a.txt";

    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", SeedFileName);

    /// <summary>
    /// The whole comment list as the page shows it, counted by hand from the file: number, author,
    /// day of December 2013, paragraph count, the line that starts the entry, and its replies.
    /// </summary>
    private static readonly Expected[] ExpectedComments =
    [
        new(1, "Meg Peppin", 2, 4, 16),
        new(2, "hrgem", 2, 2, 27),
        new(3, "richardsmith0309", 2, 1, 33),
        new(4, "Sukh Pabial", 2, 8, 37,
            new Expected(null, "dougshaw", 2, 1, 55,
                new Expected(null, "Sukh Pabial", 2, 4, 59))),
        new(5, "dougshaw", 2, 4, 69),
        new(6, "Tim Collins, GPHR (@collinstw)", 2, 7, 79,
            new Expected(null, "Sukh Pabial", 2, 1, 95),
            new Expected(null, "Khurshed Dehnugara (@relume1)", 2, 1, 99,
                new Expected(null, "Tim Collins, GPHR (@collinstw)", 2, 1, 103))),
        new(7, "Robin Schooling", 2, 4, 107,
            new Expected(null, "Steve Hearsum", 2, 4, 117,
                new Expected(null, "Emma Browes", 3, 1, 127))),
        new(8, "Robert Ordever", 2, 2, 131,
            new Expected(null, "Doug Shaw", 2, 1, 137)),
        new(9, "Natalia Thomson", 3, 2, 141),
        new(10, "Simon Jones (@ariadneassoc)", 3, 2, 147),
        new(13, "HR Community", 16, 1, 158),
    ];

    private static readonly string[] FooterFragments =
    [
        "Leave a Reply",
        "Fill in your details",
        "You are commenting using",
        "Facebook photo",
        "Connecting to",
        "Logo",
    ];

    private static SeedDocument ParseSeed() => SeedDocumentParser.Parse(File.ReadAllText(SeedPath), SeedFileName);

    private static IEnumerable<SeedEntry> AllEntries(IEnumerable<SeedEntry> entries) =>
        entries.SelectMany(e => AllEntries(e.Replies).Prepend(e));

    private static string[] Paragraphs(string body) => body.Split("\n\n");

    [Fact]
    public void Parse_RealSeed_TitleKeepsTheNonBreakingSpace()
    {
        var document = ParseSeed();

        Assert.Equal("SoMe, So Far, So\u00A0What?", document.Title);
    }

    [Fact]
    public void Parse_RealSeed_BodyHasSixParagraphs()
    {
        var document = ParseSeed();

        var paragraphs = Paragraphs(document.Body);
        Assert.Equal(6, paragraphs.Length);
        Assert.StartsWith("Wednesday sees the hosting of the CIPD\u2019s Social Media conference.", paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(
            "My question is, does Social HR really want to? Or is it just another pink and fluffy example of the profession slowly losing credibility. Only time will tell.",
            paragraphs[5]);
    }

    [Fact]
    public void Parse_RealSeed_HasNoHeaderMetadata()
    {
        var document = ParseSeed();

        Assert.Null(document.Slug);
        Assert.Null(document.Author);
        Assert.Null(document.PublishedAt);
    }

    [Fact]
    public void Parse_RealSeed_HasThirteenTopLevelEntriesNumberedInOrder()
    {
        var document = ParseSeed();

        Assert.Equal(Enumerable.Range(1, 13).Cast<int?>(), document.Entries.Select(e => e.Number));
        Assert.Equal(11, document.Entries.Count(e => e.Kind == SeedEntryKind.Comment));
        Assert.Equal(2, document.Entries.Count(e => e.Kind == SeedEntryKind.Pingback));
    }

    [Fact]
    public void Parse_RealSeed_PingbacksAreEntriesElevenAndTwelve()
    {
        var document = ParseSeed();

        var pingbacks = document.Entries.Where(e => e.Kind == SeedEntryKind.Pingback).ToList();
        Assert.Collection(
            pingbacks,
            p =>
            {
                Assert.Equal(11, p.Number);
                Assert.Equal(156, p.Line);
                Assert.Equal("Being a social facilitator | Thinking About Learning", p.Author);
            },
            p =>
            {
                Assert.Equal(12, p.Number);
                Assert.Equal(157, p.Line);
                Assert.Equal("HR \u2013 social or anti-social? | Up the Down Escalator", p.Author);
            });
        Assert.All(pingbacks, p =>
        {
            Assert.Null(p.Date);
            Assert.Null(p.SourceUrl);
            Assert.Equal("", p.Body);
            Assert.Empty(p.Replies);
        });
    }

    [Fact]
    public void Parse_RealSeed_CommentsHaveTheirAuthorsDatesParagraphsAndReplies()
    {
        var document = ParseSeed();

        var comments = document.Entries.Where(e => e.Kind == SeedEntryKind.Comment).ToList();
        Assert.Equal(ExpectedComments.Length, comments.Count);
        foreach (var (expected, actual) in ExpectedComments.Zip(comments))
        {
            AssertEntry(expected, actual);
        }
    }

    [Fact]
    public void Parse_RealSeed_HasEightRepliesNestedThreeLevelsDeep()
    {
        var document = ParseSeed();

        var replies = document.Entries.SelectMany(e => AllEntries(e.Replies)).ToList();
        Assert.Equal(8, replies.Count);
        Assert.All(replies, r =>
        {
            Assert.Null(r.Number);
            Assert.Equal(SeedEntryKind.Comment, r.Kind);
            Assert.Null(r.SourceUrl);
        });
        Assert.Equal(3, document.Entries.Max(Depth));
    }

    [Fact]
    public void Parse_RealSeed_CommentTenKeepsItsListLinesSeparateWithinOneParagraph()
    {
        var document = ParseSeed();

        var comment = Assert.Single(document.Entries, e => e.Number == 10);
        var paragraphs = Paragraphs(comment.Body);
        Assert.Equal(2, paragraphs.Length);
        var lines = paragraphs[0].Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("I think Neil is right to warn against", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("a) if you\u2019re an independent HR professional like me", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("b) If you\u2019re working alone as an HR person", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("c) Neil seem to be suggesting that HR is only", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("This debate reminds me of a little of those indie music fans", paragraphs[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RealSeed_TextWithoutMarkupIsKeptAsWritten()
    {
        var document = ParseSeed();

        var hrCommunity = Assert.Single(document.Entries, e => e.Number == 13);
        Assert.Equal(
            "We\u2019re in agreement that HR must move beyond operational activities to be considered a strategic contributor. "
            + "I also like your additions to the list, particularly bravery. I think that\u2019s an important component "
            + "for any leader who is taking action to effect change!",
            hrCommunity.Body);
        var sixth = Assert.Single(document.Entries, e => e.Number == 6);
        Assert.Equal("Now that\u2019s a good reply.", sixth.Replies[0].Body);
        Assert.Equal(
            "I\u2019ll be in the audience on Wednesday, and I haven\u2019t forgotten I owe you a stinker of a question \U0001F642",
            Paragraphs(Assert.Single(document.Entries, e => e.Number == 5).Body)[^1]);
    }

    [Fact]
    public void Parse_RealSeed_NothingFromTheFooterIsContent()
    {
        var document = ParseSeed();

        var texts = AllEntries(document.Entries)
            .SelectMany(e => new[] { e.Author, e.Body })
            .Append(document.Title)
            .Append(document.Body)
            .ToList();
        foreach (var fragment in FooterFragments)
        {
            Assert.DoesNotContain(texts, t => t.Contains(fragment, StringComparison.Ordinal));
        }
        var last = document.Entries[^1];
        Assert.Equal(13, last.Number);
        Assert.Single(Paragraphs(last.Body));
        Assert.Empty(last.Replies);
    }

    [Fact]
    public void Parse_RealSeedWithWindowsLineEndings_ReadsTheSameDocument()
    {
        var text = File.ReadAllText(SeedPath);
        var unix = SeedDocumentParser.Parse(text, SeedFileName);

        var windows = SeedDocumentParser.Parse(text.Replace("\n", "\r\n", StringComparison.Ordinal), SeedFileName);

        Assert.Equal(unix.Title, windows.Title);
        Assert.Equal(unix.Body, windows.Body);
        Assert.Equal(
            AllEntries(unix.Entries).Select(e => (e.Line, e.Author, e.Date, e.Body)),
            AllEntries(windows.Entries).Select(e => (e.Line, e.Author, e.Date, e.Body)));
    }

    private static int Depth(SeedEntry entry) => 1 + (entry.Replies.Count == 0 ? 0 : entry.Replies.Max(Depth));

    private static void AssertEntry(Expected expected, SeedEntry actual)
    {
        var what = $"entry on line {actual.Line} by {actual.Author}";
        Assert.True(expected.Line == actual.Line, $"{what}: expected line {expected.Line}");
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(SeedEntryKind.Comment, actual.Kind);
        Assert.Equal(expected.Author, actual.Author);
        Assert.Equal(new DateTime(2013, 12, expected.Day, 0, 0, 0, DateTimeKind.Utc), actual.Date);
        Assert.Equal(DateTimeKind.Utc, actual.Date!.Value.Kind);
        Assert.True(
            expected.Paragraphs == Paragraphs(actual.Body).Length,
            $"{what}: expected {expected.Paragraphs} paragraphs, found {Paragraphs(actual.Body).Length}");
        Assert.Null(actual.SourceUrl);
        Assert.True(
            expected.Replies.Length == actual.Replies.Count,
            $"{what}: expected {expected.Replies.Length} replies, found {actual.Replies.Count}");
        foreach (var (expectedReply, actualReply) in expected.Replies.Zip(actual.Replies))
        {
            AssertEntry(expectedReply, actualReply);
        }
    }

    private sealed record Expected(int? Number, string Author, int Day, int Paragraphs, int Line, params Expected[] Replies);
}
