using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;

namespace SomeForum.IntegrationTests.Comments;

/// <summary>
/// Every comment on one page (<c>Comments:PageSize=0</c>): the threads are read from the database and written one at a
/// time while the page is sent (Comments/ThreadHtml.cs), and must show exactly what a thread built whole in memory shows.
/// </summary>
public sealed class AllOnOnePageTests
{
    // A page for a reader's last visit is built whole in memory, because it marks what is new above the thread. With a
    // visit later than every comment it marks nothing, so its thread is the one the streamed page must show.
    private const string BuiltInMemory = "?since=99999999999999";

    private static ForumFactory OnePage() => new ForumFactory()
        .With("Comments:PageSize", "0")
        .With("Comments:FloodIntervalSeconds", "0");

    [Fact]
    public async Task TheStreamedThreadIsTheThreadBuiltInMemoryForAGuestAndForAWriterWithHeldComments()
    {
        using var forum = OnePage();
        // Tim's comment goes but stays as the placeholder its three replies hang from; a reply without replies goes.
        await forum.MarkAsync(8, CommentStatus.Trash);
        await forum.MarkAsync(16, CommentStatus.Trash);
        using var writer = new Browser(forum);
        // Held for a moderator: shown only to their writer, one of them in a thread of its own with nothing published.
        Assert.Equal(System.Net.HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.ReplyUrl(13), new CommentForm("A held reply, deep in a thread."))).Status);
        Assert.Equal(System.Net.HttpStatusCode.Found, (await writer.SubmitCommentAsync(SeedThread.Url, new CommentForm("A held thread of my own."))).Status);
        using var guest = new Browser(forum);

        foreach (var (reader, heldShown) in new[] { (guest, 0), (writer, 2) })
        {
            var streamed = await reader.GetAsync(SeedThread.Url);
            var built = await reader.GetAsync(SeedThread.Url + BuiltInMemory);

            Assert.Equal(ThreadOf(built.Document), ThreadOf(streamed.Document));
            Assert.Equal(heldShown, streamed.Document.QuerySelectorAll("li.awaiting").Length);
            Assert.Equal(heldShown, streamed.Document.QuerySelectorAll("li.awaiting .own-comment a.edit-own").Length);
            Assert.True(streamed.Document.Entry(8).ClassList.Contains("removed"));
            Assert.Equal("comment-8", streamed.Document.Entry(9).ParentEntryId());
            Assert.Null(streamed.Document.GetElementById("comment-16"));
            // Numbered on from one thread to the next, Tim's placeholder without a number.
            string[] numbers = [.. SeedThread.Numbered(1, 5), "", .. SeedThread.Numbered(6, 12)];
            Assert.Equal(heldShown > 0 ? [.. numbers, ""] : numbers, streamed.Document.Numbers());
            // What the page shows around the thread comes from the thread it streams: the order links and the link that keeps the reader's place.
            Assert.NotNull(streamed.Document.QuerySelector("nav.thread-order"));
            Assert.Equal(built.Document.QuerySelector(".since-link")?.GetAttribute("href"), streamed.Document.QuerySelector(".since-link")?.GetAttribute("href"));
            Assert.Equal(Entries(built.Document), Entries(streamed.Document));
        }
    }

    [Fact]
    public async Task ANewCommentIsOnTheNextStreamedPageAtTheEndOfItsThread()
    {
        using var forum = OnePage().With("Moderation:Enabled", "false");
        using var reader = new Browser(forum);
        var before = await reader.OpenAsync(SeedThread.Url);

        Assert.Equal(System.Net.HttpStatusCode.Found, (await reader.SubmitCommentAsync(SeedThread.ReplyUrl(12), new CommentForm("Late to Robin's thread."))).Status);

        var after = await reader.OpenAsync(SeedThread.Url);
        Assert.Equal(Entries(before).Length + 1, Entries(after).Length);
        var added = after.QuerySelectorAll("li.comment").Last(li => li.Body() == "Late to Robin's thread.");
        Assert.Equal("comment-12", added.ParentEntryId());
        // After Robin's last reply, before the next thread.
        var ids = Entries(after);
        Assert.Equal(Array.IndexOf(ids, "comment-15") - 1, Array.IndexOf(ids, added.Id));
    }

    /// <summary>The thread's markup, without the tokens of a writer's own links, which are made anew for every page.</summary>
    private static string ThreadOf(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        foreach (var link in page.QuerySelectorAll(".own-comment a[href]")) link.SetAttribute("href", "(a token of this page)");
        return page.QuerySelector("#comments ol.comment-list")?.OuterHtml ?? "(no thread)";
    }

    private static string[] Entries(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#comments li.comment").Ids();
}
