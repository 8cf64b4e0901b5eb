using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;

namespace SomeForum.Tests.Moderation;

/// <summary>
/// What becomes of a new comment: the blocklist first (spam, even with moderation off), then the
/// holding rules, judged against a real SQLite database for the "first comment" rule.
/// </summary>
public sealed class ModerationRulesTests
{
    private const string Email = "ann@example.com";
    private const string MemberId = "member-1";

    [Theory]
    [InlineData(CommentOrigin.Import)]
    [InlineData(CommentOrigin.Moderator)]
    public async Task JudgeAsync_ImportOrModeratorOrigin_PublishesEvenWithBlockWords(CommentOrigin origin)
    {
        var options = Strict();
        options.BlockWords = ["casino"];
        options.HoldWords = ["review"];
        var comment = Guest("casino review http://a.example https://b.example");

        var verdict = await JudgeAsync(options, comment, origin);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Theory]
    [InlineData("text", "casino", "Visit the CASINO tonight")]
    [InlineData("name", "casino", "Casino King")]
    [InlineData("email", "spammer@example.com", "Spammer@Example.COM")]
    [InlineData("website", "casino.example", "https://CASINO.example/")]
    [InlineData("ip", "203.0.113.66", "203.0.113.66")]
    [InlineData("source", "casino.example", "https://www.Casino.example/post")]
    public async Task JudgeAsync_BlockWordInField_IsSpamNamingTheWord(string field, string word, string value)
    {
        var options = Quiet();
        options.BlockWords = ["unrelated", word];

        var verdict = await JudgeAsync(options, With(Guest(), field, value), CommentOrigin.Reader);

        Assert.Equal(CommentStatus.Spam, verdict.Status);
        Assert.Equal($"Blocklist word “{word}”", verdict.Reason);
    }

    [Theory]
    [InlineData("casino", "CASINO night")]
    [InlineData("CASINO", "casino night")]
    [InlineData("CaSiNo", "cAsInO night")]
    public async Task JudgeAsync_BlockWordInAnotherCase_IsSpam(string word, string text)
    {
        var options = Quiet();
        options.BlockWords = [word];

        var verdict = await JudgeAsync(options, Guest(text), CommentOrigin.Reader);

        Assert.Equal(CommentStatus.Spam, verdict.Status);
    }

    [Theory]
    [InlineData(CommentOrigin.Reader)]
    [InlineData(CommentOrigin.Pingback)]
    [InlineData(CommentOrigin.Webmention)]
    public async Task JudgeAsync_BlockWordWithModerationOff_IsSpam(CommentOrigin origin)
    {
        var options = Quiet();
        options.Enabled = false;
        options.BlockWords = ["casino"];

        var verdict = await JudgeAsync(options, Guest("casino night"), origin);

        Assert.Equal(CommentStatus.Spam, verdict.Status);
        Assert.Equal("Blocklist word “casino”", verdict.Reason);
    }

    [Fact]
    public async Task JudgeAsync_AGermanWriter_StoresTheReasonInEnglishAndShowsItInGerman()
    {
        var options = Quiet();
        options.BlockWords = ["casino"];
        var before = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("de");
        try
        {
            var verdict = await JudgeAsync(options, Guest("casino night"), CommentOrigin.Reader);

            Assert.Equal("Blocklist word “casino”", verdict.Reason);
            Assert.Equal("Wort der Sperrliste „casino“", verdict.ShownReason);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = before;
        }
    }

    [Fact]
    public async Task JudgeAsync_BlankBlockWords_AreIgnored()
    {
        // A blank word is "contained" in every field: were it used, everything would be spam.
        var options = Quiet();
        options.BlockWords = ["", "   ", "\t"];

        var verdict = await JudgeAsync(options, Guest("Nice post."), CommentOrigin.Reader);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Theory]
    [InlineData(CommentOrigin.Reader)]
    [InlineData(CommentOrigin.Pingback)]
    [InlineData(CommentOrigin.Webmention)]
    public async Task JudgeAsync_ModerationOff_PublishesWhatTheHoldingRulesWouldHold(CommentOrigin origin)
    {
        var options = Strict();
        options.Enabled = false;
        options.HoldWords = ["review"];

        var verdict = await JudgeAsync(options, Guest("review http://a.example https://b.example"), origin);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Theory]
    [InlineData(CommentOrigin.Pingback)]
    [InlineData(CommentOrigin.Webmention)]
    public async Task JudgeAsync_MentionWithHoldMentions_IsPending(CommentOrigin origin)
    {
        var options = Quiet();
        options.HoldMentions = true;

        var verdict = await JudgeAsync(options, Mention(), origin);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal("Mentions are held for review", verdict.Reason);
    }

