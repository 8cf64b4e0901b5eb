using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SomeForum.IntegrationTests.Infrastructure;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;
using SomeForum.Web.Seeding;
using Xunit.Abstractions;

namespace SomeForum.IntegrationTests.Seeding;

/// <summary>
/// <c>export-wxr FILE</c>, and the round trip: a site exported, then imported into an empty SomeForum (a real SQLite
/// file of its own, no seed), is the same site, field by field; exported again, it is the same file. What the file
/// holds is read with LINQ to XML, not with the importer's reader.
/// </summary>
public sealed partial class WxrExportTests(ITestOutputHelper log) : IDisposable
{
    private static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Wfw = "http://wellformedweb.org/CommentAPI/";

    private readonly ForumFactory source = new ForumFactory().With("Pingback:SiteUrl", "https://forum.example.org");
    private readonly List<ForumFactory> others = [];
    private readonly List<string> files = [];

    public void Dispose()
    {
        source.Dispose();
        foreach (var other in others) other.Dispose();
        foreach (var file in files) File.Delete(file);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex WordPressDate();

    [Fact]
    public async Task TheSeedPostComesBackTheSameThroughExportAndImport()
    {
        // Replies deeper than the second level are attached beside their comment, so one can be made here (the seed
        // itself is imported as deep as it is).
        source.With("Comments:MaxDepth", "2");
        var slug = "some-so-far-so-what";
        var thread = await source.WithDbAsync(db => db.Comments.Where(c => c.Post.Slug == slug).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.PostId, c.Kind, HasReplies = db.Comments.Any(r => r.ParentId == c.Id) }).ToListAsync());
        var comments = thread.Where(c => c.Kind == CommentKind.Comment).ToList();
        // Every status, an erased placeholder with its replies below it, a reply attached beside the deepest level
        // (it says whom it answers), and a text that would end a CDATA section.
        await source.MarkAsync(comments[1].Id, CommentStatus.Pending);
        await source.MarkAsync(comments[2].Id, CommentStatus.Spam);
        await source.MarkAsync(comments[3].Id, CommentStatus.Trash);
        var erased = comments.First(c => c.HasReplies && c.Id > comments[3].Id).Id;
        await source.WithServicesAsync(s => s.GetRequiredService<ThreadChanges>().EraseAsync(erased, ThreadDoor.TestModerator, null, CancellationToken.None));
        var deepest = await source.WithDbAsync(db => db.Comments.Where(c => c.PostId == thread[0].PostId && c.Status == CommentStatus.Approved && c.Depth == 1)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Depth }).FirstAsync());
        var beside = await source.WithServicesAsync(async s =>
        {
            var answer = new CommentSubmission
            {
                PostId = thread[0].PostId, ParentId = deepest.Id, AuthorName = "A moderator", AuthorEmail = "mod@example.org",
                Text = "Quoting XML: `]]>` and <![CDATA[ stay *text*.", IpAddress = "198.51.100.7", UserAgent = "Test/1.0",
            };
            return await s.GetRequiredService<CommentPipeline>().AddAsync(answer, CommentOrigin.Moderator, CancellationToken.None);
        });
        Assert.NotNull(await source.WithDbAsync(db => db.Comments.Where(c => c.Id == beside.Comment!.Id).Select(c => c.RepliesToId).SingleAsync()));

        var export = await ExportAsync(source);
        var target = EmptyForum();
        var imported = await ImportAsync(target, export);
        Assert.Contains("Replies whose parent is missing: none", imported, StringComparison.Ordinal);

        await AssertSameSiteAsync(source, target);
        Assert.Equal("000_4ef4242e2c62289a.txt", await target.WithDbAsync(db => db.Posts.Select(p => p.ImportKey).SingleAsync()));
        await FigureChecks.AssertFiguresMatchCountingAsync(target);
        // The same ids, the same text, the same everything: the export of the copy is the export of the original.
        Assert.Equal(WithoutExportDate(await File.ReadAllTextAsync(export)), WithoutExportDate(await File.ReadAllTextAsync(await ExportAsync(target))));
        // Twice is once.
        Assert.Contains("Nothing new to import; nothing changed.", await ImportAsync(target, export), StringComparison.Ordinal);
        await AssertSameSiteAsync(source, target);
    }

    [Fact]
    public async Task AGeneratedSiteWithDraftsAndTrashComesBackTheSame()
    {
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(source, "--comments", "2000", "--slug", "big-one", "--seed", "3")).Exit);
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(source, "--comments", "40", "--slug", "later-trashed")).Exit);
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(source, "--comments", "25", "--slug", "a-draft")).Exit);
        await MarkSomeAsync(source, "big-one", 20);
        var trashed = await source.WithDbAsync(db => db.Posts.Where(p => p.Slug == "later-trashed").Select(p => p.Id).SingleAsync());
        Assert.True(await source.WithServicesAsync(s => s.GetRequiredService<ThreadChanges>().TrashPostAsync(trashed, ThreadDoor.TestModerator, null, CancellationToken.None)));
        await source.WithDbAsync(db => db.Posts.Where(p => p.Slug == "a-draft")
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Draft).SetProperty(p => p.PublishedAt, (DateTime?)null)));

        var export = await ExportAsync(source);
        var target = EmptyForum();
        var report = await ImportAsync(target, export);

        Assert.Contains("Posts to import: 4 (4 posts, 0 pages; 2 published, 1 drafts, 1 in the trash)", report, StringComparison.Ordinal);
        Assert.Contains("/posts/later-trashed  post ", report, StringComparison.Ordinal);
        Assert.Contains(", in the trash: 40 comments (40 approved, 0 pending, 0 spam, 0 trash)", report, StringComparison.Ordinal);
        await AssertSameSiteAsync(source, target);
        var trashedCopy = await target.WithDbAsync(db => db.Posts.Where(p => p.Slug == "later-trashed").Select(p => new { p.Status, p.StatusBeforeTrash }).SingleAsync());
        Assert.Equal(PostStatus.Trash, trashedCopy.Status);
        Assert.Equal(PostStatus.Published, trashedCopy.StatusBeforeTrash);
        await FigureChecks.AssertFiguresMatchCountingAsync(target);
        Assert.Equal(WithoutExportDate(await File.ReadAllTextAsync(export)), WithoutExportDate(await File.ReadAllTextAsync(await ExportAsync(target))));
    }

    [Fact]
    public async Task AnExportOfTenThousandCommentsImportsWithEveryParentAndStatus()
    {
        const int Count = 10_000;
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(source, "--comments", Count.ToString(CultureInfo.InvariantCulture), "--slug", "ten-thousand")).Exit);
        await MarkSomeAsync(source, "ten-thousand", 40);
        var clock = Stopwatch.StartNew();
        var export = await ExportAsync(source);
        log.WriteLine($"export-wxr: {clock.Elapsed.TotalSeconds:0.0} s, {new FileInfo(export).Length / 1024:N0} KB");
        var target = EmptyForum();
        clock.Restart();
        await ImportAsync(target, export);
        log.WriteLine($"import-wxr: {clock.Elapsed.TotalSeconds:0.0} s");

        var before = await source.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.Post.Slug == "ten-thousand")
            .Select(c => new { c.Id, c.ParentId, c.Status, c.Kind }).ToListAsync());
        // The copy names each comment by the id it had in the file: its id on the site it came from.
        var after = await target.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.Post.Slug == "ten-thousand")
            .Select(c => new { c.Id, c.ParentId, c.Status, c.Kind, c.WordPressId }).ToListAsync());
        Assert.Equal(Count, before.Count);
        Assert.Equal(Count, after.Count);
        var originalOf = after.ToDictionary(c => c.Id, c => c.WordPressId!.Value);
        var copies = after.ToDictionary(c => c.WordPressId!.Value);
        foreach (var comment in before)
        {
            var copy = copies[comment.Id];
            Assert.Equal(comment.ParentId, copy.ParentId is { } parent ? originalOf[parent] : null);
            Assert.Equal(comment.Status, copy.Status);
            Assert.Equal(comment.Kind, copy.Kind);
        }
        Assert.Equal(4, before.Select(c => c.Status).Distinct().Count());
        await FigureChecks.AssertFiguresMatchCountingAsync(target);
    }

    [Fact]
    public async Task TheExportIsAWordPressExportWithEveryElementItsImporterReads()
    {
        // The seed post names no author; a generated one does.
        Assert.Equal(0, (await GeneratedThreads.GenerateAsync(source, "--comments", "30", "--slug", "small")).Exit);
        var export = await ExportAsync(source);
        var document = XDocument.Load(export);

        var rss = document.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        // WordPress's parser finds its namespaces by prefix, as its own exports declare them.
        foreach (var (prefix, ns) in new[] { ("wp", Wp), ("excerpt", Excerpt), ("content", Content), ("dc", Dc), ("wfw", Wfw) })
        {
            Assert.Equal(ns.NamespaceName, (string?)rss.Attribute(XNamespace.Xmlns + prefix));
        }
        var channel = rss.Element("channel")!;
        Assert.Equal("1.2", channel.Element(Wp + "wxr_version")?.Value);
        Assert.Equal("https://forum.example.org", channel.Element(Wp + "base_site_url")?.Value);
        Assert.Equal("https://forum.example.org", channel.Element(Wp + "base_blog_url")?.Value);
        var author = Assert.Single(channel.Elements(Wp + "author"));
        Assert.Equal("someforum", author.Element(Wp + "author_login")?.Value);
        Assert.Equal("SomeForum", author.Element(Wp + "author_display_name")?.Value);

        var items = channel.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        foreach (var post in items)
        {
            foreach (var name in new XName[] { "title", "link", "pubDate", Dc + "creator", "guid", "description", Content + "encoded", Excerpt + "encoded",
                Wp + "post_id", Wp + "post_date", Wp + "post_date_gmt", Wp + "comment_status", Wp + "ping_status", Wp + "post_name", Wp + "status",
                Wp + "post_parent", Wp + "menu_order", Wp + "post_type", Wp + "post_password", Wp + "is_sticky" })
            {
                Assert.True(post.Element(name) is not null, $"an item has no {name}");
            }
        }
        Assert.Equal("someforum", items[1].Element(Dc + "creator")!.Value);
        var item = items[0];
        Assert.Equal("", item.Element(Dc + "creator")!.Value);
        Assert.Equal("https://forum.example.org/posts/some-so-far-so-what", item.Element("link")!.Value);
        Assert.Equal("publish", item.Element(Wp + "status")!.Value);
        Assert.Equal("post", item.Element(Wp + "post_type")!.Value);
        Assert.Matches(WordPressDate(), item.Element(Wp + "post_date_gmt")!.Value);
        Assert.StartsWith("<p>Wednesday sees the hosting", item.Element(Content + "encoded")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("Wednesday sees the hosting", Meta(item, "postmeta", WxrMeta.Markdown), StringComparison.Ordinal);

        var stored = await source.WithDbAsync(db => db.Comments.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        var comments = items.SelectMany(i => i.Elements(Wp + "comment")).ToList();
        Assert.Equal(stored.Count, comments.Count);
        var ids = comments.Select(c => long.Parse(c.Element(Wp + "comment_id")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(stored.Select(c => c.Id).Order(), ids.Order());
        foreach (var comment in comments)
        {
            foreach (var name in new[] { "comment_id", "comment_author", "comment_author_email", "comment_author_url", "comment_author_IP",
                "comment_date", "comment_date_gmt", "comment_content", "comment_approved", "comment_type", "comment_parent", "comment_user_id" })
            {
                Assert.True(comment.Element(Wp + name) is not null, $"a comment has no wp:{name}");
            }
            var id = long.Parse(comment.Element(Wp + "comment_id")!.Value, CultureInfo.InvariantCulture);
            var original = stored.Single(c => c.Id == id);
            // A parent is written before its replies, as WordPress's importer needs to link them.
            var parent = long.Parse(comment.Element(Wp + "comment_parent")!.Value, CultureInfo.InvariantCulture);
            Assert.Equal(original.ParentId ?? 0, parent);
            if (parent != 0) Assert.True(ids.IndexOf(parent) < ids.IndexOf(id));
            Assert.Equal(original.Kind == CommentKind.Pingback ? "pingback" : "comment", comment.Element(Wp + "comment_type")!.Value);
            Assert.Equal(original.Status == CommentStatus.Approved ? "1" : "0", comment.Element(Wp + "comment_approved")!.Value);
            Assert.Matches(WordPressDate(), comment.Element(Wp + "comment_date_gmt")!.Value);
            Assert.Equal(original.Html, comment.Element(Wp + "comment_content")!.Value);
            Assert.Equal(original.Source, Meta(comment, "commentmeta", WxrMeta.Markdown));
            if (original.Kind == CommentKind.Pingback && original.SourceUrl is { } url) Assert.Equal(url, comment.Element(Wp + "comment_author_url")!.Value);
        }

        // And our own reader takes it, with nothing to report.
        var file = WxrImporter.ReadFile(export);
        Assert.Equal("1.2", file.Version);
        Assert.Equal(stored.Count, file.Items.Sum(i => i.Comments.Count));
        Assert.Equal("SomeForum", file.AuthorNames["someforum"]);
    }

    [Fact]
    public async Task CommentsFromWordPressKeepTheirIdsAndOursThatClashAreNumberedAfterTheSite()
    {
        // small-export.xml's comment 1 and post 1 clash with the seed's own first comment and post.
        using (var output = new StringWriter())
        using (var error = new StringWriter())
        {
            Assert.Equal(0, await ImportWxrCommand.RunAsync(source.Services, [Path.Combine(AppContext.BaseDirectory, "Fixtures", "wxr", "small-export.xml")], output, error));
        }
        var site = await source.WithDbAsync(async db => new
        {
            MaxComment = Math.Max(await db.Comments.MaxAsync(c => c.Id), await db.Comments.MaxAsync(c => c.WordPressId) ?? 0),
            MaxPost = Math.Max(await db.Posts.MaxAsync(p => p.Id), await db.Posts.MaxAsync(p => p.WordPressId) ?? 0),
            Seed = await db.Posts.Where(p => p.Slug == "some-so-far-so-what").Select(p => p.Id).SingleAsync(),
            Hello = await db.Comments.Where(c => c.WordPressId == 1).Select(c => c.Id).SingleAsync(),
        });
        Assert.Equal(1, site.Seed);
        Assert.NotEqual(1, site.Hello);

        var first = XDocument.Load(await ExportAsync(source));
        var posts = first.Descendants("item").ToDictionary(i => i.Element(Wp + "post_name")!.Value, i => long.Parse(i.Element(Wp + "post_id")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(posts.Count, posts.Values.Distinct().Count());
        Assert.Equal(1, posts["hello-world"]);
        Assert.Equal(site.MaxPost + 1, posts["some-so-far-so-what"]);
        var commentIds = first.Descendants(Wp + "comment_id").Select(e => long.Parse(e.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(commentIds.Count, commentIds.Distinct().Count());
        var hello = first.Descendants("item").Single(i => i.Element(Wp + "post_name")!.Value == "hello-world").Element(Wp + "comment")!;
        Assert.Equal("1", hello.Element(Wp + "comment_id")!.Value);
        var seedFirst = first.Descendants("item").Single(i => i.Element(Wp + "post_name")!.Value == "some-so-far-so-what").Element(Wp + "comment")!;
        Assert.Equal(site.MaxComment + 1, long.Parse(seedFirst.Element(Wp + "comment_id")!.Value, CultureInfo.InvariantCulture));

        // Imported elsewhere and exported from there, every id is what it was.
        var target = EmptyForum();
        await ImportAsync(target, await ExportAsync(source));
        var second = XDocument.Load(await ExportAsync(target));
        Assert.Equal(Ids(first), Ids(second));

        static List<string> Ids(XDocument export) => export.Descendants("item")
            .Select(i => $"{i.Element(Wp + "post_name")!.Value}:{i.Element(Wp + "post_id")!.Value}:" +
                string.Join(",", i.Elements(Wp + "comment").Select(c => $"{c.Element(Wp + "comment_id")!.Value}<{c.Element(Wp + "comment_parent")!.Value}")))
            .ToList();
    }

    [Fact]
    public async Task AnExistingFileIsNotReplacedWithoutForceAndBadArgumentsSaySo()
    {
        var file = NewFile();
        await File.WriteAllTextAsync(file, "an earlier export");

        var refused = await RunExportAsync(source, file);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("exists already", refused.Err, StringComparison.Ordinal);
        Assert.Equal("an earlier export", await File.ReadAllTextAsync(file));

        var forced = await RunExportAsync(source, file, "--force");
        Assert.Equal(0, forced.Exit);
        Assert.Contains("Exported 1 posts and ", forced.Out, StringComparison.Ordinal);
        Assert.Equal("rss", XDocument.Load(file).Root!.Name.LocalName);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + ".*.partial"));

        Assert.Equal(2, (await RunExportAsync(source)).Exit);
        var nowhere = await RunExportAsync(source, Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "site.xml"));
        Assert.Equal(1, nowhere.Exit);
        Assert.Contains("not a file in an existing folder", nowhere.Err, StringComparison.Ordinal);
    }

    /// <summary>Held, spam and trash comments spread through the thread, through the moderators' door so every figure stays true.</summary>
    private static async Task MarkSomeAsync(ForumFactory forum, string slug, int every)
    {
        var ids = await forum.WithDbAsync(db => db.Comments.Where(c => c.Post.Slug == slug).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        (ModerationAction Action, int Offset)[] marks = [(ModerationAction.Unapprove, 1), (ModerationAction.Spam, 2), (ModerationAction.Trash, 3)];
        foreach (var (action, offset) in marks)
        {
            var chosen = ids.Where((_, i) => i % every == offset).ToList();
            await forum.WithServicesAsync(s => s.GetRequiredService<ThreadChanges>().ModerateAsync(chosen, action, ThreadDoor.TestModerator, CancellationToken.None));
        }
    }

    /// <summary>
    /// Every post and comment of one site equals the other's, field by field; a comment's parent, and the comment it
    /// answers, are compared by their place in the thread (the ids are the new site's own).
    /// </summary>
    private static async Task AssertSameSiteAsync(ForumFactory original, ForumFactory copy)
    {
        var expected = await DescribeAsync(original);
        var actual = await DescribeAsync(copy);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    private static Task<List<string>> DescribeAsync(ForumFactory forum) => forum.WithDbAsync(async db =>
    {
        var lines = new List<string>();
        foreach (var post in await db.Posts.AsNoTracking().OrderBy(p => p.Slug).ToListAsync())
        {
            lines.Add(string.Join(" | ", post.Slug, post.Title, post.Source, post.Html, post.Excerpt, post.AuthorName, post.Status, post.StatusBeforeTrash,
                Date(post.PublishedAt), Date(post.CreatedAt), Date(post.UpdatedAt), post.CommentsOpen, post.PingbacksOpen, post.ModerationReason,
                post.CommentCount, post.TopLevelCount, post.ThreadCount));
            var thread = await db.Comments.AsNoTracking().Where(c => c.PostId == post.Id).OrderBy(c => c.ThreadPath).ToListAsync();
            var place = thread.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
            lines.AddRange(thread.Select(c => string.Join(" | ", post.Slug, place[c.Id], c.ParentId is { } p ? place[p] : -1,
                c.RepliesToId is { } r ? place[r] : -1, c.Depth, c.Kind, c.Status, c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.Source, c.Html, c.TextHash,
                c.Number, c.ThreadPublishedCount, Date(c.CreatedAt), Date(c.ReceivedAt), Date(c.EditedAt), Date(c.ErasedAt),
                c.SourceUrl, c.SourceTitle, c.IpAddress, c.UserAgent, c.ModerationReason)));
        }
        return lines;

        static string Date(DateTime? date) => date?.ToString("O", CultureInfo.InvariantCulture) ?? "none";
    });

    private static string? Meta(XElement owner, string element, string key) =>
        owner.Elements(Wp + element).FirstOrDefault(m => m.Element(Wp + "meta_key")?.Value == key)?.Element(Wp + "meta_value")?.Value;

    // The one line that says when the file was written.
    private static string WithoutExportDate(string export) => Regex.Replace(export, @"(?m)^\t\t<pubDate>[^<]*</pubDate>$", "", RegexOptions.None, TimeSpan.FromSeconds(10));

    /// <summary>A forum on a database of its own with no seed: what an export is imported into.</summary>
    private ForumFactory EmptyForum()
    {
        var forum = new ForumFactory()
            .With("Pingback:SiteUrl", "https://forum.example.org")
            .With("Seeding:Directory", Directory.CreateTempSubdirectory("someforum-no-seeds-").FullName);
        others.Add(forum);
        Assert.Equal(0, forum.WithDbAsync(db => db.Posts.CountAsync()).GetAwaiter().GetResult());
        return forum;
    }

    private string NewFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"someforum-export-{Guid.NewGuid():N}.xml");
        files.Add(file);
        return file;
    }

    private async Task<string> ExportAsync(ForumFactory forum)
    {
        var file = NewFile();
        var run = await RunExportAsync(forum, file);
        Assert.True(run.Exit == 0, run.Err);
        return file;
    }

    private static async Task<(int Exit, string Out, string Err)> RunExportAsync(ForumFactory forum, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ExportWxrCommand.RunAsync(forum.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> ImportAsync(ForumFactory forum, string file)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ImportWxrCommand.RunAsync(forum.Services, [file], output, error);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }
}
