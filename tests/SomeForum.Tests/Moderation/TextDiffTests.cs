using SomeForum.Web.Moderation;

namespace SomeForum.Tests.Moderation;

public sealed class TextDiffTests
{
    private static string Show(IEnumerable<DiffPart> parts) => string.Concat(parts.Select(p => p.Kind switch
    {
        DiffKind.Removed => $"[-{p.Text}]",
        DiffKind.Added => $"[+{p.Text}]",
        _ => p.Text,
    }));

    [Theory]
    [InlineData("a b c", "a b c", "a b c")]
    [InlineData("the quick brown fox", "the quick red fox", "the quick [-brown][+red] fox")]
    [InlineData("one two", "one two three", "one two[+ three]")]
    [InlineData("one two three", "two three", "[-one ]two three")]
    [InlineData("keep this and that", "keep that", "keep [-this and ]that")]
    [InlineData("", "new text", "[+new text]")]
    [InlineData("old text", "", "[-old text]")]
    [InlineData("line one\nline two", "line one\nline 2", "line one\nline [-two][+2]")]
    public void Words_TwoTexts_MarksWhatWasRemovedAndAdded(string before, string after, string expected) =>
        Assert.Equal(expected, Show(TextDiff.Words(before, after)));

    [Fact]
    public void Words_PartsPutTogether_GiveBackBothTexts()
    {
        const string before = "Social media in organisations is mostly about listening, then about talking, and only last about tools.";
        const string after = "Social media in organisations is about listening first, then talking, and only last about the tools.";
        var parts = TextDiff.Words(before, after);
        Assert.Equal(before, string.Concat(parts.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(parts.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
    }

    [Fact]
    public void Condensed_LongUnchangedStretches_KeepOnlyTheWordsNearAChange()
    {
        var start = string.Join(' ', Enumerable.Repeat("early", 60));
        var end = string.Join(' ', Enumerable.Repeat("late", 60));
        var parts = TextDiff.Condensed(TextDiff.Words($"{start} old {end}", $"{start} new {end}"), context: 20);
        var shown = Show(parts);
        Assert.StartsWith("…", shown, StringComparison.Ordinal);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.Contains("[-old][+new]", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 80, shown);
    }

    [Fact]
    public void Html_TextThatLooksLikeMarkup_IsEncoded()
    {
        var html = TextDiff.Html("say hi", "say <script>alert(1)</script>").ToString();
        Assert.Equal("say <del>hi</del><ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>", html);
    }
}
