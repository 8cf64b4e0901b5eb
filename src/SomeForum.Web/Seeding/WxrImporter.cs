using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Seeding;

/// <summary>A post or page of the file, as it will be stored.</summary>
public sealed record WxrPlannedPost(WxrItem Item, string Key, string Slug, string Title, PostStatus Status, string? Note, IReadOnlyList<ImportNode<WxrComment>> Threads)
{
    public IEnumerable<WxrComment> AllComments => Threads.SelectMany(t => t.Walk());

    public int CommentCount => AllComments.Count();
}

/// <summary>What importing a file would do (or did): written before anything is stored, by <c>--dry-run</c> alone.</summary>
public sealed record WxrPlan(
    string File, WxrFile Wxr, IReadOnlyList<WxrPlannedPost> Posts, IReadOnlyList<(WxrItem Item, string Slug)> AlreadyImported,
    IReadOnlyList<(WxrItem Item, string Why)> Skipped, IReadOnlyList<ImportOrphan> Orphans, IReadOnlyList<string> Duplicates) : IImportPlan
{
    public int CommentCount => Posts.Sum(p => p.CommentCount);

    public bool IsEmpty => Posts.Count == 0;

    public void WriteReport(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Line($"{File}: WordPress export (WXR {Wxr.Version}) of {Wxr.SiteUrl ?? "an unnamed site"}");
        var comments = Posts.SelectMany(p => p.AllComments).ToList();
        var (articles, pages) = (Posts.Count(p => p.Item.PostType == "post"), Posts.Count(p => p.Item.PostType == "page"));
        var (published, drafts) = (Posts.Count(p => p.Status == PostStatus.Published), Posts.Count(p => p.Status == PostStatus.Draft));
        // Only a SomeForum export brings posts awaiting review or in the trash.
        var (pending, trash) = (Posts.Count(p => p.Status == PostStatus.Pending), Posts.Count(p => p.Status == PostStatus.Trash));
        var others = (pending > 0 ? $", {pending} pending" : "") + (trash > 0 ? $", {trash} in the trash" : "");
        Line($"Posts to import: {Posts.Count} ({articles} posts, {pages} pages; {published} published, {drafts} drafts{others})");
        Line($"Comments to import: {comments.Count} ({StatusCounts(comments)}); {comments.Count(c => WxrImporter.KindOf(c) != CommentKind.Comment)} of them pingbacks or trackbacks");
        if (Posts.Count > 0)
        {
            output.WriteLine("By post:");
            foreach (var post in Posts)
            {
                var all = post.AllComments.ToList();
                var status = post.Status switch
                {
                    PostStatus.Published => "published",
                    PostStatus.Pending => "pending",
                    PostStatus.Trash => "in the trash",
                    _ => "draft",
                };
                var note = post.Note is null ? "" : $" ({post.Note})";
                var counts = all.Count == 0 ? "no comments" : $"{all.Count} comment{(all.Count == 1 ? "" : "s")} ({StatusCounts(all)})";
                Line($"  {ForumUrls.Post(post.Slug)}  {post.Item.PostType} {post.Item.PostId}, {status}{note}: {counts}");
            }
        }
        ImportThreads.WriteClosingSections(output, Orphans, o => $"comment {o.CommentId} on post {o.ContainerId}", Duplicates,
            [.. AlreadyImported.Select(a => $"{a.Item.PostType} {a.Item.PostId} as {ForumUrls.Post(a.Slug)}")], [.. Skipped.Select(s => s.Why)]);

        void Line(FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
    }

    private static string StatusCounts(IEnumerable<WxrComment> comments) => ImportThreads.StatusCounts(comments.Select(WxrImporter.StatusOf));
}

public sealed record WxrImportResult(int Posts, int Comments);

/// <summary>
/// Imports a WordPress export: the file is read whole first (a malformed one stores nothing), then planned
/// (what is new, what was imported before, what is skipped and why), then every new post and its comments are
/// written in one transaction through the comment pipeline's import, each comment keeping its WordPress status.
/// A post is keyed by its site and WordPress id, so a second import of the file changes nothing.
/// </summary>
public sealed class WxrImporter(ForumDb db, ThreadWrites writes, CommentPipeline comments, MarkdownRenderer renderer, TimeProvider clock)
{
    /// <summary>Levels a thread path holds; WordPress itself nests 10 at most.</summary>
    public const int MaxLevels = ImportThreads.MaxLevels;

    public static WxrFile ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return WxrReader.Read(stream, Path.GetFileName(path));
    }

    public async Task<WxrPlan> PlanAsync(WxrFile wxr, string file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wxr);
        var site = (wxr.SiteUrl ?? $"file:{file}").TrimEnd('/');
        if (site.Length > 200) site = site[..200];
        var skipped = new List<(WxrItem, string)>();
        var duplicates = new List<string>();
        var candidates = new List<(WxrItem Item, string Key, PostStatus Status, string? Note)>();
        var seen = new Dictionary<long, WxrItem>();
        foreach (var item in wxr.Items)
        {
            if (item.PostType is not ("post" or "page"))
            {
                skipped.Add((item, $"{item.PostType}: only posts and pages are imported"));
                continue;
            }
            if (!seen.TryAdd(item.PostId, item))
            {
                duplicates.Add($"{item.PostType} {item.PostId} at line {item.Line}: the same post id as line {seen[item.PostId].Line}");
                continue;
            }
            (PostStatus? status, string? note) = SomeForumStatus(item) is { } exact ? (exact, null) : item.Status switch
            {
                "publish" when item.Password is not null => (PostStatus.Draft, "password-protected in WordPress: kept as a draft"),
                "publish" => (PostStatus.Published, (string?)null),
                "draft" => (PostStatus.Draft, null),
                "pending" => (PostStatus.Draft, "pending review in WordPress"),
                "future" => (PostStatus.Draft, "scheduled in WordPress"),
                "private" => (PostStatus.Draft, "private in WordPress"),
                _ => ((PostStatus?)null, (string?)null),
            };
            if (status is not { } kept)
            {
                skipped.Add((item, $"status '{item.Status}': not a post to show"));
                continue;
            }
            // A SomeForum export names the key its post had, so a post imported there from elsewhere keeps its key.
            var key = item.Meta.GetValueOrDefault(WxrMeta.ImportKey) is { Length: > 0 and <= 260 } own ? own : $"wxr:{site}:{item.PostId}";
            candidates.Add((item, key, kept, note));
        }

        var keys = candidates.Select(c => c.Key).ToList();
        var imported = await db.Posts.AsNoTracking().Where(p => p.ImportKey != null && keys.Contains(p.ImportKey))
            .ToDictionaryAsync(p => p.ImportKey!, p => p.Slug, ct);
        var slugs = ImportThreads.TakenSlugs(await db.Posts.AsNoTracking().Select(p => p.Slug).ToListAsync(ct));
        var already = new List<(WxrItem, string)>();
        var posts = new List<WxrPlannedPost>();
        var orphans = new List<ImportOrphan>();
        foreach (var (item, key, status, note) in candidates)
        {
            if (imported.TryGetValue(key, out var existing))
            {
                already.Add((item, existing));
                continue;
            }
            var slug = ImportThreads.UniqueSlug(BaseSlug(item), slugs);
            var title = item.Title.Length == 0 ? "(untitled)" : item.Title;
            if (title.Length > PostLimits.TitleLength) title = title[..PostLimits.TitleLength];
            posts.Add(new WxrPlannedPost(item, key, slug, title, status, note, Threads(item, orphans, duplicates)));
            // A source may mention a post once: a repeated one is kept, without its source address.
            foreach (var repeat in item.Comments.Where(c => KindOf(c) != CommentKind.Comment && c.Url is not null).GroupBy(c => c.Url).SelectMany(g => g.Skip(1)))
            {
                duplicates.Add($"{repeat.Type} {repeat.Id} on {item.PostType} {item.PostId}: a second mention from {repeat.Url}; kept without its source address");
            }
        }
        return new WxrPlan(file, wxr, posts, already, skipped, orphans, duplicates);
    }

    /// <summary>Stores every post the plan names, with its comments, in one transaction: all of them or nothing.</summary>
    public async Task<WxrImportResult> ImportAsync(WxrPlan plan, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        await using var scope = await writes.BeginAsync(ct);
        foreach (var planned in plan.Posts)
        {
            var item = planned.Item;
            var meta = item.Meta;
            // A SomeForum export carries the Markdown the post was written in: rendered again, it is the same page.
            var (html, markdown) = meta.TryGetValue(WxrMeta.Markdown, out var source)
                ? (renderer.ToHtml(source, TextKind.Post), source)
                : WordPressText.Convert(renderer, item.Content, TextKind.Post);
            var author = item.Creator is null ? null : plan.Wxr.AuthorNames.GetValueOrDefault(item.Creator, item.Creator);
            var post = new Post
            {
                Slug = planned.Slug,
                Title = planned.Title,
                Source = markdown,
                Html = html,
                Excerpt = renderer.ToExcerpt(markdown, PostLimits.ExcerptCut),
                AuthorName = author is { Length: > 200 } ? author[..200] : author,
                PublishedAt = WxrMeta.TryDate(meta, WxrMeta.Published, out var published) ? published
                    : planned.Status == PostStatus.Published ? item.DateGmt : null,
                Status = planned.Status,
                StatusBeforeTrash = Enum.TryParse<PostStatus>(meta.GetValueOrDefault(WxrMeta.StatusBeforeTrash), out var wasBefore) ? wasBefore : null,
                CreatedAt = WxrMeta.TryDate(meta, WxrMeta.Created, out var created) && created is { } c ? c : item.DateGmt ?? now,
                UpdatedAt = WxrMeta.TryDate(meta, WxrMeta.Updated, out var updated) && updated is { } u ? u : now,
                CommentsOpen = item.CommentsOpen,
                PingbacksOpen = item.PingsOpen,
                ModerationReason = meta.GetValueOrDefault(WxrMeta.ModerationReason),
                ImportKey = planned.Key,
                WordPressId = item.PostId,
            };
            db.Posts.Add(post);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (planned.Threads.Count > 0)
            {
                var threads = Entries(planned);
                var before = done;
                done += await comments.ImportThreadsAsync(post.Id, threads, progress is null ? null : new ImportThreads.Offset(progress, before), ct);
            }
        }
        await scope.CommitAsync(ct);
        progress?.Report(done);
        return new WxrImportResult(plan.Posts.Count, done);
    }

    public static CommentStatus StatusOf(WxrComment comment) => comment.Approved switch
    {
        "1" or "approve" or "approved" => CommentStatus.Approved,
        "spam" => CommentStatus.Spam,
        "trash" or "post-trashed" => CommentStatus.Trash,
        _ => CommentStatus.Pending,
    };

    /// <summary>A SomeForum export's own status for its post (WordPress has no word for a post awaiting a moderator), else null.</summary>
    private static PostStatus? SomeForumStatus(WxrItem item) =>
        Enum.TryParse<PostStatus>(item.Meta.GetValueOrDefault(WxrMeta.Status), out var status) && Enum.IsDefined(status) ? status : null;

    /// <summary>Trackbacks are stored as pingbacks: both are another page's mention, with its address as the source.</summary>
    public static CommentKind KindOf(WxrComment comment) => comment.Type switch
    {
        "pingback" or "trackback" => CommentKind.Pingback,
        "webmention" => CommentKind.Webmention,
        _ => CommentKind.Comment,
    };

    private List<ImportedEntry> Entries(WxrPlannedPost planned)
    {
        // Converting is most of the work before storing, and each text converts on its own: every core takes a share.
        var all = planned.AllComments.ToList();
        var submissions = new CommentSubmission[all.Count];
        var index = new Dictionary<WxrComment, int>(all.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < all.Count; i++) index[all[i]] = i;
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var mentionSources = all.Select(c => KindOf(c) != CommentKind.Comment && SourceOf(c) is { Length: <= CommentLimits.UrlLength } url && sources.Add(url) ? url : null).ToArray();
        Parallel.For(0, all.Count, i => submissions[i] = Submission(all[i], mentionSources[i]));
        // A SomeForum export names whom a reply attached beside its comment answers, by that comment's id in the file.
        var byId = new Dictionary<long, WxrComment>();
        foreach (var comment in all) byId.TryAdd(comment.Id, comment);
        var entries = new Dictionary<WxrComment, ImportedEntry>(ReferenceEqualityComparer.Instance);
        return [.. planned.Threads.Select(Entry)];

        ImportedEntry Entry(ImportNode<WxrComment> node)
        {
            var comment = node.Comment;
            var meta = comment.Meta;
            RestoredFacts? restored = null;
            if (meta.Count > 0)
            {
                WxrMeta.TryDate(meta, WxrMeta.Received, out var received);
                WxrMeta.TryDate(meta, WxrMeta.Edited, out var edited);
                WxrMeta.TryDate(meta, WxrMeta.Erased, out var erased);
                var answered = long.TryParse(meta.GetValueOrDefault(WxrMeta.RepliesTo), NumberStyles.None, CultureInfo.InvariantCulture, out var answeredId)
                    && byId.TryGetValue(answeredId, out var target) ? entries.GetValueOrDefault(target) : null;
                restored = new RestoredFacts(received, edited, erased, meta.GetValueOrDefault(WxrMeta.ModerationReason), answered);
            }
            // A comment of a SomeForum export keeps the key it had there, or none, as it was (its WordPress id finds it);
            // a comment from WordPress is keyed by its post's key and its id.
            var key = restored is null ? $"{planned.Key}#comment-{comment.Id}"
                : meta.GetValueOrDefault(WxrMeta.ImportKey) is { Length: > 0 and <= CommentLimits.ImportKeyLength } own ? own : null;
            // Known before its replies are made, so a later reply answering it finds this very entry.
            var replies = new List<ImportedEntry>(node.Replies.Count);
            var entry = new ImportedEntry(submissions[index[comment]], replies, StatusOf(comment), key, comment.Id, restored);
            entries[comment] = entry;
            replies.AddRange(node.Replies.Select(Entry));
            return entry;
        }
    }

    /// <summary>A mention's source: a SomeForum export names it (or says it has none); WordPress's is the commenter's URL.</summary>
    private static string? SourceOf(WxrComment comment) =>
        WxrMeta.TryText(comment.Meta, WxrMeta.SourceUrl, out var source) ? source : comment.Url;

    private CommentSubmission Submission(WxrComment comment, string? sourceUrl)
    {
        var kind = KindOf(comment);
        var meta = comment.Meta;
        // An erased placeholder has no name; anyone else without one is Anonymous.
        var name = comment.Author.Length == 0 && !meta.ContainsKey(WxrMeta.Erased) ? "Anonymous" : comment.Author;
        var authorUrl = WxrMeta.TryText(meta, WxrMeta.AuthorUrl, out var ownUrl) ? ownUrl : comment.Url;
        var (writtenAt, writtenUnknown) = WxrMeta.TryDate(meta, WxrMeta.Written, out var written) ? (written, written is null) : (comment.DateGmt, comment.DateGmt is null);
        // A SomeForum export carries the text as it was written; WordPress's HTML is made into Markdown.
        var text = meta.TryGetValue(WxrMeta.Markdown, out var source) ? source
            : kind == CommentKind.Comment ? WordPressText.Convert(renderer, comment.Content, TextKind.Comment).Markdown : MarkdownRenderer.PlainTextOf(comment.Content);
        var sourceTitle = WxrMeta.TryText(meta, WxrMeta.SourceTitle, out var ownTitle) ? ownTitle : name;
        return new CommentSubmission
        {
            PostId = 0,
            Kind = kind,
            AuthorName = Cut(name, CommentLimits.AuthorNameLength)!,
            AuthorEmail = comment.Email is { Length: <= CommentLimits.EmailLength } email ? email : null,
            AuthorUrl = authorUrl is { Length: <= CommentLimits.UrlLength } url ? url : null,
            IpAddress = Cut(comment.Ip, 64),
            UserAgent = meta.GetValueOrDefault(WxrMeta.UserAgent),
            Text = text,
            WrittenAt = writtenAt,
            WrittenAtUnknown = writtenUnknown,
            SourceUrl = kind == CommentKind.Comment ? null : sourceUrl,
            SourceTitle = kind == CommentKind.Comment ? null : Cut(sourceTitle, CommentLimits.SourceTitleLength),
        };

        static string? Cut(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
    }

    /// <summary>The file's comments as threads; see <see cref="ImportThreads.Build"/>.</summary>
    private static List<ImportNode<WxrComment>> Threads(WxrItem item, List<ImportOrphan> orphans, List<string> duplicates)
    {
        // A SomeForum export lists every thread in its order already: kept as it is (a comment whose date is not
        // known would otherwise move).
        Comparison<WxrComment>? asListed = null;
        if (SomeForumStatus(item) is not null)
        {
            var position = new Dictionary<WxrComment, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < item.Comments.Count; i++) position.TryAdd(item.Comments[i], i);
            asListed = (a, b) => position[a].CompareTo(position[b]);
        }
        return ImportThreads.Build(item.Comments, Shape, item.PostId, orphans,
            (comment, _) => duplicates.Add($"comment {comment.Id} on {item.PostType} {item.PostId}: the same comment id twice"), order: asListed);
    }

    private static readonly ImportShape<WxrComment> Shape = new(c => c.Id, c => c.ParentId, c => c.DateGmt);

    private static string BaseSlug(WxrItem item)
    {
        if (item.PostName is { } name)
        {
            // WordPress stores a non-ASCII slug percent-encoded.
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(name);
            }
            catch (UriFormatException)
            {
                decoded = name;
            }
            var slug = Slug.FromTitle(decoded);
            if (slug != "post" || decoded == "post") return slug;
        }
        return item.Title.Length > 0 ? Slug.FromTitle(item.Title) : $"post-{item.PostId}";
    }
}
