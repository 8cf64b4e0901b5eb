using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Posts;
using SomeForum.Web.Seeding;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>
/// <c>import-disqus FILE [--dry-run]</c> on an export modelled on real ones (Fixtures/disqus) and on generated
/// exports. What is expected is read from the files with LINQ to XML, not with the importer's reader.
/// </summary>
public sealed class DisqusImportTests(ITestOutputHelper log) : IDisposable
{
    private static readonly XNamespace Dsq = "http://disqus.com";
    private static readonly XNamespace Internals = "http://disqus.com/disqus-internals";
    private const string SeedSlug = "some-so-far-so-what";

    private readonly ForumFactory factory = new();
    private readonly List<string> written = [];

    public void Dispose()
    {
        factory.Dispose();
        foreach (var file in written) File.Delete(file);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "disqus", name);

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ImportDisqusCommand.RunAsync(factory.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ADryRunReportsWhereEveryThreadGoesAndWritesNothing()
    {
        var before = await SnapshotAsync();
        var run = await RunAsync(Fixture("small-export.xml"), "--dry-run");
        log.WriteLine(run.Out);

        Assert.Equal(0, run.Exit);
        Assert.Equal(before, await SnapshotAsync());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(
        [
            "small-export.xml: Disqus export of the forum 'exampleblog' (5 threads, 17 posts)",
            "Posts to import into: 2 (already here: 1; new drafts: 1)",
            "Comments to import: 13 (11 approved, 0 pending, 1 spam, 1 trash); 1 of them deleted in Disqus, kept as empty placeholders for their replies",
            "By post:",
            $"  /posts/{SeedSlug}  existing post, thread 5001 (https://blog.example.org/2019/05/some-so-far-so-what/), thread 5002 (http://www.blog.example.org/posts/some-so-far-so-what): 11 comments (9 approved, 0 pending, 1 spam, 1 trash)",
            "  /posts/about  new draft \"About this blog\", thread 5003 (https://blog.example.org/about/): 2 comments (2 approved, 0 pending, 0 spam, 0 trash)",
            "Replies whose parent is missing (kept, attached at the top level) or too deep: 1",
            "  post 9011 in thread 5001: its parent is not in the file: 8999",
            "Duplicates (the first kept): 2",
            "  post 9001 at line 286: the same post id as line 101",
            "  thread 5002 (http://www.blog.example.org/posts/some-so-far-so-what) is the page of thread 5001: their comments go to one post",
            "Already imported: none",
            "Skipped: 4",
            "  1 × post of a thread deleted in Disqus",
            "  1 × post of a thread that is not in the file",
            "  1 × thread without comments",
            "  1 × deleted in Disqus, with no reply to keep it for",
            "Dry run: nothing was written.",
        ], lines);
    }

    [Fact]
    public async Task TheSmallExportKeepsEveryParentStatusDateAndAuthor()
    {
        var run = await RunAsync(Fixture("small-export.xml"));
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("Imported 13 comments into 2 posts (1 of them new drafts)", run.Out, StringComparison.Ordinal);

        var stored = await StoredAsync();
        var source = Posts("small-export.xml").GroupBy(p => Id(p)).ToDictionary(g => g.Key, g => g.First());
        // Every post of the file but the deleted leaf (9010), the deleted thread's (9030) and the thread-less one (9040).
        Assert.Equal(source.Keys.Except([9010L, 9030, 9040]).Order(), stored.Keys.Order());
        var posts = await factory.WithDbAsync(db => db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id));
        var disqusId = stored.ToDictionary(c => c.Value.Id, c => c.Key);
        foreach (var (id, comment) in stored)
        {
            var post = source[id];
            // The parent the file names, link by link; 9011's was never exported, so it is at the top level.
            var parent = post.Element(Dsq + "parent") is { } p ? (long)p.Attribute(Internals + "id")! : 0;
            Assert.Equal<long?>(parent is 0 or 8999 ? null : parent, comment.ParentId is { } storedParent ? disqusId[storedParent] : null);
            Assert.Equal(DateTime.Parse(post.Element(Dsq + "createdAt")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), comment.CreatedAt);
            var deleted = post.Element(Dsq + "isDeleted")!.Value == "true";
            var spam = post.Element(Dsq + "isSpam")!.Value == "true";
            Assert.Equal(deleted ? CommentStatus.Trash : spam ? CommentStatus.Spam : CommentStatus.Approved, comment.Status);
            Assert.Equal(deleted, comment.ErasedAt is not null);
            if (!deleted) Assert.Equal(post.Element(Dsq + "author")!.Element(Dsq + "name")!.Value, comment.AuthorName);
            var thread = (long)post.Element(Dsq + "thread")!.Attribute(Internals + "id")!;
            Assert.Equal(thread == 5003 ? "about" : SeedSlug, posts[comment.PostId].Slug);
        }
        // Six levels in one thread, deeper than a reader may reply (Comments:MaxDepth is 5).
        Assert.Equal([0, 1, 2, 3, 4, 5], new long[] { 9001, 9002, 9003, 9004, 9005, 9006 }.Select(id => stored[id].Depth));

        // The deleted comment with a reply is an empty placeholder, as a moderator's delete leaves one.
        var erased = stored[9007];
        Assert.Equal(("", "", "", null, null), (erased.Source, erased.Html, erased.AuthorName, erased.AuthorEmail, erased.IpAddress));
        Assert.Equal(stored[9007].Id, stored[9008].ParentId);

        // The anonymous guest keeps the name they typed; an empty email is none.
        Assert.Equal(("Guest Reader", null), (stored[9020].AuthorName, stored[9020].AuthorEmail));
        // Disqus's HTML went through the sanitizer: the script and the javascript: link are gone, the real link stays.
        Assert.DoesNotContain("<script", stored[9021].Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", stored[9021].Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://blog.example.org/faq\"", stored[9021].Html, StringComparison.Ordinal);
        Assert.Equal("<p>First! This is a <strong>good</strong> post.</p>\n<p>Second paragraph with <a href=\"https://example.net/\" rel=\"nofollow ugc noopener\">a link</a>.</p>", stored[9001].Html.Trim());
        Assert.Contains("Bob, I disagree.", stored[9003].Html, StringComparison.Ordinal);
        Assert.Contains("<br", stored[9003].Html, StringComparison.Ordinal);

        // A thread with no post here became a draft: its title, its closed comments, and where it came from.
        var about = posts.Values.Single(p => p.Slug == "about");
        Assert.Equal((PostStatus.Draft, "About this blog", false, "disqus:blog.example.org/about"), (about.Status, about.Title, about.CommentsOpen, about.ImportKey));
        Assert.Equal(new DateTime(2018, 1, 10, 12, 0, 0, DateTimeKind.Utc), about.CreatedAt);
        Assert.Contains("https://blog.example.org/about/", about.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(posts.Values, p => p.Slug.StartsWith("never-commented", StringComparison.Ordinal) || p.Slug.StartsWith("preview", StringComparison.Ordinal));

        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
        var page = await factory.CreateClient().GetStringAsync(new Uri($"/posts/{SeedSlug}?cpage=1", UriKind.Relative));
        Assert.Contains("Level six, deeper than a reader may reply here.", page, StringComparison.Ordinal);
        Assert.Contains("Answering a comment that was deleted since.", page, StringComparison.Ordinal);
        Assert.Contains("This comment was removed.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Cheap watches", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGzippedFileDisqusMailsReadsAsTheUnpackedOne()
    {
        var packed = Path.Combine(Path.GetTempPath(), $"someforum-{Guid.NewGuid():N}-exampleblog-all.xml.gz");
        written.Add(packed);
        await using (var output = new GZipStream(File.Create(packed), CompressionLevel.Fastest))
        await using (var input = File.OpenRead(Fixture("small-export.xml")))
        {
            await input.CopyToAsync(output);
        }
        var notGzip = Write("not-gzip.xml.gz", "<disqus/>");

        var plain = await RunAsync(Fixture("small-export.xml"), "--dry-run");
        var run = await RunAsync(packed, "--dry-run");
        var refused = await RunAsync(notGzip, "--dry-run");

        Assert.Equal(0, run.Exit);
        Assert.Equal(plain.Out.Replace("small-export.xml:", "", StringComparison.Ordinal), run.Out.Replace($"{Path.GetFileName(packed)}:", "", StringComparison.Ordinal));
        Assert.Equal(1, refused.Exit);
        Assert.Contains("not-gzip.xml.gz, line 1, column 1: not a gzip file", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        Assert.Equal(0, (await RunAsync(Fixture("small-export.xml"))).Exit);
        var before = await SnapshotAsync();

        var dry = await RunAsync(Fixture("small-export.xml"), "--dry-run");
        Assert.Contains("Posts to import into: 0 ", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Comments to import: 0 ", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Already imported (left as they are): 3", dry.Out, StringComparison.Ordinal);
        Assert.Contains("  10 comments of thread 5001 (https://blog.example.org/2019/05/some-so-far-so-what/)", dry.Out, StringComparison.Ordinal);
        var again = await RunAsync(Fixture("small-export.xml"));
        Assert.Equal(0, again.Exit);
        Assert.Contains("Nothing new to import; nothing changed.", again.Out, StringComparison.Ordinal);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ALaterExportAddsItsNewThreadsAndListsRepliesToCommentsImportedBefore()
    {
        var first = Write("first.xml", Export([Thread(1, "https://old.example.org/a-post/", "A post")], [Post(10, 1, 0), Post(11, 1, 10)]));
        var later = Write("later.xml", Export([Thread(1, "https://old.example.org/a-post/", "A post")],
            [Post(10, 1, 0), Post(11, 1, 10), Post(12, 1, 11), Post(13, 1, 12), Post(14, 1, 0), Post(15, 1, 14)]));
        Assert.Equal(0, (await RunAsync(first)).Exit);

        var run = await RunAsync(later);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("  2 comments of thread 1 (https://old.example.org/a-post/)", run.Out, StringComparison.Ordinal);
        Assert.Contains("  2 × reply to a comment imported before: a reply cannot join an imported thread", run.Out, StringComparison.Ordinal);
        var stored = await StoredAsync();
        Assert.Equal([10L, 11, 14, 15], stored.Keys.Order());
        Assert.Single(stored.Values.Select(c => c.PostId).Distinct());
        Assert.Equal(stored[14].Id, stored[15].ParentId);
        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
    }

    [Fact]
    public async Task ATitleOrLinkCannotDriveTheTerminalTheReportIsPrintedOn()
    {
        // XML 1.0 allows the C1 controls; U+009B opens an escape sequence on many terminals.
        var file = Write("controls.xml", Export([Thread(1, "https://old.example.org/x/?q=&#x9b;2J", "Title &#x9b;31mred")], [Post(10, 1, 0)]));

        var run = await RunAsync(file, "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("new draft \"Title ?31mred\", thread 1 (https://old.example.org/x/?q=?2J)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u009b', run.Out);
    }

    [Fact]
    public async Task AMessageNestedDeeperThanTheRendererTakesIsKeptAsPlainText()
    {
        var deep = string.Concat(Enumerable.Repeat("<blockquote>", 5_000)) + "the deepest words" + string.Concat(Enumerable.Repeat("</blockquote>", 5_000));
        var file = Write("deep.xml", Export([Thread(1, $"https://old.example.org/{SeedSlug}/", "Deep")],
            [Post(10, 1, 0), Post(11, 1, 10).Replace("<p>Post 11.</p>", deep, StringComparison.Ordinal)]));

        var run = await RunAsync(file);

        Assert.True(run.Exit == 0, run.Err);
        var stored = await StoredAsync();
        Assert.Equal(stored[10].Id, stored[11].ParentId);
        Assert.StartsWith("<p>&gt; &gt; &gt; ", stored[11].Html, StringComparison.Ordinal);
        Assert.Contains("the deepest words", stored[11].Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<blockquote", stored[11].Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewDraftNeverTakesAReservedOrLookAlikeAddress()
    {
        // "/posts/new" is the editor's page; "рор" in Cyrillic letters would pass for the Latin "pop" in an address bar.
        var file = Write("addresses.xml", Export(
            [Thread(1, "https://old.example.org/new/", "New"), Thread(2, "https://old.example.org/pop/", "Pop"), Thread(3, "https://old.example.org/%D1%80%D0%BE%D1%80/", "Look-alike")],
            [Post(10, 1, 0), Post(11, 2, 0), Post(12, 3, 0)]));

        var run = await RunAsync(file);

        Assert.True(run.Exit == 0, run.Err);
        var stored = await StoredAsync();
        var slugs = await factory.WithDbAsync(db => db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug));
        Assert.Equal(("new-2", "pop", "рор-2"), (slugs[stored[10].PostId], slugs[stored[11].PostId], slugs[stored[12].PostId]));
        Assert.Equal("pop-2", Slug.Skeleton(slugs[stored[12].PostId]));
    }

    [Fact]
    public async Task MalformedFilesAreRefusedWholeWithTheirLineAndColumn()
    {
        var before = await SnapshotAsync();
        var wordPress = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wxr", "small-export.xml");
        var badDate = Write("bad-date.xml", Export([Thread(1, "https://old.example.org/x/", "X")], [Post(10, 1, 0).Replace("2020-03-01T", "2020-03-01 ", StringComparison.Ordinal)]));
        var noThread = Write("no-thread.xml", Export([], [Post(10, 1, 0).Replace("<thread dsq:id=\"1\"/>", "", StringComparison.Ordinal)]));
        var secret = Write("secret.txt", "the-secret-in-a-local-file");
        var doctype = Write("doctype.xml", Export([Thread(1, "https://old.example.org/x/", "&secret;")], [Post(10, 1, 0)])
            .Replace("<disqus", $"<!DOCTYPE disqus [<!ENTITY secret SYSTEM \"file://{secret}\">]>\n<disqus", StringComparison.Ordinal));
        (string File, string Where, string What)[] cases =
        [
            (Fixture("malformed.xml"), "malformed.xml, line 152, column 17", "not well-formed XML: An error occurred while parsing EntityName"),
            (wordPress, "small-export.xml, line 20, column 2", "<rss> where a Disqus export begins with <disqus xmlns=\"http://disqus.com\">: not a Disqus export"),
            (badDate, "bad-date.xml, line 8, column 4", "<createdAt> '2020-03-01 00:10:00Z' is not a date and time"),
            (noThread, "no-thread.xml, line 4, column 3", "post 10 names no <thread dsq:id>"),
            (doctype, "doctype.xml, line 2, column 1", "a DTD (<!DOCTYPE>) is refused: a Disqus export has none"),
        ];
        foreach (var (file, where, what) in cases)
        {
            foreach (var args in new[] { new[] { file }, [file, "--dry-run"] })
            {
                var run = await RunAsync(args);
                Assert.Equal(1, run.Exit);
                Assert.True(run.Err.Contains($"{where}: {what}", StringComparison.Ordinal), run.Err);
                Assert.Contains("nothing of this file was imported", run.Err, StringComparison.Ordinal);
                Assert.DoesNotContain("the-secret", run.Err, StringComparison.Ordinal);
                Assert.Equal("", run.Out);
            }
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AGeneratedExportOfTenThousandPostsKeepsEveryParentAndStatus()
    {
        const int Count = 10_000, Threads = 40;
        var random = new Random(13);
        var parents = new long[Count + 1];
        var threadOf = new int[Count + 1];
        var depths = new int[Count + 1];
        var deleted = new bool[Count + 1];
        var spam = new bool[Count + 1];
        var posts = new StringBuilder();
        for (var i = 1; i <= Count; i++)
        {
            // Most posts answer an earlier one of their thread (often a recent one, so some threads run deep); some
            // start a thread; a few were deleted or marked spam in Disqus.
            var thread = random.Next(1, Threads + 1);
            var earlier = Enumerable.Range(Math.Max(1, i - 40), i - Math.Max(1, i - 40)).Where(j => threadOf[j] == thread).ToList();
            long parent = earlier.Count == 0 || random.NextDouble() < 0.3 ? 0 : earlier[random.Next(earlier.Count)];
            if (parent != 0 && depths[parent] >= 12) parent = 0;
            (parents[i], threadOf[i], depths[i]) = (parent, thread, parent == 0 ? 0 : depths[parent] + 1);
            deleted[i] = random.Next(20) == 0;
            spam[i] = !deleted[i] && random.Next(25) == 0;
            posts.Append(Post(i, thread, parent, deleted[i], spam[i]));
        }
        // Half the threads are pages of posts already here (the seed post under its old address); the others become drafts.
        var threads = Enumerable.Range(1, Threads).Select(t => t % 2 == 0
            ? Thread(t, $"https://big.example.org/{2000 + t}/{SeedSlug}/", $"Thread {t}")
            : Thread(t, $"https://big.example.org/{2000 + t}/page-{t}.html", $"Page {t}"));
        var file = Write("generated.xml", Export(threads, [posts.ToString()]));

        // A deleted post is kept (erased) while anything below it is kept; children come after their parents.
        var kept = new bool[Count + 1];
        var keptBelow = new bool[Count + 1];
        for (var i = Count; i >= 1; i--)
        {
            kept[i] = !deleted[i] || keptBelow[i];
            if (kept[i] && parents[i] != 0) keptBelow[parents[i]] = true;
        }

        var clock = Stopwatch.StartNew();
        var run = await RunAsync(file);
        clock.Stop();
        Assert.True(run.Exit == 0, run.Err);
        log.WriteLine($"import-disqus of {Count:N0} posts: {clock.Elapsed.TotalSeconds:0.0} s ({run.Out.Split('\n').Last(l => l.Length > 0)})");

        var stored = await StoredAsync();
        Assert.Equal(kept.Count(k => k), stored.Count);
        var disqusId = stored.ToDictionary(c => c.Value.Id, c => c.Key);
        var slugs = await factory.WithDbAsync(db => db.Posts.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug));
        for (var i = 1; i <= Count; i++)
        {
            if (!kept[i])
            {
                Assert.False(stored.ContainsKey(i), $"post {i} was deleted in Disqus with nothing below it");
                continue;
            }
            var comment = stored[i];
            Assert.Equal<long?>(parents[i] == 0 ? null : parents[i], comment.ParentId is { } p ? disqusId[p] : null);
            Assert.Equal(deleted[i] ? CommentStatus.Trash : spam[i] ? CommentStatus.Spam : CommentStatus.Approved, comment.Status);
            Assert.Equal(deleted[i], comment.ErasedAt is not null);
            Assert.Equal(depths[i], comment.Depth);
            Assert.Equal(threadOf[i] % 2 == 0 ? SeedSlug : $"page-{threadOf[i]}", slugs[comment.PostId]);
        }
        var sample = Enumerable.Range(1, Count).First(i => !deleted[i]);
        Assert.Contains($"<strong>second</strong> paragraph &amp; a <a href=\"https://example.org/{sample}\"", stored[sample].Html, StringComparison.Ordinal);
        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
    }

    private Task<Dictionary<long, Comment>> StoredAsync() => factory.WithDbAsync(db => db.Comments.AsNoTracking()
        .Where(c => c.ImportKey!.StartsWith(DisqusImporter.KeyPrefix))
        .ToDictionaryAsync(c => long.Parse(c.ImportKey![DisqusImporter.KeyPrefix.Length..], CultureInfo.InvariantCulture)));

    private string Write(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"someforum-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        written.Add(path);
        return path;
    }

    private static string Export(IEnumerable<string> threads, IEnumerable<string> posts) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
        + "\t<category dsq:id=\"1\"><forum>big</forum><title>General</title><isDefault>true</isDefault></category>\n"
        + string.Concat(threads) + string.Concat(posts) + "</disqus>\n";

    private static string Thread(long id, string link, string title) => string.Create(CultureInfo.InvariantCulture,
        $"\t<thread dsq:id=\"{id}\"><id/><forum>big</forum><category dsq:id=\"1\"/><link>{link}</link><title>{title}</title><message/><createdAt>2020-01-01T00:00:00Z</createdAt><author><email>owner@example.org</email><name>Owner</name><isAnonymous>false</isAnonymous><username>owner</username></author><ipAddress>192.0.2.1</ipAddress><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n");

    private static string Post(long id, long thread, long parent, bool deleted = false, bool spam = false) => string.Create(CultureInfo.InvariantCulture, $"""
        	<post dsq:id="{id}">
        		<id/>
        		<message><![CDATA[{(deleted ? "" : $"<p>Post {id}.</p><p>Its <b>second</b> paragraph &amp; a <a href=\"https://example.org/{id}\" rel=\"nofollow noopener\">link</a>.</p>")}]]></message>
        		<createdAt>{new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id):yyyy-MM-ddTHH:mm:ssZ}</createdAt>
        		<isDeleted>{(deleted ? "true" : "false")}</isDeleted>
        		<isSpam>{(spam ? "true" : "false")}</isSpam>
        		<author><email>{(deleted ? "" : $"reader{id}@example.org")}</email><name>{(deleted ? "" : $"Reader {id}")}</name><isAnonymous>{(id % 7 == 0 ? "true" : "false")}</isAnonymous></author>
        		<ipAddress>192.0.2.{id % 250}</ipAddress>
        		<thread dsq:id="{thread}"/>{(parent == 0 ? "" : $"<parent dsq:id=\"{parent}\"/>")}
        	</post>

        """);

    private static IEnumerable<XElement> Posts(string file) => XDocument.Load(Fixture(file)).Root!.Elements(Dsq + "post");

    private static long Id(XElement element) => (long)element.Attribute(Internals + "id")!;

    /// <summary>Everything an import could change, as one string to compare.</summary>
    private Task<string> SnapshotAsync() => factory.WithDbAsync(async db =>
    {
        var posts = await db.Posts.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"{p.Id}|{p.Slug}|{p.Title}|{p.Status}|{p.PublishedAt}|{p.UpdatedAt}|{p.Version}|{p.CommentCount}|{p.TopLevelCount}|{p.ThreadCount}|{p.Html}").ToListAsync();
        var comments = await db.Comments.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => $"{c.Id}|{c.PostId}|{c.ParentId}|{c.ThreadPath}|{c.Status}|{c.Number}|{c.ThreadPublishedCount}|{c.ErasedAt}|{c.ImportKey}|{c.Source}|{c.Html}").ToListAsync();
        return string.Join('\n', posts.Concat(comments));
    });
}
