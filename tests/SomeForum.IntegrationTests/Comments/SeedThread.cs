using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// The seed post's thread as readers see it: 21 entries, ids 1..21 in page order, 13 of them top-level.
/// </summary>
internal static class SeedThread
{
    public const string Url = "/posts/some-so-far-so-what";
    public const int Entries = 21;

    /// <summary>The top-level entries' ids, in the order they were written (numbered 1..13).</summary>
    public static readonly long[] TopLevelIds = [1, 2, 3, 4, 7, 8, 12, 15, 17, 18, 19, 20, 21];

    public static string ReplyUrl(long id) => $"{Url}/reply/{id}";

    public static Task<int> CountCommentsAsync(this ForumFactory factory) => factory.WithDbAsync(db => db.Comments.CountAsync());

    public static IElement Entry(this IHtmlDocument page, long id)
    {
        var li = page.GetElementById($"comment-{id}");
        Assert.True(li is not null, $"the page has no comment-{id}");
        return li;
    }

    public static IHtmlCollection<IElement> TopLevel(this IHtmlDocument page) => page.QuerySelectorAll("#comments > ol.comment-list > li");

    /// <summary>The numbers of the top-level entries on the page, "" for an entry without one.</summary>
    public static string[] Numbers(this IHtmlDocument page) => [.. page.TopLevel().Select(li => li.GetAttribute("value") ?? "")];

    public static string[] Ids(this IEnumerable<IElement> entries) => [.. entries.Select(li => li.Id ?? "")];

    public static string[] Numbered(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The entry whose <c>ul.children</c> holds this one, or null for a top-level entry.</summary>
    public static string? ParentEntryId(this IElement li)
    {
        var list = li.ParentElement;
        Assert.NotNull(list);
        if (list.Matches("ol.comment-list")) return null;
        Assert.True(list.Matches("ul.children"), $"{li.Id} is in a <{list.LocalName} class=\"{list.ClassName}\">");
        return list.ParentElement?.Id;
    }

    public static string Author(this IElement li) => li.QuerySelector(":scope > article .comment-author")?.Text() ?? "";

    public static string Body(this IElement li) => li.QuerySelector(":scope > article .comment-body")?.Text() ?? "";

    public static string ResponsesTitle(this IHtmlDocument page) => page.QuerySelector("#comments-title")?.Text() ?? "";
}
