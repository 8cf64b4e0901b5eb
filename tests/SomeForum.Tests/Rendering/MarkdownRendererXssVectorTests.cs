using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// The 700 public XSS vectors of Rendering/xss-vectors.txt, each rendered as a post and as a comment:
/// the output, as an HTML5 parser sees it, holds only allowlisted elements and attributes and only
/// absolute http, https and mailto links. Rendering that output again as Markdown is just as safe.
/// </summary>
public sealed class MarkdownRendererXssVectorTests
{
    private readonly MarkdownRenderer renderer = new();

    /// <summary>One case per payload line and kind. Reading the file here means a missing file fails the theory.</summary>
    public static TheoryData<int, TextKind> Vectors()
    {
        var data = new TheoryData<int, TextKind>();
        foreach (var vector in XssVectors.Vectors)
        {
            foreach (var kind in Enum.GetValues<TextKind>())
            {
                data.Add(vector.Line, kind);
            }
        }
        return data;
    }

    [Fact]
    public void XssVectorsFile_IsTheFullPublicList()
    {
        var lines = XssVectors.ReadLines();
        var vectors = XssVectors.Vectors;

        Assert.StartsWith("# Public XSS vectors for testing SomeForum", lines[0], StringComparison.Ordinal);
        Assert.Equal(XssVectors.ExpectedCount, vectors.Count);
        Assert.All(vectors, v => Assert.NotEqual("", v.Category));
        Assert.Equal(
            [
                "mxss", "owasp-filter-evasion", "portswigger-classic", "portswigger-protocols", "portswigger-useful-tags",
                "portswigger-special-tags", "portswigger-consuming-tags", "portswigger-obfuscation", "portswigger-polyglot",
                "portswigger-encodings", "portswigger-events", "dompurify-fixtures", "htmlsanitizer-tests",
            ],
            vectors.Select(v => v.Category).Distinct());
        Assert.Contains(vectors, v => v.Payload.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(vectors, v => v.Payload.Contains('\0', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(@"plain", "plain")]
    [InlineData(@"a\nb\tc\rd", "a\nb\tc\rd")]
    [InlineData(@"back\\slash", "back\\slash")]
    [InlineData(@"\\x28 stays", "\\x28 stays")]
    [InlineData(@"java\x{0000}script", "java\0script")]
    [InlineData(@"\x{2028}\x{1F642}", "\u2028\U0001F642")]
    [InlineData(@"\q \x41 \x{} \x{zz} \", "\\q \\x41 \\x{} \\x{zz} \\")]
    public void Decode_FileEscapes_BecomeTheCharactersTheyName(string line, string expected)
    {
        Assert.Equal(expected, XssVectors.Decode(line));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ToHtml_XssVector_OutputHoldsOnlyAllowlistedMarkup(int line, TextKind kind)
    {
        var vector = XssVectors.AtLine(line);

        var html = renderer.ToHtml(vector.Payload, kind);
        var problems = RenderedHtmlSafety.FindProblems(html);
        Assert.True(problems.Count == 0, Describe(vector, kind, "rendered", html, problems));

        // Safety must survive a second pass: the output, pasted back in as Markdown.
        var again = renderer.ToHtml(html, kind);
        var problemsAgain = RenderedHtmlSafety.FindProblems(again);
        Assert.True(problemsAgain.Count == 0, Describe(vector, kind, "re-rendered", again, problemsAgain));
    }

    private static string Describe(XssVector vector, TextKind kind, string pass, string html, List<string> problems) =>
        $"xss-vectors.txt line {vector.Line} ({vector.Category}), {kind}, {pass}:\n"
        + $"  payload: {Visible(vector.Payload)}\n  output:  {Visible(html)}\n  - "
        + string.Join("\n  - ", problems.Select(Visible));

    // Control characters (NUL among them) written the way the vectors file writes them.
    private static string Visible(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{{{(int)c:X4}}}" : c.ToString()));
}
