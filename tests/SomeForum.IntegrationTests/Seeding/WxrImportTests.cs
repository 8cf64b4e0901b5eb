using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Seeding;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>
/// <c>import-wxr FILE [--dry-run]</c> on the WordPress importer's own test files (Fixtures/wxr) and on generated
/// exports. What is expected is read from the files with LINQ to XML, not with the importer's reader.
/// </summary>
public sealed class WxrImportTests(ITestOutputHelper log) : IDisposable
{
    private const string ThemeSite = "wxr:https://wpthemetestdata.wordpress.com:";
    private static readonly string[] WellFormed =
        ["valid-wxr-1.0.xml", "cdata-edge.xml", "small-export.xml", "theme-unit-test-data.xml", "valid-wxr-1.1.xml", "wxr-utf-8-challenges.xml"];

    private readonly ForumFactory factory = new();
    private readonly List<string> written = [];

    public void Dispose()
    {
        factory.Dispose();
        foreach (var file in written) File.Delete(file);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "wxr", name);

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ImportWxrCommand.RunAsync(factory.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task EveryWellFormedFixtureImportsAndASecondImportChangesNothing()
    {
        foreach (var file in WellFormed)
        {
            var run = await RunAsync(Fixture(file));
            Assert.True(run.Exit == 0, $"{file}: {run.Err}");
        }
        var before = await SnapshotAsync();

        foreach (var file in WellFormed)
        {
            var again = await RunAsync(Fixture(file));
            Assert.Equal(0, again.Exit);
            Assert.Contains("Nothing new to import; nothing changed.", again.Out, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
        // Every post and page of every file, nothing else (the seed post was there before).
        // Every post and page of every file, once: small-export.xml and both valid-wxr files are exports of the same
        // site (http://localhost/), and a post is the site's post by its id whichever file brings it.
        var expected = WellFormed.SelectMany(f => Items(f).Where(i => Wp(i, "post_type") is "post" or "page")
            .Select(i => (Site(f), Wp(i, "post_id")))).Distinct().Count();
        Assert.Equal(expected, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.ImportKey!.StartsWith("wxr:"))));
        // Two posts of valid-wxr-1.0.xml share the slug child-post: the second is child-post-2.
        Assert.Equal(["wxr:http://localhost:6", "wxr:http://localhost:8"],
            await factory.WithDbAsync(db => db.Posts.Where(p => p.Slug.StartsWith("child-post")).OrderBy(p => p.Slug).Select(p => p.ImportKey!).ToListAsync()));
        var utf8 = Items("wxr-utf-8-challenges.xml").Single();
        Assert.True(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.Title == utf8.Element("title")!.Value.Trim())));
    }

    [Fact]
    public async Task MalformedFilesAreRefusedWholeWithTheirLineAndColumn()
    {
        var before = await SnapshotAsync();
        (string File, string Where, string What)[] cases =
        [
            ("malformed-simple.xml", "line 14, column 1", "not well-formed XML"),
            ("crazy-cdata.xml", "line 18, column 70", "not well-formed XML: ']]>' is not allowed"),
            ("malformed.xml", "line 27, column 2", "<notachanneltag> where <channel> was expected"),
            ("missing-version-tag.xml", "line 89, column 3", "no <wp:wxr_version>"),
        ];
        foreach (var (file, where, what) in cases)
        {
            foreach (var args in new[] { new[] { Fixture(file) }, [Fixture(file), "--dry-run"] })
            {
                var run = await RunAsync(args);
                Assert.Equal(1, run.Exit);
                Assert.Contains($"{file}, {where}: ", run.Err, StringComparison.Ordinal);
                Assert.Contains(what, run.Err, StringComparison.Ordinal);
                Assert.Contains("nothing of this file was imported", run.Err, StringComparison.Ordinal);
                Assert.Equal("", run.Out);
            }
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AFileWithADoctypeIsRefusedAndItsEntitiesAreNeverRead()
    {
        var secret = Write("secret.txt", "the-secret-in-a-local-file");
        var export = Export("https://xxe.example.org", [Post(1, "&secret;", "publish", [])]);
        var file = Write("xxe.xml", export.Replace("<rss", $"<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file://{secret}\">]>\n<rss", StringComparison.Ordinal));

        var run = await RunAsync(file, "--dry-run");

        Assert.Equal(1, run.Exit);
        Assert.Contains("xxe.xml, line 2, column ", run.Err, StringComparison.Ordinal);
        Assert.Contains("a DTD (<!DOCTYPE>) is refused", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret", run.Err + run.Out, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.ImportKey!.StartsWith("wxr:https://xxe."))));
    }

    [Fact]
    public async Task TheThemeTestDataKeepsEveryParentStatusPingbackAndDraft()
    {
        var run = await RunAsync(Fixture("theme-unit-test-data.xml"));
        Assert.Equal(0, run.Exit);

        var expected = Items("theme-unit-test-data.xml").Where(i => Wp(i, "post_type") is "post" or "page")
            .SelectMany(i => i.Elements().Where(e => e.Name.LocalName == "comment"))
            .ToDictionary(c => long.Parse(Wp(c, "comment_id")!, CultureInfo.InvariantCulture));
        var stored = await factory.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.ImportKey!.StartsWith(ThemeSite)).ToListAsync());
        Assert.Equal(33, expected.Count);
        Assert.Equal(expected.Count, stored.Count);

        var wordPressId = stored.ToDictionary(c => c.Id, c => long.Parse(c.ImportKey![(c.ImportKey!.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture));
        foreach (var comment in stored)
        {
            var source = expected[wordPressId[comment.Id]];
            // The parent chain from the file, link by link.
            var parent = long.Parse(Wp(source, "comment_parent")!, CultureInfo.InvariantCulture);
            Assert.Equal<long?>(parent == 0 ? null : parent, comment.ParentId is { } p ? wordPressId[p] : null);
            Assert.Equal(Wp(source, "comment_approved") == "1" ? CommentStatus.Approved : CommentStatus.Pending, comment.Status);
            var type = Wp(source, "comment_type");
            Assert.Equal(type is "pingback" or "trackback" ? CommentKind.Pingback : CommentKind.Comment, comment.Kind);
            if (comment.Kind == CommentKind.Pingback) Assert.Equal(Wp(source, "comment_author_url")!.Trim(), comment.SourceUrl);
            Assert.Equal(DateTime.Parse(Wp(source, "comment_date_gmt")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), comment.CreatedAt);
        }
        Assert.Equal(30, stored.Count(c => c.Status == CommentStatus.Approved));
        Assert.Equal(3, stored.Count(c => c.Status == CommentStatus.Pending));
        Assert.Equal(4, stored.Count(c => c.Kind == CommentKind.Pingback));
        Assert.Equal(9, stored.Single(c => wordPressId[c.Id] == 915).Depth); // "Comment Depth 10"

        var posts = await factory.WithDbAsync(db => db.Posts.AsNoTracking().Where(p => p.ImportKey!.StartsWith(ThemeSite)).ToListAsync());
        Assert.Equal(79, posts.Count); // 58 posts and 21 pages; 37 attachments and 70 menu items skipped
        Assert.Equal(PostStatus.Draft, posts.Single(p => p.Slug == "draft").Status);
        Assert.Equal(PostStatus.Draft, posts.Single(p => p.Slug == "scheduled").Status);
        Assert.Equal(PostStatus.Draft, posts.Single(p => p.Slug == "template-password-protected").Status);
        var template = posts.Single(p => p.Slug == "template-comments");
        Assert.Equal(PostStatus.Published, template.Status);
        Assert.Equal(new DateTime(2012, 1, 3, 17, 11, 37, DateTimeKind.Utc), template.PublishedAt);
        Assert.Equal("Theme Buster", posts.Single(p => p.Slug == "template-sticky").AuthorName);
        Assert.Contains(posts, p => p.Slug == "επιπεδο-2");

        // What WordPress stored as HTML passed the sanitizer: nothing runnable, no embedded media or styles.
        foreach (var html in posts.Select(p => p.Html).Concat(stored.Select(c => c.Html)))
        {
            foreach (var banned in new[] { "<script", "<iframe", "<img", "<style", "style=", "onerror", "javascript:", "<h1" })
            {
                Assert.DoesNotContain(banned, html, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Contains("<h4>Header one</h4>", stored.Single(c => wordPressId[c.Id] == 881).Html, StringComparison.Ordinal);

        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
        var page = await factory.CreateClient().GetStringAsync(new Uri("/posts/template-comments", UriKind.Relative));
        Assert.Contains("Comment Depth 10", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADryRunReportsWhatAnImportWouldDoAndWritesNothing()
    {
        var before = await SnapshotAsync();
        var run = await RunAsync(Fixture("theme-unit-test-data.xml"), "--dry-run");

        Assert.Equal(0, run.Exit);
        Assert.Equal(before, await SnapshotAsync());
        log.WriteLine(run.Out);
        Assert.Contains("Posts to import: 79 (58 posts, 21 pages; 76 published, 3 drafts)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Comments to import: 33 (30 approved, 3 pending, 0 spam, 0 trash); 4 of them pingbacks or trackbacks", run.Out, StringComparison.Ordinal);
        Assert.Contains("/posts/template-comments  post 1148, published: 20 comments (19 approved, 1 pending, 0 spam, 0 trash)", run.Out, StringComparison.Ordinal);
        Assert.Contains("70 × nav_menu_item: only posts and pages are imported", run.Out, StringComparison.Ordinal);
        Assert.Contains("37 × attachment: only posts and pages are imported", run.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was written.", run.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(Fixture("theme-unit-test-data.xml"))).Exit);
        var again = await RunAsync(Fixture("theme-unit-test-data.xml"), "--dry-run");
        Assert.Contains("Posts to import: 0 ", again.Out, StringComparison.Ordinal);
        Assert.Contains("Already imported (left as they are): 79", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusesOrphansLoopsAndRepeatedMentionsAreKeptAndListed()
    {
        var file = Write("statuses.xml", Export("https://old.example.org", [
            Post(10, "A post", "publish", [
                Comment(1, 0, "1", "Approved <em>one</em>."),
                Comment(2, 1, "0", "Held reply."),
                Comment(3, 1, "spam", "Buy things."),
                Comment(4, 0, "trash", "Thrown away."),
                Comment(5, 999, "1", "My parent was never exported."),
                Comment(6, 7, "1", "Loop A."),
                Comment(7, 6, "1", "Loop B."),
                Comment(8, 0, "1", "[...] mentioned [...]", "pingback", "https://elsewhere.example/a"),
                Comment(9, 0, "1", "[...] mentioned again [...]", "trackback", "https://elsewhere.example/a"),
            ]),
            Post(11, "A draft with a comment", "draft", [Comment(20, 0, "1", "Early.")]),
            // 35 levels, each answering the one before: deeper than a thread path holds.
            Post(12, "A very deep thread", "publish", Enumerable.Range(100, 35).Select(id => Comment(id, id == 100 ? 0 : id - 1, "1", $"Level {id - 99}."))),
        ]));

        var dry = await RunAsync(file, "--dry-run");
        Assert.Contains("Replies whose parent is missing (kept, attached at the top level) or too deep: 7", dry.Out, StringComparison.Ordinal);
        Assert.Contains("comment 5 on post 10: its parent is not in the file: 999", dry.Out, StringComparison.Ordinal);
        Assert.Contains("comment 6 on post 10: its parents loop back to it; parent 7", dry.Out, StringComparison.Ordinal);
        Assert.Contains("trackback 9 on post 10: a second mention from https://elsewhere.example/a", dry.Out, StringComparison.Ordinal);
        Assert.Contains("9 comments (6 approved, 1 pending, 1 spam, 1 trash)", dry.Out, StringComparison.Ordinal);

        var run = await RunAsync(file);
        Assert.Equal(0, run.Exit);
        var stored = await factory.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.ImportKey!.StartsWith("wxr:https://old.example.org:")).ToDictionaryAsync(c => c.ImportKey![(c.ImportKey!.LastIndexOf('-') + 1)..]));
        Assert.Equal(45, stored.Count);
        // The deepest level a path holds is 30 (depth 29): the five below it are attached beside it, listed.
        Assert.Equal(30, WxrImporter.MaxLevels);
        Assert.Equal((stored["128"].Id, 29), (stored["129"].ParentId, stored["129"].Depth));
        Assert.All(Enumerable.Range(130, 5), id => Assert.Equal((stored["128"].Id, 29), (stored[$"{id}"].ParentId, stored[$"{id}"].Depth)));
        Assert.Contains("comment 134 on post 12: nested deeper than 30 levels, so attached under comment 128 instead of its parent 133", dry.Out, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, stored["2"].Status);
        Assert.Equal(stored["1"].Id, stored["2"].ParentId);
        Assert.Equal(CommentStatus.Spam, stored["3"].Status);
        Assert.Equal(CommentStatus.Trash, stored["4"].Status);
        Assert.Equal((null, 0), (stored["5"].ParentId, stored["5"].Depth));
        Assert.Equal((null, stored["6"].Id), (stored["6"].ParentId, stored["7"].ParentId));
        Assert.Equal(("https://elsewhere.example/a", null), (stored["8"].SourceUrl, stored["9"].SourceUrl));
        Assert.Equal("<p>Approved <em>one</em>.</p>", stored["1"].Html);
        Assert.Equal("Approved *one*.", stored["1"].Source);
        Assert.Equal(PostStatus.Draft, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == stored["20"].PostId).Select(p => p.Status).SingleAsync()));
        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
    }

    [Fact]
    public async Task AGeneratedExportOfTenThousandCommentsKeepsEveryParentAndStatus()
    {
        const int Count = 10_000;
        var random = new Random(13);
        string[] statuses = ["1", "1", "1", "1", "1", "1", "0", "0", "spam", "trash"];
        var comments = new List<(long Id, long Parent, string Approved, string Type)>();
        var depths = new int[Count + 1];
        var xml = new StringBuilder();
        for (var i = 1; i <= Count; i++)
        {
            // Most comments answer an earlier one (often a recent one, so some threads run deep); some start a thread.
            // Never below WordPress's deepest setting, 10 levels.
            long parent = i == 1 || random.NextDouble() < 0.3 ? 0 : random.NextDouble() < 0.5 ? Math.Max(1, i - 1 - random.Next(3)) : random.Next(1, i);
            var depth = parent == 0 ? 0 : depths[(int)parent] + 1;
            if (depth >= 10) (parent, depth) = (0, 0);
            depths[i] = depth;
            var type = random.Next(50) == 0 ? "pingback" : "";
            comments.Add((i, parent, statuses[random.Next(statuses.Length)], type));
            xml.Append(Comment(i, parent, comments[^1].Approved, $"Comment {i}.\n\nIts <strong>second</strong> paragraph &amp; a <a href=\"https://example.org/{i}\">link</a>.",
                type, type.Length > 0 ? $"https://elsewhere.example/{i}" : null));
        }
        var file = Write("generated.xml", Export("https://big.example.org", [Post(1, "A long discussion", "publish", [xml.ToString()])]));

        var clock = Stopwatch.StartNew();
        var run = await RunAsync(file);
        clock.Stop();
        Assert.True(run.Exit == 0, run.Err);
        log.WriteLine($"import-wxr of {Count:N0} comments: {clock.Elapsed.TotalSeconds:0.0} s ({run.Out.Split('\n').Last(l => l.Length > 0)})");

        var stored = await factory.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.ImportKey!.StartsWith("wxr:https://big.example.org:"))
            .Select(c => new { c.Id, c.ParentId, c.Status, c.Kind, c.ImportKey, c.Html }).ToListAsync());
        Assert.Equal(Count, stored.Count);
        var wordPressId = stored.ToDictionary(c => c.Id, c => long.Parse(c.ImportKey![(c.ImportKey!.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture));
        var byWordPressId = stored.ToDictionary(c => wordPressId[c.Id]);
        foreach (var (id, parent, approved, type) in comments)
        {
            var comment = byWordPressId[id];
            Assert.Equal<long?>(parent == 0 ? null : parent, comment.ParentId is { } p ? wordPressId[p] : null);
            Assert.Equal(approved switch { "1" => CommentStatus.Approved, "0" => CommentStatus.Pending, "spam" => CommentStatus.Spam, _ => CommentStatus.Trash }, comment.Status);
            Assert.Equal(type.Length > 0 ? CommentKind.Pingback : CommentKind.Comment, comment.Kind);
        }
        Assert.Contains("<strong>second</strong> paragraph &amp; a <a href=\"https://example.org/77\"", byWordPressId[77].Html, StringComparison.Ordinal);
        Assert.Equal(9, depths.Max());
        await FigureChecks.AssertFiguresMatchCountingAsync(factory);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"someforum-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        written.Add(path);
        return path;
    }

    private static string Export(string site, IEnumerable<string> items) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Test</title>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>{site}</wp:base_site_url>
        <wp:base_blog_url>{site}</wp:base_blog_url>
        {string.Concat(items)}
        </channel>
        </rss>
        """;

    private static string Post(long id, string title, string status, IEnumerable<string> comments) => $"""
        <item>
        <title>{title}</title>
        <dc:creator><![CDATA[admin]]></dc:creator>
        <content:encoded><![CDATA[The first paragraph.

        The second.]]></content:encoded>
        <wp:post_id>{id}</wp:post_id>
        <wp:post_date_gmt>2020-02-02 10:00:00</wp:post_date_gmt>
        <wp:post_name>{Slug.FromTitle(title)}</wp:post_name>
        <wp:status>{status}</wp:status>
        <wp:post_type>post</wp:post_type>
        {string.Concat(comments)}
        </item>
        """;

    private static string Comment(long id, long parent, string approved, string text, string type = "", string? url = null) => string.Create(CultureInfo.InvariantCulture, $"""
        <wp:comment>
        <wp:comment_id>{id}</wp:comment_id>
        <wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>
        <wp:comment_author_email>reader{id}@example.org</wp:comment_author_email>
        <wp:comment_author_url>{url}</wp:comment_author_url>
        <wp:comment_author_IP>192.0.2.{id % 250}</wp:comment_author_IP>
        <wp:comment_date_gmt>{new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id):yyyy-MM-dd HH:mm:ss}</wp:comment_date_gmt>
        <wp:comment_content><![CDATA[{text}]]></wp:comment_content>
        <wp:comment_approved>{approved}</wp:comment_approved>
        <wp:comment_type>{type}</wp:comment_type>
        <wp:comment_parent>{parent}</wp:comment_parent>
        </wp:comment>
        """);

    private static string? Site(string file) =>
        XDocument.Load(Fixture(file)).Descendants().FirstOrDefault(e => e.Name.LocalName == "base_blog_url")?.Value.TrimEnd('/');

    private static IEnumerable<XElement> Items(string file) =>
        XDocument.Load(Fixture(file)).Descendants("item");

    private static string? Wp(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name && e.Name.NamespaceName.Contains("wordpress.org/export", StringComparison.Ordinal))?.Value;

    /// <summary>Everything an import could change, as one string to compare.</summary>
    private Task<string> SnapshotAsync() => factory.WithDbAsync(async db =>
    {
        var posts = await db.Posts.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"{p.Id}|{p.Slug}|{p.Title}|{p.Status}|{p.PublishedAt}|{p.UpdatedAt}|{p.Version}|{p.CommentCount}|{p.TopLevelCount}|{p.ThreadCount}|{p.Html}").ToListAsync();
        var comments = await db.Comments.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => $"{c.Id}|{c.PostId}|{c.ParentId}|{c.ThreadPath}|{c.Status}|{c.Number}|{c.ThreadPublishedCount}|{c.ImportKey}|{c.Source}|{c.Html}").ToListAsync();
        return string.Join('\n', posts.Concat(comments));
    });
}
