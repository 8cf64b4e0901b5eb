using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SomeForum.Web.Rendering;

namespace SomeForum.Benchmarks;

/// <summary>
/// The renderer on pathological Markdown at the length limits (a comment's 10,000 characters, a post's 100,000): each
/// family is either refused by the markup budget before Markdig parses it, or rendered; the time is the worst a writer
/// can make one request cost. The families are the ones that cost Markdig seconds before the budget (README: Hostile
/// input), and the heaviest shapes the budget lets through (paragraphs just under its delimiter limit, lines just under
/// its nesting limit, the most lines it takes).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class HostileMarkdownBenchmarks
{
    private static readonly Dictionary<string, Func<int, string>> Families = new()
    {
        ["unclosed links [a]("] = n => Repeat("[a](", n),
        ["emphasis *a"] = n => Repeat("*a", n),
        ["mixed delimiters *_"] = n => Repeat("*_", n),
        ["lists on one line"] = n => Repeat("- ", n) + "a",
        ["quotes on one line"] = n => Repeat("> ", n) + "a",
        ["links just under budget"] = n => Paragraphs("[a](", MarkupBudget.MaxDelimitersPerParagraph - 1, n),
        ["emphasis just under budget"] = n => Paragraphs("*a", MarkupBudget.MaxDelimitersPerParagraph - 1, n),
        ["16 lists a line"] = n => Repeat(string.Concat(Enumerable.Repeat("- ", MarkupBudget.MaxLineNesting)) + "a\n", n),
        ["16 quotes a line"] = n => Repeat(new string('>', MarkupBudget.MaxLineNesting) + " a\n", n),
        ["headings"] = n => Repeat("# a\n", Math.Min(n, MarkupBudget.MaxLines * 4)),
        ["hard line breaks"] = n => Repeat("a  \n", Math.Min(n, MarkupBudget.MaxLines * 4)),
        ["backtick runs"] = n => Grow(i => new string('`', i % 60 + 1) + "a", n),
        ["autolinks <http"] = n => Repeat("<http://a", n),
        ["entities &#"] = n => Repeat("&#", n),
    };

    private readonly MarkdownRenderer renderer = new();
    private string text = "";

    public static IEnumerable<string> FamilyNames => Families.Keys;

    [ParamsSource(nameof(FamilyNames))]
    public string Family { get; set; } = "";

    [Params(10_000, 100_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup() => text = Families[Family](Length);

    [Benchmark]
    public int Render()
    {
        try
        {
            return renderer.ToHtml(text, TextKind.Comment).Length;
        }
        catch (UnrenderableTextException)
        {
            return -1;
        }
    }

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length);
        while (builder.Length + unit.Length <= length) builder.Append(unit);
        return builder.ToString();
    }

    private static string Paragraphs(string unit, int delimiters, int length) =>
        Repeat(string.Concat(Enumerable.Repeat(unit, delimiters / unit.Count(c => c is '[' or '*'))) + "\n\n", length);

    private static string Grow(Func<int, string> piece, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; builder.Length + piece(i).Length <= length; i++) builder.Append(piece(i));
        return builder.ToString();
    }
}
