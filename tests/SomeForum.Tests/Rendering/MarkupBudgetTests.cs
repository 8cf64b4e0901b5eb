using SomeForum.Web.Rendering;

namespace SomeForum.Tests.Rendering;

/// <summary>
/// The markup the renderer takes: pathological families within the length limits are refused before Markdig parses them
/// (each cost Markdig seconds: README, "Hostile input"), and real writing at its most marked-up is not.
/// </summary>
public sealed class MarkupBudgetTests
{
    private readonly MarkdownRenderer renderer = new();

    private static string Repeat(string unit, int length)
    {
        var text = new System.Text.StringBuilder();
        while (text.Length + unit.Length <= length) text.Append(unit);
        return text.ToString();
    }

    private static string Paragraphs(string unit, int delimitersEach, int delimitersInUnit, int length) =>
        Repeat(string.Concat(Enumerable.Repeat(unit, delimitersEach / delimitersInUnit)) + "\n\n", length);

    public static TheoryData<string, string> Pathological() => new()
    {
        { "unclosed links", Repeat("[a](", 10_000) },
        { "unclosed links in paragraphs", Paragraphs("[a](", 501, 1, 10_000) },
        { "open brackets", Repeat("[", 10_000) },
        { "images", Repeat("![a", 10_000) },
        { "emphasis", Repeat("*a", 10_000) },
        { "emphasis runs", Repeat("a**", 10_000) },
        { "mixed delimiters", Repeat("*_", 10_000) },
        { "underscores", Repeat("_a_ ", 10_000) },
        { "strikethrough", Repeat("~~a", 10_000) },
        { "links in brackets", Repeat("[", 5_000) + Repeat("](a)", 5_000) },
        { "reference links", Repeat("[a]: b\n", 5_000) + Repeat("[a]", 5_000) },
        { "quotes on one line", Repeat("> ", 10_000) + "a" },
        { "lists on one line", Repeat("- ", 10_000) + "a" },
        { "ordered lists on one line", Repeat("1. ", 10_000) + "a" },
        { "seventeen quotes deep", new string('>', 17) + " a" },
        { "many paragraphs of delimiters", Paragraphs("*a*", 400, 2, 100_000) },
        { "many short lines", Repeat("a\n=\n", 100_000) },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void PathologicalMarkupWithinTheLengthLimitsIsRefusedWithAMessageForItsWriter(string family, string text)
    {
        var problem = MarkupBudget.Problem(text);

        Assert.True(problem is not null, $"{family} was let through");
        var refused = Assert.Throws<UnrenderableTextException>(() => renderer.ToHtml(text, TextKind.Post));
        Assert.Equal(problem, refused.Message);
        Assert.Throws<UnrenderableTextException>(() => renderer.ToExcerpt(text, 100));
    }

    public static TheoryData<string, string> RealWriting() => new()
    {
        { "the seed post", File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Single()) },
        { "a post of 300 links and 300 emphases", string.Join("\n\n", Enumerable.Range(0, 60).Select(i =>
            string.Join(' ', Enumerable.Range(0, 5).Select(j => $"See [source {i}-{j}](https://example.org/{i}/{j}) and *this* point.")))) },
        { "code in a fence", "Look:\n\n```\n" + Repeat("x = a*b*c; y = d[e][f]; z = *p;\n", 20_000) + "```\n\nDone." },
        { "snake_case words", Repeat("call some_function_name with the_value_of another_one ", 10_000) },
        { "sixteen quotes deep", new string('>', 16) + " a" },
        { "a nested list", string.Concat(Enumerable.Range(0, 10).Select(i => new string(' ', 2 * i) + "- item\n")) },
        { "a thematic break of stars", "above\n\n* * * * * * * * * *\n\nbelow" },
    };

    [Theory]
    [MemberData(nameof(RealWriting))]
    public void RealWritingAtItsMostMarkedUpIsRendered(string kind, string text)
    {
        Assert.True(MarkupBudget.Problem(text) is null, $"{kind}: {MarkupBudget.Problem(text)}");
        Assert.NotEmpty(renderer.ToHtml(text, TextKind.Post));
    }

    [Fact]
    public void EveryPublicXssVectorIsWithinTheBudgetSoTheSanitizerJudgesIt()
    {
        Assert.All(XssVectors.Vectors, vector => Assert.True(MarkupBudget.Problem(vector.Payload) is null, $"line {vector.Line}: {vector.Payload}"));
    }
}