    [Theory]
    [InlineData(CommentOrigin.Pingback)]
    [InlineData(CommentOrigin.Webmention)]
    public async Task JudgeAsync_MentionWithoutHoldMentions_Publishes(CommentOrigin origin)
    {
        var options = Quiet();
        options.HoldMentions = false;

        var verdict = await JudgeAsync(options, Mention(), origin);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_ReaderCommentWithHoldMentions_Publishes()
    {
        var options = Quiet();
        options.HoldMentions = true;

        var verdict = await JudgeAsync(options, Guest(), CommentOrigin.Reader);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Theory]
    [InlineData(2, "See http://a.example and https://b.example.", 2)]
    [InlineData(3, "http://a.example www.b.example mailto:c@example.com", 3)]
    [InlineData(3, "http://a.example http://b.example http://c.example http://d.example", 4)]
    [InlineData(1, "Write to mailto:c@example.com", 1)]
    public async Task JudgeAsync_AtOrOverHoldLinkCount_IsPendingCountingTheLinks(int holdAt, string text, int links)
    {
        var options = Quiet();
        options.HoldLinkCount = holdAt;

        var verdict = await JudgeAsync(options, Guest(text), CommentOrigin.Reader);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal($"{links} links (holding at {holdAt})", verdict.Reason);
    }

    [Theory]
    [InlineData(2, "See http://a.example.")]
    [InlineData(3, "http://a.example and mailto:c@example.com")]
    [InlineData(1, "No links at all.")]
    public async Task JudgeAsync_OneLinkUnderHoldLinkCount_Publishes(int holdAt, string text)
    {
        var options = Quiet();
        options.HoldLinkCount = holdAt;
        options.HoldFirstComment = false;

        var verdict = await JudgeAsync(options, Guest(text), CommentOrigin.Reader);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_LinksOnlyInWebsite_AreNotCounted()
    {
        // Only the text is counted: every guest's website is a link.
        var options = Quiet();
        options.HoldLinkCount = 1;

        var verdict = await JudgeAsync(options, Guest() with { AuthorUrl = "https://ann.example/" }, CommentOrigin.Reader);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("Plain text, example.com without a scheme.", 0)]
    [InlineData("http://a.example", 1)]
    [InlineData("https://a.example", 1)]
    [InlineData("www.a.example", 1)]
    [InlineData("mailto:ann@example.com", 1)]
    [InlineData("See https://www.example.com/page for details.", 1)]
    [InlineData("Awww. So cute.", 0)]
    [InlineData("http://a.example https://b.example www.c.example mailto:d@example.com", 4)]
    [InlineData("[shop](&#104;ttps://shop.example)", 1)]
    [InlineData("[two](https://a.example) [links](https://b.example)", 2)]
    [InlineData("ftp://a.example", 0)]
    [InlineData("`https://in.code.example`", 0)]
    public void CountLinks_RenderedComment_CountsTheLinksReadersWillFind(string text, int expected) =>
        Assert.Equal(expected, ReaderText.CountLinks(new SomeForum.Web.Rendering.MarkdownRenderer().ToHtml(text, SomeForum.Web.Rendering.TextKind.Comment)));

    [Theory]
    [InlineData("text", "review", "Please REVIEW this")]
    [InlineData("name", "review", "Review Bot")]
    [InlineData("email", "@mailinator.example", "ann@Mailinator.example")]
    [InlineData("website", "review.example", "https://review.example/")]
    [InlineData("ip", "203.0.113.", "203.0.113.9")]
    [InlineData("source", "review.example", "https://review.example/a-page")]
    public async Task JudgeAsync_HoldWordInField_IsPendingNamingTheWord(string field, string word, string value)
    {
        var options = Quiet();
        options.HoldWords = ["unrelated", word];

        var verdict = await JudgeAsync(options, With(Guest(), field, value), CommentOrigin.Reader);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal($"Moderation word “{word}”", verdict.Reason);
    }

    [Fact]
    public async Task JudgeAsync_HoldWordsAbsent_Publishes()
    {
        var options = Quiet();
        options.HoldWords = ["review", "", "  "];

        var verdict = await JudgeAsync(options, Guest("Nice post."), CommentOrigin.Reader);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Theory]
    [InlineData(CommentOrigin.Reader)]
    [InlineData(CommentOrigin.Pingback)]
    [InlineData(CommentOrigin.Webmention)]
    public async Task JudgeAsync_BlockWordAndEveryHoldingRule_IsSpam(CommentOrigin origin)
    {
        // Every holding rule would hold this one; the blocklist is asked first.
        var options = Strict();
        options.HoldWords = ["casino"];
        options.BlockWords = ["casino"];

        var verdict = await JudgeAsync(options, Guest("casino http://a.example https://b.example"), origin);

        Assert.Equal(CommentStatus.Spam, verdict.Status);
        Assert.Equal("Blocklist word “casino”", verdict.Reason);
    }

    [Theory]
    [InlineData(Email)]
    [InlineData(null)]
    public async Task JudgeAsync_GuestWithoutApprovedComment_IsPendingAsFirstComment(string? email)
    {
        var options = Quiet();
        options.HoldFirstComment = true;

        var verdict = await JudgeAsync(options, Guest() with { AuthorEmail = email }, CommentOrigin.Reader);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal("First comment from this author", verdict.Reason);
    }

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("ANN@Example.COM")]
    [InlineData("  ann@example.com  ")]
    [InlineData(" Ann@Example.com\t")]
    public async Task JudgeAsync_GuestWhoseBrowserWroteAnApprovedCommentUnderTheAddress_Publishes(string email)
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        // The pipeline stores emails trimmed and in lower case.
        var earlier = await forum.AddCommentAsync(Email, userId: null, CommentStatus.Approved);

        var verdict = await forum.Rules().JudgeAsync(Guest() with { AuthorEmail = email, WrittenBefore = [earlier] }, CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_GuestWhoOnlyKnowsAnApprovedGuestsAddress_IsPending()
    {
        // The address alone proves nothing: anyone who read it (a reply mail, an export) could type it.
        using var forum = new ModerationTestForum(FirstCommentOnly());
        await forum.AddCommentAsync(Email, userId: null, CommentStatus.Approved);
        var theirOwn = await forum.AddCommentAsync("mallory@example.com", userId: null, CommentStatus.Pending);

        var verdict = await forum.Rules().JudgeAsync(Guest() with { WrittenBefore = [theirOwn] }, CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal("First comment from this author", verdict.Reason);
    }

    [Fact]
    public async Task JudgeAsync_GuestWithApprovedCommentUnderAnotherEmail_IsPending()
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        var earlier = await forum.AddCommentAsync("bob@example.com", userId: null, CommentStatus.Approved);

        var verdict = await forum.Rules().JudgeAsync(Guest() with { WrittenBefore = [earlier] }, CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
    }

    [Fact]
    public async Task JudgeAsync_GuestWhoseEmailOnlyAMemberUsed_IsPending()
    {
        // Anyone can type a member's email; only the member's signed-in comments vouch for the member.
        using var forum = new ModerationTestForum(FirstCommentOnly());
        var members = await forum.AddCommentAsync(Email, MemberId, CommentStatus.Approved);

        var verdict = await forum.Rules().JudgeAsync(Guest() with { WrittenBefore = [members] }, CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal("First comment from this author", verdict.Reason);
    }

    [Theory]
    [InlineData(CommentStatus.Pending)]
    [InlineData(CommentStatus.Spam)]
    [InlineData(CommentStatus.Trash)]
    public async Task JudgeAsync_GuestWithOnlyUnapprovedComments_IsPending(CommentStatus status)
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        var earlier = await forum.AddCommentAsync(Email, userId: null, status);

        var verdict = await forum.Rules().JudgeAsync(Guest() with { WrittenBefore = [earlier] }, CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
    }

    [Fact]
    public async Task JudgeAsync_MemberWithApprovedComment_Publishes()
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        await forum.AddCommentAsync("old@example.com", MemberId, CommentStatus.Approved);

        var verdict = await forum.Rules().JudgeAsync(Member(), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_MemberWithPublishedPost_Publishes()
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        await forum.AddPostAsync(MemberId, PostStatus.Published);

        var verdict = await forum.Rules().JudgeAsync(Member(), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_MemberWithoutContribution_IsPendingAsFirstComment()
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        // Someone else's approved comment and post, and a guest comment under the member's email.
        await forum.AddCommentAsync("bob@example.com", "member-2", CommentStatus.Approved);
        await forum.AddPostAsync("member-2", PostStatus.Published);
        await forum.AddCommentAsync(Email, userId: null, CommentStatus.Approved);

        var verdict = await forum.Rules().JudgeAsync(Member(), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal("First comment from this author", verdict.Reason);
    }

    [Theory]
    [InlineData(CommentStatus.Pending)]
    [InlineData(CommentStatus.Spam)]
    [InlineData(CommentStatus.Trash)]
    public async Task JudgeAsync_MemberWithOnlyUnapprovedComments_IsPending(CommentStatus status)
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        await forum.AddCommentAsync(Email, MemberId, status);

        var verdict = await forum.Rules().JudgeAsync(Member(), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
    }

    [Theory]
    [InlineData(PostStatus.Draft)]
    [InlineData(PostStatus.Pending)]
    [InlineData(PostStatus.Trash)]
    public async Task JudgeAsync_MemberWithOnlyUnpublishedPosts_IsPending(PostStatus status)
    {
        using var forum = new ModerationTestForum(FirstCommentOnly());
        await forum.AddPostAsync(MemberId, status);

        var verdict = await forum.Rules().JudgeAsync(Member(), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
    }

    [Theory]
    [InlineData(CommentOrigin.Pingback)]
    [InlineData(CommentOrigin.Webmention)]
    public async Task JudgeAsync_FirstMentionFromASource_IsNotHeldAsFirstComment(CommentOrigin origin)
    {
        var verdict = await JudgeAsync(FirstCommentOnly(), Mention(), origin);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_FirstCommentRuleOff_PublishesAFirstComment()
    {
        var verdict = await JudgeAsync(Quiet(), Guest(), CommentOrigin.Reader);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task BlockedWordAsync_WordsInSeveralFields_ReturnsTheFirstWordOfTheList()
    {
        var options = Quiet();
        options.BlockWords = ["", "alpha", "beta"];
        using var forum = new ModerationTestForum(options);

        var word = await forum.Rules().BlockedWordAsync(["beta first", "then ALPHA"], CancellationToken.None);

        Assert.Equal("alpha", word);
    }

    [Fact]
    public async Task BlockedWordAsync_WordInALaterField_ReturnsIt()
    {
        var options = Quiet();
        options.BlockWords = ["casino.example"];
        using var forum = new ModerationTestForum(options);

        var word = await forum.Rules().BlockedWordAsync(["clean", "", "https://Casino.Example/page"], CancellationToken.None);

        Assert.Equal("casino.example", word);
    }

    [Fact]
    public async Task BlockedWordAsync_NoWordInAnyField_ReturnsNull()
    {
        var options = Quiet();
        options.BlockWords = ["casino", " ", ""];
        using var forum = new ModerationTestForum(options);

        var word = await forum.Rules().BlockedWordAsync(["Nice post.", "Ann", ""], CancellationToken.None);

        Assert.Null(word);
    }

    [Fact]
    public async Task JudgeAsync_SavedBlockWords_ReplaceTheConfiguredOnes()
    {
        var options = Quiet();
        options.BlockWords = ["casino"];
        using var forum = new ModerationTestForum(options);
        await forum.SaveRulesAsync(new ModerationRuleSet { Enabled = true, HoldLinkCount = 1000, BlockWords = "poker\r\nlottery\n" });

        var configuredWord = await forum.Rules().JudgeAsync(Guest("casino night"), CommentOrigin.Reader, CancellationToken.None);
        var savedWord = await forum.Rules().JudgeAsync(Guest("LOTTERY win"), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Publish, configuredWord);
        Assert.Equal(CommentStatus.Spam, savedWord.Status);
        Assert.Equal("Blocklist word “lottery”", savedWord.Reason);
    }

    [Fact]
    public async Task JudgeAsync_SavedHoldWords_HoldOneWordOrPhrasePerLine()
    {
        var options = Quiet();
        options.HoldWords = ["review"];
        using var forum = new ModerationTestForum(options);
        await forum.SaveRulesAsync(new ModerationRuleSet { Enabled = true, HoldLinkCount = 1000, HoldWords = "first\n  second phrase  \n" });

        var configuredWord = await forum.Rules().JudgeAsync(Guest("review this"), CommentOrigin.Reader, CancellationToken.None);
        var savedPhrase = await forum.Rules().JudgeAsync(Guest("a Second Phrase here"), CommentOrigin.Reader, CancellationToken.None);
        var halfPhrase = await forum.Rules().JudgeAsync(Guest("second thoughts"), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Publish, configuredWord);
        Assert.Equal(CommentStatus.Pending, savedPhrase.Status);
        Assert.Equal("Moderation word “second phrase”", savedPhrase.Reason);
        Assert.Equal(ModerationVerdict.Publish, halfPhrase);
    }

    [Fact]
    public async Task JudgeAsync_SavedRulesWithModerationOff_PublishWhatTheConfigurationWouldHold()
    {
        using var forum = new ModerationTestForum(Strict());
        await forum.SaveRulesAsync(new ModerationRuleSet { Enabled = false, HoldLinkCount = 1, HoldFirstComment = true, HoldMentions = true });

        var verdict = await forum.Rules().JudgeAsync(Guest("http://a.example https://b.example"), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(ModerationVerdict.Publish, verdict);
    }

    [Fact]
    public async Task JudgeAsync_SavedRulesHoldingFirstComments_HoldWhatTheConfigurationWouldPublish()
    {
        using var forum = new ModerationTestForum(Quiet());
        await forum.SaveRulesAsync(new ModerationRuleSet { Enabled = true, HoldLinkCount = 1000, HoldFirstComment = true });

        var verdict = await forum.Rules().JudgeAsync(Guest(), CommentOrigin.Reader, CancellationToken.None);

        Assert.Equal(CommentStatus.Pending, verdict.Status);
        Assert.Equal("First comment from this author", verdict.Reason);
    }

    [Fact]
    public async Task BlockedWordAsync_SavedBlockWords_ReplaceTheConfiguredOnes()
    {
        var options = Quiet();
        options.BlockWords = ["casino"];
        using var forum = new ModerationTestForum(options);
        await forum.SaveRulesAsync(new ModerationRuleSet { Enabled = true, HoldLinkCount = 1000, BlockWords = "lottery" });

        Assert.Null(await forum.Rules().BlockedWordAsync(["casino night"], CancellationToken.None));
        Assert.Equal("lottery", await forum.Rules().BlockedWordAsync(["lottery win"], CancellationToken.None));
    }

    /// <summary>Moderation on, but no rule that would hold an ordinary comment, so each test turns on the one it means.</summary>
    private static ModerationOptions Quiet() => new()
    {
        Enabled = true,
        HoldLinkCount = 1000,
        HoldFirstComment = false,
        HoldMentions = false,
    };

    private static ModerationOptions FirstCommentOnly()
    {
        var options = Quiet();
        options.HoldFirstComment = true;
        return options;
    }

    /// <summary>Every holding rule on.</summary>
    private static ModerationOptions Strict() => new()
    {
        Enabled = true,
        HoldLinkCount = 1,
        HoldFirstComment = true,
        HoldMentions = true,
    };

    private static CommentSubmission Guest(string text = "Nice post.") => new()
    {
        PostId = 1,
        AuthorName = "Ann",
        AuthorEmail = Email,
        Text = text,
    };

    private static CommentSubmission Member() => Guest() with { UserId = MemberId };

    private static CommentSubmission Mention() => new()
    {
        PostId = 1,
        Kind = CommentKind.Pingback,
        AuthorName = "A page that links here",
        Text = "… a good read …",
        SourceUrl = "https://blog.example/a-page",
    };

    /// <summary>The submission with the value in the named field, one of those the rules read.</summary>
    private static CommentSubmission With(CommentSubmission comment, string field, string value) => field switch
    {
        "text" => comment with { Text = value },
        "name" => comment with { AuthorName = value },
        "email" => comment with { AuthorEmail = value },
        "website" => comment with { AuthorUrl = value },
        "ip" => comment with { IpAddress = value },
        "source" => comment with { SourceUrl = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a field the rules read."),
    };

    private static async Task<ModerationVerdict> JudgeAsync(ModerationOptions options, CommentSubmission comment, CommentOrigin origin)
    {
        using var forum = new ModerationTestForum(options);
        return await forum.Rules().JudgeAsync(comment, origin, CancellationToken.None);
    }
}
