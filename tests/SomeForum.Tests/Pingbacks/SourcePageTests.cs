using SomeForum.Web.Pingbacks;

namespace SomeForum.Tests.Pingbacks;

/// <summary>
/// What counts as a link to the target (a real &lt;a href&gt;, resolved, equal but for the fragment),
/// and the title and excerpt taken from the source as plain, tidy, capped text.
/// </summary>
public sealed class SourcePageTests
{
    private static readonly Uri Page = new("https://blog.example/2026/03/a-post");
    private static readonly Uri Target = new("https://forum.example/posts/some-so-far-so-what");

    private static SourcePage Read(string body, string head = "<title>A post</title>", Uri? target = null) =>
        SourcePage.Read($"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>", Page, target ?? Target);

    [Theory]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what\">x</a>")]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what#comments\">x</a>")]
    [InlineData("<a href=\"HTTPS://FORUM.EXAMPLE/posts/some-so-far-so-what\">x</a>")]
    [InlineData("<a href=\"https://forum.example:443/posts/some-so-far-so-what\">x</a>")]
    [InlineData("<a href=\"  https://forum.example/posts/some-so-far-so-what\n\">x</a>")]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what\"><img src=\"i.png\" alt=\"\"></a>")]
    [InlineData("<a href=\"//forum.example/posts/some-so-far-so-what\">scheme-relative</a>")]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what\" rel=\"nofollow\">x</a>")]
    [InlineData("<a href=\"https&#58;//forum.example/posts/some-so-far-so-what\">entity in href</a>")]
    // Readers without scripts see it, and so does a reader of SVG: both are links a person can follow.
    [InlineData("<noscript><a href=\"https://forum.example/posts/some-so-far-so-what\">x</a></noscript>")]
    [InlineData("<svg><a href=\"https://forum.example/posts/some-so-far-so-what\"><text>svg</text></a></svg>")]
    [InlineData("<div><p>Deep <em><a href=\"https://forum.example/posts/some-so-far-so-what\">x</a></em></p></div>")]
    public void Read_RealLinkToTheTarget_Counts(string body) =>
        Assert.True(Read(body).LinksToTarget);

    [Fact]
    public void Read_RelativeLinkResolvedAgainstTheBaseElement_Counts() =>
        Assert.True(Read("<a href=\"posts/some-so-far-so-what\">x</a>", head: "<base href=\"https://forum.example/\">").LinksToTarget);

    [Fact]
    public void Read_RelativeLinkResolvedAgainstThePage_Counts() =>
        Assert.True(SourcePage.Read("<a href=\"/posts/x\">x</a>", new Uri("https://forum.example/elsewhere"), new Uri("https://forum.example/posts/x")).LinksToTarget);

    [Theory]
    [InlineData("<p>I read https://forum.example/posts/some-so-far-so-what today.</p>")]
    [InlineData("<!-- <a href=\"https://forum.example/posts/some-so-far-so-what\">x</a> -->")]
    [InlineData("<script>var u = '<a href=\"https://forum.example/posts/some-so-far-so-what\">x</a>';</script>")]
    [InlineData("<script>location = 'https://forum.example/posts/some-so-far-so-what';</script>")]
    [InlineData("<template><a href=\"https://forum.example/posts/some-so-far-so-what\">t</a></template>")]
    [InlineData("<textarea><a href=\"https://forum.example/posts/some-so-far-so-what\">x</a></textarea>")]
    [InlineData("<pre>&lt;a href=\"https://forum.example/posts/some-so-far-so-what\"&gt;x&lt;/a&gt;</pre>")]
    [InlineData("<img src=\"https://forum.example/posts/some-so-far-so-what\" alt=\"\">")]
    [InlineData("<link rel=\"bookmark\" href=\"https://forum.example/posts/some-so-far-so-what\">")]
    [InlineData("<a title=\"https://forum.example/posts/some-so-far-so-what\" href=\"https://blog.example/\">x</a>")]
    [InlineData("<a data-href=\"https://forum.example/posts/some-so-far-so-what\">x</a>")]
    [InlineData("<a>https://forum.example/posts/some-so-far-so-what</a>")]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what-else\">x</a>")]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what/comments\">x</a>")]
    [InlineData("<a href=\"https://forum.example/posts/some-so-far-so-what?cpage=2\">x</a>")]
    [InlineData("<a href=\"https://forum.example.evil.example/posts/some-so-far-so-what\">x</a>")]
    [InlineData("<a href=\"https://evil.example/?u=https://forum.example/posts/some-so-far-so-what\">x</a>")]
    [InlineData("<a href=\"http://forum.example/posts/some-so-far-so-what\">other scheme</a>")]
    [InlineData("<a href=\"https://forum.example:8443/posts/some-so-far-so-what\">other port</a>")]
    [InlineData("<a href=\"https://forum.example/posts/SOME-so-far-so-what\">other case</a>")]
    [InlineData("<a href=\"https://user@forum.example/posts/some-so-far-so-what\">user info</a>")]
    [InlineData("<a href=\"javascript:'https://forum.example/posts/some-so-far-so-what'\">x</a>")]
    [InlineData("<a href=\"/posts/some-so-far-so-what\">relative to the source's own host</a>")]
    public void Read_AnythingButARealLinkToTheTarget_DoesNotCount(string body) =>
        Assert.False(Read(body).LinksToTarget, body);

    [Theory]
    [InlineData("<title>  A   post\n about &amp; around\t</title>", "A post about & around")]
    [InlineData("<title>Caf&eacute; &#8220;talk&#8221; &lt;b&gt;</title>", "Café “talk” <b>")]
    [InlineData("<title>Being a social facilitator | Thinking About Learning</title>", "Being a social facilitator | Thinking About Learning")]
    [InlineData("<title>bidi\u202E override\u0007 and controls</title>", "bidi override and controls")]
    public void Read_Title_IsDecodedAndTidied(string head, string title) =>
        Assert.Equal(title, Read("<p>x</p>", head).Title);

    [Theory]
    [InlineData("")]
    [InlineData("<title>   </title>")]
    public void Read_NoTitle_GivesTheSourceHost(string head) =>
        Assert.Equal("blog.example", Read("<p>x</p>", head).Title);

    [Fact]
    public void Read_LongTitle_IsCappedAtAWord()
    {
        var words = string.Join(' ', Enumerable.Repeat("wordy", 100));
        var title = Read("<p>x</p>", $"<title>{words}</title>").Title;

        Assert.InRange(title.Length, 150, SourcePage.TitleLength);
        Assert.EndsWith("wordy…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Excerpt_IsTheTextAroundTheLinkInItsParagraph()
    {
        var page = Read("""
            <p>An unrelated paragraph.</p>
            <p>As   SomeForum's <a href="https://forum.example/posts/some-so-far-so-what">post on
            social media</a> says, <b>so far</b> so good.<script>evil()</script></p>
            <p>Another paragraph.</p>
            """);

        Assert.True(page.LinksToTarget);
        Assert.Equal("As SomeForum's post on social media says, so far so good.", page.Excerpt);
    }

    [Fact]
    public void Read_Excerpt_KeepsMarkupAsPlainText()
    {
        var page = Read("<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href=\"https://forum.example/posts/some-so-far-so-what\">here</a>.</p>");
        Assert.Equal("<script>alert(1)</script> here.", page.Excerpt);
    }

    [Fact]
    public void Read_ExcerptOfALongParagraph_IsCutAroundTheLink()
    {
        var before = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"b{i}"));
        var after = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"a{i}"));
        var page = Read($"<p>{before} <a href=\"https://forum.example/posts/some-so-far-so-what\">the link</a> {after}</p>");

        Assert.StartsWith("[…] ", page.Excerpt, StringComparison.Ordinal);
        Assert.EndsWith(" […]", page.Excerpt, StringComparison.Ordinal);
        Assert.Contains("b60 the link a1 ", page.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("b1 ", page.Excerpt, StringComparison.Ordinal);
        Assert.InRange(page.Excerpt.Length, 100, 2 * SourcePage.ContextLength + 20);
    }

    [Fact]
    public void Read_NoLink_HasTheTitleButNoExcerpt()
    {
        var page = Read("<p>Nothing here.</p>");
        Assert.Equal(new SourcePage(false, "A post", ""), page);
    }

    [Theory]
    [InlineData("a\u00A0b", 10, "a\u00A0b")]
    [InlineData("one two three four", 10, "one two…")]
    [InlineData("abcdefghijklmnop", 10, "abcdefghi…")]
    public void Cap_CutsAtAWordWithAnEllipsis(string text, int max, string capped) =>
        Assert.Equal(capped, SourcePage.Cap(text, max));

    [Fact]
    public void Cap_NeverSplitsASurrogatePair()
    {
        var capped = SourcePage.Cap(new string('x', 8) + "\U0001F600\U0001F600", 10);
        Assert.False(char.IsHighSurrogate(capped[^2]));
    }
}
