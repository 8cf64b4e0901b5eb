using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Seeding;

/// <summary>
/// WordPress's stored text (HTML, its paragraphs as blank lines) turned into what this forum stores: HTML that has
/// passed the sanitizer, and Markdown that renders to the same thing, so the one renderer can render it again
/// when it is edited.
/// </summary>
public static partial class WordPressText
{
    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^<(p|div|ul|ol|li|dl|blockquote|pre|h[1-6]|table|hr|figure|address|section|article|aside|header|footer|nav|form|fieldset|details)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockStart();

    [GeneratedRegex("<pre\\b", RegexOptions.IgnoreCase)]
    private static partial Regex PreOpen();

    [GeneratedRegex("</pre>", RegexOptions.IgnoreCase)]
    private static partial Regex PreClose();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<(/?)(b|i)(?=[\s/>])[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex OldEmphasis();

    /// <summary>
    /// What WordPress's wpautop does when it shows a text, in short: a blank line ends a paragraph, a single line
    /// break is a line break; text that is already a block (a list, a quote, a paragraph) and anything inside
    /// &lt;pre&gt; is left as written. Block-editor markers (HTML comments) go first.
    /// </summary>
    public static string AutoParagraphs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = HtmlComment().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "").Trim();
        if (text.Length == 0) return "";
        var output = new StringBuilder(text.Length + 64);
        var openPre = 0;
        foreach (var chunk in BlankLines().Split(text))
        {
            var trimmed = chunk.Trim();
            if (trimmed.Length == 0) continue;
            if (openPre > 0 || BlockStart().IsMatch(trimmed))
            {
                output.Append(openPre > 0 ? chunk : trimmed).Append("\n\n");
            }
            else
            {
                output.Append("<p>").Append(trimmed.Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n\n");
            }
            openPre += PreOpen().Count(chunk) - PreClose().Count(chunk);
            openPre = Math.Max(0, openPre);
        }
        return output.ToString().Trim();
    }

    /// <summary>A post's or comment's text: its sanitized HTML, and the Markdown written from that HTML.</summary>
    public static (string Html, string Markdown) Convert(MarkdownRenderer renderer, string wordPressHtml, TextKind kind) =>
        ConvertHtml(renderer, AutoParagraphs(wordPressHtml), kind);

    /// <summary>HTML that is already in paragraphs (a Disqus message, or WordPress's after <see cref="AutoParagraphs"/>), the same way.</summary>
    public static (string Html, string Markdown) ConvertHtml(MarkdownRenderer renderer, string html, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(html);
        // Comment boxes (Disqus's, WordPress's) write <b> and <i>, which the allowlist would unwrap to plain text.
        var sanitized = renderer.SanitizeHtml(OldEmphasis().Replace(html, m => $"<{m.Groups[1].Value}{(m.Groups[2].Value.Equals("b", StringComparison.OrdinalIgnoreCase) ? "strong" : "em")}>"), kind);
        return (sanitized, ToMarkdown(sanitized, kind == TextKind.Post ? 1 : 3));
    }

