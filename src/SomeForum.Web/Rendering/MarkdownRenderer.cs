using System.Text;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace SomeForum.Web.Rendering;

/// <summary>Where rendered text will stand, which decides how far its headings are demoted.</summary>
public enum TextKind
{
    /// <summary>A post body under the page's h1: its headings start at h2.</summary>
    Post,

    /// <summary>A comment inside the thread (h2) and its entries: its headings start at h4.</summary>
    Comment,
}

/// <summary>
/// The one renderer for everything people write: Markdown to HTML with Markdig (raw HTML off),
/// then HtmlSanitizer on a short allowlist. Text is rendered once, when it is written, and the
/// HTML is stored; reading a page never renders.
/// </summary>
public sealed class MarkdownRenderer
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        // People type comments in a text box: a line break they type is a line break they meant.
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    // For HTML written elsewhere (a WordPress export): an element outside the allowlist gives up its tags, not its
    // text, so a <div> or <span> round a paragraph does not lose the paragraph.
    private readonly HtmlSanitizer htmlSanitizer = CreateSanitizer(keepChildNodes: true);

    public string ToHtml(string markdown, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = Guarded(markdown, () =>
        {
            var document = Markdown.Parse(markdown, pipeline);
            DemoteHeadings(document, kind == TextKind.Post ? 2 : 4);
            using var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer);
            pipeline.Setup(renderer);
            renderer.Render(document);
            return writer.ToString();
        });
        return sanitizer.Sanitize(html).Trim();
    }

    /// <summary>
    /// HTML written elsewhere (a WordPress post or comment), made safe without Markdown: what can never be text
    /// (scripts, styles, embedded frames) is dropped whole, headings are moved down as Markdown's are for
    /// <paramref name="kind"/>, then the same allowlist as rendered Markdown applies, other tags unwrapped.
    /// </summary>
    public string SanitizeHtml(string html, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("script, style, template, iframe, object, embed, noscript, textarea, select, svg, math, head, title").ToList())
        {
            element.Remove();
        }
        var offset = kind == TextKind.Post ? 1 : 3;
        foreach (var heading in document.Body.QuerySelectorAll("h1, h2, h3, h4, h5, h6").ToList())
        {
            var level = Math.Min(6, heading.LocalName[1] - '0' + offset);
            var demoted = document.CreateElement($"h{level}");
            demoted.Append([.. heading.ChildNodes]);
            heading.Replace(demoted);
        }
        htmlSanitizer.SanitizeDom(document, document.Body);
        return document.Body.InnerHtml.Trim();
    }

    /// <summary>Plain text shown as HTML (a pingback's excerpt): encoded, never interpreted.</summary>
    public static string PlainTextToHtml(string text) =>
        string.IsNullOrWhiteSpace(text) ? "" : $"<p>{HtmlEncoder.Default.Encode(text.Trim())}</p>";

    /// <summary>
    /// The text of some Markdown, block by block, cut at a word near <paramref name="maxLength"/>. A block (a
    /// paragraph, a heading, a list item) followed by another ends as a sentence, so a heading and the list under it
    /// do not read as one run-on line ("…can do. What you can do here. Read a post", not "…can do. What you can do here Read a post").
    /// </summary>
    public string ToExcerpt(string markdown, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Guarded(markdown, () => BlockTexts(Markdown.Parse(markdown, pipeline)));
        if (text.Length <= maxLength) return text;
        var cut = text.LastIndexOf(' ', maxLength - 1);
        var end = cut > maxLength / 2 ? cut : maxLength - 1;
        // A hard cut must not split a surrogate pair (an emoji): half of one is not text.
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return string.Concat(text.AsSpan(0, end), "…");
    }

    // Markdig's own plain-text rendering, one leaf block at a time: the same text (and the same nesting limit) as
    // Markdown.ToPlainText, with the blocks told apart.
    private string BlockTexts(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var plain = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        pipeline.Setup(plain);
        var builder = new StringBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is not (ParagraphBlock or HeadingBlock or CodeBlock)) continue;
            writer.GetStringBuilder().Clear();
            if (block is CodeBlock) plain.WriteLeafRawLines(block, true, false, false);
            else plain.WriteLeafInline(block);
            var text = CollapseWhitespace(writer.ToString());
            if (text.Length == 0) continue;
            if (builder.Length > 0) builder.Append(EndsASentence(builder) ? " " : ". ");
            builder.Append(text);
        }
        return builder.ToString();
    }

    // Closing quotes and brackets after the stop count as its end: 'He said "go."' is a sentence already.
    private static bool EndsASentence(StringBuilder text) =>
        text.ToString().TrimEnd(')', ']', '"', '\'', '”', '’', '»', '*', '_') is { Length: > 0 } bare && bare[^1] is '.' or '!' or '?' or '…' or ':' or ';';

    /// <summary>The words some HTML shows, as one line of text (a pingback's excerpt, a search result's).</summary>
    public static string PlainTextOf(string html) =>
        string.IsNullOrWhiteSpace(html) ? "" : CollapseWhitespace(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body?.TextContent ?? "");

    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            // The non-breaking space is typography the writer chose, not layout whitespace.
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    // Markdig refuses input nested deeper than it parses safely with an ArgumentException: that is the writer's
    // text, to be refused with a message (422), not a server error.
    private static T Guarded<T>(string markdown, Func<T> parse)
    {
        // Before parsing: some markup costs Markdig time that grows with its square, and refusing it is cheap.
        if (MarkupBudget.Problem(markdown) is { } problem) throw new UnrenderableTextException(problem);
        try
        {
            return parse();
        }
        catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnrenderableTextException(UnrenderableTextException.TooDeep, e);
        }
    }

    private static void DemoteHeadings(MarkdownDocument document, int topLevel)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + topLevel - 1);
        }
    }

    private static HtmlSanitizer CreateSanitizer(bool keepChildNodes = false)
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
                "a", "h2", "h3", "h4", "h5", "h6", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.KeepChildNodes = keepChildNodes;
        // Only absolute links of the allowed schemes survive: a relative or scheme-less href
        // could be made to mean something else by the page it lands on.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!IsAllowedAbsoluteUrl(e.SanitizedUrl)) e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                if (link.HasAttribute("href")) link.SetAttribute("rel", LinkRel);
                else link.Replace([.. link.ChildNodes]);
            }
        };
        return sanitizer;
    }

    /// <summary>A mailto link, or a web link by the one rule for links people give us (<see cref="Site.SafeUrl"/>: no user:password part).</summary>
    public static bool IsAllowedAbsoluteUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeMailto || Site.SafeUrl.IsHttp(uri));
}

/// <summary>
/// Text the renderer will not take, though within the length limits: nested deeper than it parses safely (quotes in
/// quotes, brackets in brackets, lists in lists), or with more markup than it parses in bounded time (<see cref="MarkupBudget"/>).
/// The writer gets the message (422), never a server error.
/// </summary>
public sealed class UnrenderableTextException : Exception
{
    /// <summary>In the writer's language (Site/Strings.resx).</summary>
    public static string TooDeep => Site.Strings.Get("Markup.TooDeep");

    public UnrenderableTextException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    public UnrenderableTextException() : this(TooDeep)
    {
    }

    public UnrenderableTextException(string message) : this(message, null)
    {
    }
}
