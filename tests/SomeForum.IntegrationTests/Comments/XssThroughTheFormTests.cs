using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Tests.Rendering;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// The 700 public XSS vectors (shared/data/xss-vectors.txt) typed into the real comment form by a guest, as the text, as
/// the name and as the website: whatever the form does with each (stores it or refuses it and shows it back), no page
/// that follows carries anything that runs. A page is held to what the same page carries without them: the scripts
/// it loads, the elements and attributes it uses, plus what the renderer may write into a comment; no link or form
/// address with a script scheme.
/// </summary>
public sealed class XssThroughTheFormTests(ITestOutputHelper output)
{
    private static readonly string[] RendererElements = ["p", "br", "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "hr"];
    private static readonly string[] RendererAttributes = ["href", "title", "start", "rel"];
    private static readonly string[] AddressAttributes = ["href", "src", "action", "formaction", "srcset", "poster", "background", "xlink:href", "data", "codebase"];
    private static readonly string[] ScriptSchemes = ["javascript:", "vbscript:", "data:"];

    [Fact]
    public async Task NoVectorTypedIntoTheCommentFormLeavesAnythingThatRunsOnAnyPage()
    {
        using var forum = new ForumFactory()
            .With("Moderation:Enabled", "false")
            .With("Comments:FloodIntervalSeconds", "0");
        using var guest = new Browser(forum);
        var form = await guest.GetAsync(SeedThread.Url);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        // The pages checked below as they are before any vector: a search that finds words in the seed post, and the
        // form refused with a message at every field.
        var refusedForm = await guest.SubmitCommentAsync(form, new CommentForm("") { Name = "", Website = "not an address" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedForm.Status);
        var clean = Allowed.From(form.Document, refusedForm.Document, await guest.OpenAsync("/"), await guest.OpenAsync("/search?q=social"));
        Assert.Equal(XssVectors.ExpectedCount, XssVectors.Vectors.Count);

        var problems = new List<string>();
        int stored = 0, refused = 0;
        foreach (var vector in XssVectors.Vectors)
        {
            foreach (var (field, typed) in new[]
            {
                ("text", new CommentForm(vector.Payload) { Name = $"Vector {vector.Line}" }),
                ("name", new CommentForm($"The name of line {vector.Line}.") { Name = vector.Payload }),
                ("website", new CommentForm($"The website of line {vector.Line}.") { Name = $"Site {vector.Line}", Website = vector.Payload }),
            })
            {
                var answer = await guest.SubmitCommentAsync(form, typed);
                if (answer.Status == HttpStatusCode.Redirect)
                {
                    stored++;
                    continue;
                }
                refused++;
                // Refused: the form comes back with what was typed in it, which must stay text.
                Assert.True((int)answer.Status is >= 400 and < 500, $"line {vector.Line} as the {field}: {(int)answer.Status}");
                problems.AddRange(clean.ProblemsIn(answer.Document).Select(p => $"line {vector.Line} as the {field}, refused page: {p}"));
            }
        }

        // Stored: every page of the thread, the home page, and search results, which mark the words found in the text.
        foreach (var other in new[] { "/", "/search?q=script", "/search?q=alert", "/search?q=javascript", "/search?q=onerror" })
        {
            var page = await guest.GetAsync(other);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            problems.AddRange(clean.ProblemsIn(page.Document).Select(p => $"{other}: {p}"));
        }
        var pages = 0;
        for (var number = 1; ; number++)
        {
            var page = await guest.GetAsync($"{SeedThread.Url}?cpage={number}");
            if (page.Status != HttpStatusCode.OK) break;
            pages++;
            problems.AddRange(clean.ProblemsIn(page.Document).Select(p => $"page {number}: {p}"));
            if (page.Document.QuerySelector("a[rel=next]") is null) break;
        }
        output.WriteLine($"{XssVectors.Vectors.Count} vectors × 3 fields: {stored} stored, {refused} refused; {pages} pages of the thread read");
        Assert.True(stored > 700, $"only {stored} of the {3 * XssVectors.Vectors.Count} posts were stored: the test would prove little");
        Assert.True(pages > 10, $"the thread had only {pages} pages");
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(30)));
    }

    /// <summary>What a page of the app may carry: learned from the page without any vector, plus what a comment may hold.</summary>
    private sealed class Allowed
    {
        private readonly HashSet<string> scripts = [];
        private readonly Dictionary<string, HashSet<string>> attributes = new(StringComparer.Ordinal);

        public static Allowed From(params IHtmlDocument[] pages)
        {
            var allowed = new Allowed();
            foreach (var element in pages.SelectMany(p => p.All))
            {
                var names = allowed.Attributes(Name(element));
                foreach (var attribute in element.Attributes) names.Add(attribute.Name);
                if (element.LocalName == "script") allowed.scripts.Add(element.GetAttribute("src") ?? "(inline)");
            }
            foreach (var element in RendererElements)
            {
                allowed.Attributes(element).UnionWith(RendererAttributes);
            }
            return allowed;
        }

        public IEnumerable<string> ProblemsIn(IHtmlDocument page)
        {
            foreach (var element in page.All)
            {
                var name = Name(element);
                if (!attributes.TryGetValue(name, out var known))
                {
                    yield return $"element <{name}>: {Cut(element.OuterHtml)}";
                    continue;
                }
                if (element.LocalName == "script" && !scripts.Contains(element.GetAttribute("src") ?? "(inline)"))
                {
                    yield return $"script {Cut(element.OuterHtml)}";
                }
                foreach (var attribute in element.Attributes)
                {
                    if (!known.Contains(attribute.Name))
                    {
                        yield return $"attribute {attribute.Name} on <{name}>: {Cut(element.OuterHtml)}";
                    }
                    // Browsers skip whitespace and control characters inside a scheme ("java\tscript:").
                    var squeezed = string.Concat(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));
                    if (AddressAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase)
                        && ScriptSchemes.Any(s => squeezed.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        yield return $"{attribute.Name}=\"{Cut(attribute.Value)}\" on <{name}>";
                    }
                }
            }
        }

        private HashSet<string> Attributes(string element)
        {
            if (!attributes.TryGetValue(element, out var names)) attributes[element] = names = new HashSet<string>(StringComparer.Ordinal);
            return names;
        }

        // An <svg> or <math> element is not the HTML one of the same name.
        private static string Name(IElement element) =>
            element.NamespaceUri == AngleSharp.Dom.NamespaceNames.HtmlUri ? element.LocalName : $"{element.NamespaceUri}:{element.LocalName}";

        private static string Cut(string text) => text.Length <= 160 ? text : text[..160] + "…";
    }
}
