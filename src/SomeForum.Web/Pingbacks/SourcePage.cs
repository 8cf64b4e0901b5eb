using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Pingbacks;

/// <summary>What a fetched source page says about a target: whether it really links there, its title, and the words around the link.</summary>
public sealed record SourcePage(bool LinksToTarget, string Title, string Excerpt)
{
    /// <summary>This page as a mention of a post, the same for a pingback and a webmention.</summary>
    public Comments.CommentSubmission AsMention(long postId, Comments.CommentKind kind, string sourceUrl, string? callerIp, string? userAgent) => new()
    {
        PostId = postId,
        Kind = kind,
        AuthorName = Title,
        Text = Excerpt,
        SourceUrl = sourceUrl,
        SourceTitle = Title,
        IpAddress = callerIp,
        UserAgent = userAgent,
    };

    public const int TitleLength = 200;

    /// <summary>Characters of context taken on each side of the link's own text.</summary>
    public const int ContextLength = 120;

    private static readonly HtmlParser Parser = new();

    /// <summary>Elements whose text is not prose that a reader sees.</summary>
    private static readonly HashSet<string> Unseen = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "template", "svg", "math" };

    /// <summary>Elements that make a paragraph of their own, so the excerpt stays inside the one that holds the link.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dd", "dt", "blockquote", "td", "th", "figcaption", "caption", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
        "div", "article", "section", "main", "aside", "header", "footer", "body",
    };

    public static SourcePage Read(string html, Uri pageUrl, Uri target) => Read(Parser.ParseDocument(html), pageUrl, target);

    public static SourcePage Read(Stream html, Uri pageUrl, Uri target) => Read(Parser.ParseDocument(html), pageUrl, target);

    /// <summary>
    /// Reads a parsed page. <paramref name="pageUrl"/> is where the page was finally fetched from
    /// (after redirects): relative links resolve against it, or against the page's own &lt;base href&gt;.
    /// Only an &lt;a href&gt; whose resolved address equals the target, fragment aside, is a link to it.
    /// </summary>
    public static SourcePage Read(IHtmlDocument document, Uri pageUrl, Uri target)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        ArgumentNullException.ThrowIfNull(target);

        var title = TitleOf(document, pageUrl);
        var baseUrl = BaseOf(document, pageUrl);
        var wanted = Comparable(target);
        var link = document.QuerySelectorAll("a[href]")
            .FirstOrDefault(a => Resolve(baseUrl, a.GetAttribute("href")!) is { } url && Comparable(url) == wanted);
        return link is null ? new SourcePage(false, title, "") : new SourcePage(true, title, ExcerptAround(link));
    }

    /// <summary>The address without its fragment, in one normal form (scheme and host lower case, default port dropped).</summary>
    public static string Comparable(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
    }

    private static Uri BaseOf(IHtmlDocument document, Uri pageUrl) =>
        document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Resolve(pageUrl, href) is { } resolved ? resolved : pageUrl;

    private static Uri? Resolve(Uri baseUrl, string href)
    {
        // Browsers drop leading and trailing spaces and controls, and tabs and newlines anywhere.
        var cleaned = href.Trim('\u0000', '\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007', '\u0008', '\t', '\n', '\v', '\f', '\r', ' ')
            .Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
        return Uri.TryCreate(baseUrl, cleaned, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    private static string TitleOf(IHtmlDocument document, Uri pageUrl)
    {
        var element = document.QuerySelectorAll("title").FirstOrDefault(t => t.NamespaceUri == NamespaceNames.HtmlUri);
        var title = Cap(Clean(element?.TextContent ?? ""), TitleLength);
        return title.Length > 0 ? title : pageUrl.Host;
    }

    /// <summary>The link's text with up to <see cref="ContextLength"/> characters either side, from the paragraph that holds it.</summary>
    private static string ExcerptAround(IElement link)
    {
        var block = link.Ancestors<IElement>().FirstOrDefault(e => Blocks.Contains(e.LocalName)) ?? link;
        var before = new StringBuilder();
        var inside = new StringBuilder();
        var after = new StringBuilder();
        var current = before;
        Collect(block);

        var head = Clean(before.ToString());
        var linkText = Clean(inside.ToString());
        var tail = Clean(after.ToString());
        var cutHead = head.Length > ContextLength;
        var cutTail = tail.Length > ContextLength;
        if (cutHead)
        {
            var start = head.Length - ContextLength;
            var space = head.IndexOf(' ', start);
            head = head[(space >= 0 && space < head.Length - 1 ? space + 1 : start)..];
            if (head.Length > 0 && char.IsLowSurrogate(head[0])) head = head[1..];
        }
        if (cutTail) tail = Cap(tail, ContextLength, ellipsis: false);

        // The parts meet with a space only where the page had one, so "a <a>link</a>." stays "a link.".
        var excerpt = new StringBuilder(head);
        Join(excerpt, linkText, Spaced(before, inside));
        Join(excerpt, tail, Spaced(inside.Length > 0 ? inside : before, after));
        return $"{(cutHead ? "[…] " : "")}{excerpt}{(cutTail ? " […]" : "")}";

        static bool Spaced(StringBuilder left, StringBuilder right) =>
            (left.Length > 0 && char.IsWhiteSpace(left[^1])) || (right.Length > 0 && char.IsWhiteSpace(right[0]));

        static void Join(StringBuilder excerpt, string part, bool spaced)
        {
            if (part.Length == 0) return;
            if (excerpt.Length > 0 && spaced) excerpt.Append(' ');
            excerpt.Append(part);
        }

        void Collect(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IElement element)
                {
                    if (Unseen.Contains(element.LocalName) && !element.Contains(link)) continue;
                    if (element == link)
                    {
                        current = inside;
                        Collect(element);
                        current = after;
                        continue;
                    }
                    if (element.LocalName is "br" or "img" || Blocks.Contains(element.LocalName)) current.Append(' ');
                    Collect(element);
                    if (Blocks.Contains(element.LocalName)) current.Append(' ');
                }
                else if (child is IText text)
                {
                    current.Append(text.Data);
                }
            }
        }
    }

    /// <summary>Whitespace collapsed; control and bidirectional-override characters, which only disguise text, dropped.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Control && !char.IsWhiteSpace(c)) continue;
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\uFFFD') continue;
            kept.Append(c);
        }
        return MarkdownRenderer.CollapseWhitespace(kept.ToString());
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word where one is near, never inside a surrogate pair.</summary>
    public static string Cap(string text, int max, bool ellipsis = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var limit = ellipsis ? max - 1 : max;
        var cut = text.LastIndexOf(' ', limit);
        var end = cut > limit / 2 ? cut : limit;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return string.Concat(text.AsSpan(0, end).TrimEnd(), ellipsis ? "…" : "");
    }
}
