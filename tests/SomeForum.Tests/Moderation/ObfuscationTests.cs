using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;

namespace SomeForum.Tests.Moderation;

/// <summary>
/// The rules judge what readers will read. A corpus of our own of the ways a word or a link is hidden from a
/// plain search of the typed text: character references, Markdown escapes and links, invisible and combining
/// characters, compatibility forms, letters of other scripts that pass for Latin ones, case.
/// </summary>
public sealed class ObfuscationTests
{
    private static ModerationOptions Rules(string? hold = null, string? block = null, int links = 1000) => new()
    {
        Enabled = true,
        HoldFirstComment = false,
        HoldMentions = false,
        HoldLinkCount = links,
        HoldWords = hold is null ? [] : [hold],
        BlockWords = block is null ? [] : [block],
    };

    private static async Task<ModerationVerdict> JudgeAsync(ModerationOptions options, string text, string name = "Ann")
    {
        using var forum = new ModerationTestForum(options);
        return await forum.Rules().JudgeAsync(new CommentSubmission { PostId = 1, AuthorName = name, AuthorEmail = "ann@example.org", Text = text },
            CommentOrigin.Reader, CancellationToken.None);
    }

    public static TheoryData<string> HiddenViagra => new()
    {
        "viagra",
        "VIAGRA",
        "v&#105;agra",
        "v&#x69;agra",
        "&#118;&#105;&#97;&#103;&#114;&#97;",
        "vi&shy;agra",
        "vi\u00ADagra",
        "vi\u200Bagra",
        "vi\u200Cag\u200Dra",
        "v\u2060iagra",
        "\uFEFFviagra",
        "vi\u202Eagra",
        "ｖｉａｇｒａ",
        "ＶＩＡＧＲＡ",
        "vі\u0430gra",
        "viаgrа",
        "νiagra",
        "viagr\u0430",
        "vi\u0307agra",
        "v\u0300iagra",
        "**via**gra",
        "*v*iagra",
        "v&#X69;agra",
        "[viagra](https://example.org)",
        "[cheap pills](https://viagra.example)",
        "buy <b>viagra</b> now",
        "`viagra`",
        "> viagra",
        "# viagra",
        "- via\u00ADgra",
    };

    [Theory]
    [MemberData(nameof(HiddenViagra))]
    public async Task JudgeAsync_HoldWordHiddenInTheText_IsHeld(string text)
    {
        var verdict = await JudgeAsync(Rules(hold: "viagra"), text);
        Assert.Equal((CommentStatus.Pending, "Moderation word “viagra”"), (verdict.Status, verdict.Reason));
    }

    [Theory]
    [MemberData(nameof(HiddenViagra))]
    public async Task JudgeAsync_BlockWordHiddenInTheText_IsSpam(string text)
    {
        var verdict = await JudgeAsync(Rules(block: "VIAGRA"), text);
        Assert.Equal(CommentStatus.Spam, verdict.Status);
    }

    [Theory]
    [InlineData("Casino\u200B Royale")]
    [InlineData("ｃａｓｉｎｏ fan")]
    [InlineData("саsino fan")]
    public async Task JudgeAsync_BlockWordHiddenInTheName_IsSpam(string name)
    {
        var verdict = await JudgeAsync(Rules(block: "casino"), "Nice post.", name);
        Assert.Equal(CommentStatus.Spam, verdict.Status);
    }

    [Theory]
    [InlineData("[shop](&#104;ttps://shop.example)")]
    [InlineData("[shop](https&#58;//shop.example)")]
    [InlineData("<https://shop.example>")]
    [InlineData("www.shop.example")]
    [InlineData("[shop][1]\n\n[1]: https://shop.example")]
    public async Task JudgeAsync_ALinkHiddenFromAPlainSearch_IsCountedAsTheLinkItBecomes(string text)
    {
        var verdict = await JudgeAsync(Rules(links: 1), text);
        Assert.Equal((CommentStatus.Pending, "1 links (holding at 1)"), (verdict.Status, verdict.Reason));
    }

    [Theory]
    [InlineData("`https://not.a.link.example` is how you write it in code")]
    [InlineData("https\\://escaped.example")]
    [InlineData("ftp://files.example")]
    public async Task JudgeAsync_TextThatLooksLikeALinkButIsNotOne_IsNotCounted(string text)
    {
        var verdict = await JudgeAsync(Rules(links: 1), text);
        Assert.Equal(CommentStatus.Approved, verdict.Status);
    }

    [Theory]
    [InlineData("Via Grande is a street in Livorno.")]
    [InlineData("The vi editor, a grand old tool.")]
    [InlineData("Καλημέρα κόσμε")]
    [InlineData("Привет, мир")]
    public async Task JudgeAsync_TextWithoutTheWord_IsPublished(string text)
    {
        var verdict = await JudgeAsync(Rules(hold: "viagra", block: "casino"), text);
        Assert.Equal(CommentStatus.Approved, verdict.Status);
    }

    [Theory]
    [InlineData("v&#105;agra", "viagra")]
    [InlineData("ｖｉａｇｒａ", "viagra")]
    [InlineData("vi\u00ADag\u200Bra", "viagra")]
    [InlineData("vіаgrа", "viagra")]
    [InlineData("VIAGRA", "viagra")]
    [InlineData("café", "café")]
    public void Fold_ObfuscatedText_ReadsAsAReaderReadsIt(string text, string expected) =>
        Assert.Equal(expected.Normalize(System.Text.NormalizationForm.FormKC), ReaderText.Fold(text));
}
