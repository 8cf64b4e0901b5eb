using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// The safety check the XSS vector tests rely on must itself catch what it is there to catch, or those
/// tests could pass on anything.
/// </summary>
public sealed class RenderedHtmlSafetyTests
{
    private const string Rel = MarkdownRenderer.LinkRel;

    [Theory]
    [InlineData("")]
    [InlineData("<p>text</p>")]
    [InlineData("<p>a<br>\nb <em>c</em> <strong>d</strong> <del>e</del> <s>f</s> <code>g</code></p>")]
    [InlineData("<h2>a</h2><h3>b</h3><h4>c</h4><h5>d</h5><h6>e</h6><hr>")]
    [InlineData("<blockquote><p>q</p></blockquote><pre><code>x</code></pre>")]
    [InlineData("<ol start=\"3\"><li>a</li></ol><ul><li>b</li></ul>")]
    [InlineData("<p><a href=\"https://example.com/\" title=\"t\" rel=\"" + Rel + "\">x</a></p>")]
    [InlineData("<p><a href=\"HTTP://EXAMPLE.COM\" rel=\"" + Rel + "\">x</a></p>")]
    [InlineData("<p><a href=\"mailto:someone@example.com\" rel=\"" + Rel + "\">x</a></p>")]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p>")]
    public void FindProblems_AllowlistedMarkup_FindsNone(string html)
    {
        Assert.Empty(RenderedHtmlSafety.FindProblems(html));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x>")]
    [InlineData("<h1>x</h1>")]
    [InlineData("<div>x</div>")]
    [InlineData("<iframe></iframe>")]
    [InlineData("<svg><a href=\"https://example.com/\" rel=\"" + Rel + "\">x</a></svg>")]
    [InlineData("<math><mi>x</mi></math>")]
    [InlineData("<p onclick=\"alert(1)\">x</p>")]
    [InlineData("<p ONMOUSEOVER=x>x</p>")]
    [InlineData("<p style=\"color:red\">x</p>")]
    [InlineData("<p class=\"x\">x</p>")]
    [InlineData("<p id=\"x\">x</p>")]
    [InlineData("<p title=\"javascript:alert(1)\">x</p>")]
    [InlineData("<p title=\"java&#x09;script:alert(1)\">x</p>")]
    [InlineData("<p title=\"vbscript:x\">x</p>")]
    [InlineData("<p title=\"DATA:text/html,x\">x</p>")]
    [InlineData("<a rel=\"" + Rel + "\">no href</a>")]
    [InlineData("<a href=\"https://example.com/\">no rel</a>")]
    [InlineData("<a href=\"https://example.com/\" rel=\"nofollow\">weak rel</a>")]
    [InlineData("<a href=\"javascript:alert(1)\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"/relative\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"relative\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"#fragment\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"//evil.example/\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"https:evil.example\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"https:\\\\evil.example\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"https:///evil.example\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\" https://example.com/\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"ftp://example.com/\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<a href=\"https://example.com/?q=javascript:alert(1)\" rel=\"" + Rel + "\">x</a>")]
    [InlineData("<body onload=\"alert(1)\"><p>x</p></body>")]
    [InlineData("<html lang=\"x\"><p>x</p>")]
    [InlineData("<title>x</title><p>x</p>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">")]
    [InlineData("<!--[if IE]><script>alert(1)</script><![endif]-->")]
    [InlineData("<p>x</p><!-- x -->")]
    public void FindProblems_MarkupOutsideTheAllowlist_IsFound(string html)
    {
        Assert.NotEmpty(RenderedHtmlSafety.FindProblems(html));
    }
}