    /// <summary>
    /// Markdown for sanitized HTML (only the renderer's allowlist: paragraphs, emphasis, code, quotes, lists, links,
    /// headings, rules). Text is escaped so it stays text; headings are moved back up by <paramref name="headingOffset"/>.
    /// </summary>
    public static string ToMarkdown(string sanitizedHtml, int headingOffset)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{sanitizedHtml}</body></html>");
        return string.Join("\n\n", Blocks(document.Body!, headingOffset)).Trim();
    }

    private static List<string> Blocks(INode parent, int offset)
    {
        var blocks = new List<string>();
        var inline = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element && IsBlock(element))
            {
                Flush();
                if (Block(element, offset) is { Length: > 0 } block) blocks.Add(block);
            }
            else
            {
                inline.Append(Inline(node));
            }
        }
        Flush();
        return blocks;

        void Flush()
        {
            if (Paragraph(inline.ToString()) is { Length: > 0 } paragraph) blocks.Add(paragraph);
            inline.Clear();
        }
    }

    private static bool IsBlock(IElement element) =>
        element.LocalName is "p" or "blockquote" or "ul" or "ol" or "pre" or "hr" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "li";

    private static string Block(IElement element, int offset)
    {
        switch (element.LocalName)
        {
            case "p":
            case "li":
                return Paragraph(InlineChildren(element));
            case "hr":
                return "***";
            case "pre":
                var code = element.TextContent.TrimEnd('\n');
                var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
                return $"{fence}\n{code}\n{fence}";
            case "blockquote":
                var quoted = string.Join("\n\n", Blocks(element, offset));
                return quoted.Length == 0 ? "" : string.Join('\n', quoted.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));
            case "ul":
            case "ol":
                var ordered = element.LocalName == "ol";
                var number = int.TryParse(element.GetAttribute("start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
                var items = new List<string>();
                foreach (var item in element.Children)
                {
                    var marker = ordered ? $"{number++}. " : "- ";
                    var body = string.Join("\n\n", item.LocalName == "li" ? Blocks(item, offset) : [Block(item, offset)]);
                    var indent = new string(' ', marker.Length);
                    items.Add(marker + string.Join('\n', body.Split('\n').Select((l, i) => i == 0 || l.Length == 0 ? l : indent + l)));
                }
                return string.Join('\n', items);
            default:
                var level = Math.Clamp(element.LocalName[1] - '0' - offset, 1, 6);
                var text = Whitespace().Replace(InlineChildren(element), " ").Trim();
                return text.Length == 0 ? "" : $"{new string('#', level)} {text}";
        }
    }

    private static string InlineChildren(INode node) => string.Concat(node.ChildNodes.Select(Inline));

    private static string Inline(INode node)
    {
        if (node is IText text) return Escape(Whitespace().Replace(text.Data, " "));
        if (node is not IElement element) return "";
        switch (element.LocalName)
        {
            case "br": return "\n";
            case "em": return Wrap(element, "*");
            case "strong": return Wrap(element, "**");
            case "del":
            case "s": return Wrap(element, "~~");
            case "code":
                var code = Whitespace().Replace(element.TextContent, " ");
                if (code.Trim().Length == 0) return "";
                var ticks = new string('`', LongestRun(code, '`') + 1);
                var pad = code.StartsWith('`') || code.EndsWith('`') ? " " : "";
                return $"{ticks}{pad}{code}{pad}{ticks}";
            case "a" when element.GetAttribute("href") is { Length: > 0 } href:
                var label = InlineChildren(element).Trim();
                var target = href.Replace(" ", "%20", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
                return $"[{(label.Length == 0 ? Escape(href) : label)}](<{target}>)";
            default:
                // A block inside inline text (a list inside a link): its text, on its own line.
                return IsBlock(element) ? "\n" + InlineChildren(element) + "\n" : InlineChildren(element);
        }
    }

    private static string Wrap(IElement element, string mark)
    {
        var inner = InlineChildren(element);
        var trimmed = inner.Trim();
        if (trimmed.Length == 0) return inner;
        // Emphasis cannot open or close on a space: the spaces go outside the marks.
        var before = inner.Length > 0 && char.IsWhiteSpace(inner[0]) ? " " : "";
        var after = inner.Length > 0 && char.IsWhiteSpace(inner[^1]) ? " " : "";
        return $"{before}{mark}{trimmed}{mark}{after}";
    }

    private static string Paragraph(string inline)
    {
        var lines = inline.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(EscapeLineStart);
        return string.Join('\n', lines);
    }

    // What would begin a list, a heading, a quote or a rule at the start of a line is escaped there.
    private static string EscapeLineStart(string line)
    {
        if (line.Length == 0) return line;
        if (line[0] is '-' or '+' or '=') return "\\" + line;
        var digits = 0;
        while (digits < line.Length && digits < 10 && char.IsAsciiDigit(line[digits])) digits++;
        if (digits > 0 && digits < line.Length && line[digits] is '.' or ')') return string.Concat(line.AsSpan(0, digits), "\\", line.AsSpan(digits));
        return line;
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // An ampersand is escaped only where it could begin a character reference.
            var reference = c == '&' && i + 1 < text.Length && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '#');
            if (reference || c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '~' or '|') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
