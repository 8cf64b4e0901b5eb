using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// What rendered HTML may contain, checked the way a browser would see it: the HTML is parsed with
/// AngleSharp (an HTML5 parser) and every node is held to the renderer's allowlist. Written apart from
/// the renderer, so a mistake in its sanitizer settings is not repeated here.
/// </summary>
internal static class RenderedHtmlSafety
{
    public static readonly IReadOnlySet<string> AllowedElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "p", "br", "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
        "a", "h2", "h3", "h4", "h5", "h6", "hr",
    };

    public static readonly IReadOnlySet<string> AllowedAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "href", "title", "start", "rel",
    };

    private static readonly string[] AllowedHrefPrefixes = ["http://", "https://", "mailto:"];

    private static readonly string[] ForbiddenSchemes = ["javascript:", "vbscript:", "data:"];

    /// <summary>Everything in <paramref name="html"/> outside the allowlist, one line each; empty when it is safe.</summary>
    public static List<string> FindProblems(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = new HtmlParser().ParseDocument(html);
        var problems = new List<string>();

        // The parser wraps the fragment in html/head/body. Anything it had to move there (the attributes of a
        // stray <body onload=...>, a <title> or <meta> hoisted into head) came from the rendered HTML too.
        foreach (var wrapper in new IElement?[] { document.DocumentElement, document.Head, document.Body })
        {
            if (wrapper is null) continue;
            foreach (var attribute in wrapper.Attributes)
            {
                problems.Add($"attribute {attribute.Name}=\"{attribute.Value}\" merged into <{wrapper.LocalName}>");
            }
        }
        if (document.Head is { ChildNodes.Length: > 0 } head)
        {
            problems.Add($"content hoisted into <head>: {head.InnerHtml}");
        }
        if (document.Body is null)
        {
            problems.Add("no <body>: the output replaced the document structure");
            return problems;
        }

        foreach (var comment in document.Descendants<IComment>())
        {
            problems.Add($"comment <!--{comment.Data}-->");
        }

        foreach (var element in document.Body.Descendants<IElement>())
        {
            CheckElement(element, problems);
        }
        return problems;
    }

    private static void CheckElement(IElement element, List<string> problems)
    {
        if (element.NamespaceUri != NamespaceNames.HtmlUri || !AllowedElements.Contains(element.LocalName))
        {
            problems.Add($"element <{element.LocalName}> ({element.NamespaceUri}) is not allowed");
        }

        foreach (var attribute in element.Attributes)
        {
            var where = $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">";
            if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"event handler attribute {where}");
            }
            else if (!AllowedAttributes.Contains(attribute.Name))
            {
                problems.Add($"attribute not allowed {where}");
            }

            // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
            var squeezed = string.Concat(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));
            foreach (var scheme in ForbiddenSchemes)
            {
                if (squeezed.Contains(scheme, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"\"{scheme}\" in attribute value {where}");
                }
            }
        }

        if (element.LocalName == "a")
        {
            CheckLink(element, problems);
        }
    }

    private static void CheckLink(IElement link, List<string> problems)
    {
        var href = link.GetAttribute("href");
        if (href is null)
        {
            problems.Add($"link without href: {link.OuterHtml}");
        }
        else if (!IsAbsoluteHttpOrMailto(href))
        {
            problems.Add($"href is not an absolute http, https or mailto URL: \"{href}\"");
        }

        if (link.GetAttribute("rel") != MarkdownRenderer.LinkRel)
        {
            problems.Add($"link without rel=\"{MarkdownRenderer.LinkRel}\": {link.OuterHtml}");
        }
    }

    /// <summary>
    /// True for "http://host...", "https://host..." and "mailto:..." exactly as written: a browser resolves
    /// anything else ("//host", "/path", "https:path", " https://...") against the page it stands on.
    /// </summary>
    public static bool IsAbsoluteHttpOrMailto(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var prefix = AllowedHrefPrefixes.FirstOrDefault(p => href.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (prefix is null) return false;
        if (prefix == "mailto:") return true;
        return Uri.TryCreate(href, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0
            && href.Length > prefix.Length
            && href[prefix.Length] is not ('/' or '\\');
    }
}
