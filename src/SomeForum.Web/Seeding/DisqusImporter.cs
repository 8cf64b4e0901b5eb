using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Seeding;

/// <summary>
/// Where a Disqus thread's comments go: a post already here (by its link), or a new draft made from the thread.
/// Threads on one page (the same link written twice) share a post.
/// </summary>
public sealed record DisqusPlannedPost(
    long? ExistingPostId, string Slug, string Title, string PostKey, IReadOnlyList<DisqusThread> Threads, IReadOnlyList<ImportNode<DisqusPost>> Comments)
{
    public bool IsNew => ExistingPostId is null;

    public IEnumerable<DisqusPost> AllComments => Comments.SelectMany(t => t.Walk());
}

/// <summary>What importing a Disqus export would do (or did): written before anything is stored, by <c>--dry-run</c> alone.</summary>
public sealed record DisqusPlan(
    string File, DisqusFile Disqus, IReadOnlyList<DisqusPlannedPost> Posts, IReadOnlyList<string> AlreadyImported,
    IReadOnlyList<string> Skipped, IReadOnlyList<ImportOrphan> Orphans, IReadOnlyList<string> Duplicates) : IImportPlan
{
    public int CommentCount => Posts.Sum(p => p.AllComments.Count());

    public bool IsEmpty => Posts.Count == 0;

    public void WriteReport(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var forum = Disqus.Forum is null ? "an unnamed forum" : $"the forum '{Disqus.Forum}'";
        Line($"{File}: Disqus export of {forum} ({Disqus.Threads.Count} threads, {Disqus.Posts.Count} posts)");
        var comments = Posts.SelectMany(p => p.AllComments).ToList();
        Line($"Posts to import into: {Posts.Count} (already here: {Posts.Count(p => !p.IsNew)}; new drafts: {Posts.Count(p => p.IsNew)})");
        Line($"Comments to import: {comments.Count} ({StatusCounts(comments)}); {comments.Count(c => c.IsDeleted)} of them deleted in Disqus, kept as empty placeholders for their replies");
        if (Posts.Count > 0)
        {
            output.WriteLine("By post:");
            foreach (var post in Posts)
            {
                var all = post.AllComments.ToList();
                var what = post.IsNew ? $"new draft \"{Printable(post.Title)}\"" : "existing post";
                var threads = string.Join(", ", post.Threads.Select(t => $"thread {t.Id}{(t.Link is null ? "" : $" ({Printable(t.Link)})")}"));
                Line($"  {ForumUrls.Post(post.Slug)}  {what}, {threads}: {all.Count} comment{(all.Count == 1 ? "" : "s")} ({StatusCounts(all)})");
            }
        }
        var threadOf = Disqus.Posts.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().ThreadId);
        ImportThreads.WriteClosingSections(output, Orphans, o => $"post {o.CommentId} in thread {threadOf.GetValueOrDefault(o.CommentId)}", Duplicates, AlreadyImported, Skipped);

        void Line(FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
    }

    private static string StatusCounts(IEnumerable<DisqusPost> comments) => ImportThreads.StatusCounts(comments.Select(DisqusImporter.StatusOf));

    /// <summary>A title or link from the file, without the control characters that could drive the terminal it is printed on.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
    }
}

public sealed record DisqusImportResult(int Posts, int Comments);

/// <summary>
/// Imports a Disqus export: the file is read whole first (a malformed one stores nothing), then planned (which post
/// each thread's comments go to, what was imported before, what is skipped and why), then written in one transaction
/// through the comment pipeline's import. Each comment is keyed by its Disqus id (<c>disqus:ID</c>), so a second
/// import of the file changes nothing.
/// </summary>
public sealed partial class DisqusImporter(ForumDb db, ThreadWrites writes, CommentPipeline comments, MarkdownRenderer renderer, TimeProvider clock)
{
    public const string KeyPrefix = "disqus:";

    [GeneratedRegex(@"\.(html?|php|aspx?|jsp|cgi)$", RegexOptions.IgnoreCase)]
    private static partial Regex PageExtension();

    /// <summary>The file as Disqus mails it (<c>….xml.gz</c>) or unpacked.</summary>
    public static DisqusFile ReadFile(string path)
    {
        using var file = File.OpenRead(path);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return DisqusReader.Read(file, Path.GetFileName(path));
        using var unpacked = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return DisqusReader.Read(unpacked, Path.GetFileName(path));
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException(Path.GetFileName(path), 1, 1, $"not a gzip file: {e.Message}");
        }
    }

    /// <summary>Published unless Disqus marked it spam; one deleted there is kept only as its replies' placeholder.</summary>
    public static CommentStatus StatusOf(DisqusPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.IsDeleted ? CommentStatus.Trash : post.IsSpam ? CommentStatus.Spam : CommentStatus.Approved;
    }

    public static string CommentKey(long disqusId) => string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{disqusId}");

    public async Task<DisqusPlan> PlanAsync(DisqusFile disqus, string file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(disqus);
        var skipped = new List<string>();
        var duplicates = new List<string>();
        var orphans = new List<ImportOrphan>();

        var threads = new Dictionary<long, DisqusThread>();
        foreach (var thread in disqus.Threads)
        {
            if (!threads.TryAdd(thread.Id, thread)) duplicates.Add(Invariant($"thread {thread.Id} at line {thread.Line}: the same thread id as line {threads[thread.Id].Line}"));
        }
        var posts = new Dictionary<long, DisqusPost>();
        foreach (var post in disqus.Posts)
        {
            if (!posts.TryAdd(post.Id, post)) duplicates.Add(Invariant($"post {post.Id} at line {post.Line}: the same post id as line {posts[post.Id].Line}"));
        }

        var imported = (await db.Comments.AsNoTracking().Where(c => c.ImportKey != null && c.ImportKey.StartsWith(KeyPrefix))
            .Select(c => c.ImportKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Posts.AsNoTracking().Select(p => new ExistingPost(p.Id, p.Slug, p.Status, p.ImportKey)).ToListAsync(ct);
        var bySlug = existing.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        var byKey = existing.Where(p => p.ImportKey is not null).ToDictionary(p => p.ImportKey!, StringComparer.Ordinal);
        var slugs = ImportThreads.TakenSlugs(existing.Select(p => p.Slug));

        // A reply to a comment imported before (from an earlier export) cannot join that thread here: it is listed, not moved.
        var blocked = new Dictionary<long, bool>();
        bool Blocked(DisqusPost post)
        {
            // Up the parent chain, without recursion: a chain may be as long as the file.
            var chain = new List<long>();
            bool result;
            var current = post;
            while (true)
            {
                if (blocked.TryGetValue(current.Id, out var known))
                {
                    result = known;
                    break;
                }
                chain.Add(current.Id);
                blocked[current.Id] = false;
                if (current.ParentId != 0 && imported.Contains(CommentKey(current.ParentId)))
                {
                    result = true;
                    break;
                }
                if (current.ParentId == 0 || !posts.TryGetValue(current.ParentId, out var parent))
                {
                    result = false;
                    break;
                }
                current = parent;
            }
            foreach (var id in chain) blocked[id] = result;
            return result;
        }

        var alreadyByThread = new Dictionary<long, int>();
        var byThread = new Dictionary<long, List<DisqusPost>>();
        foreach (var post in posts.Values)
        {
            if (!threads.TryGetValue(post.ThreadId, out var thread))
            {
                skipped.Add("post of a thread that is not in the file");
            }
            else if (thread.IsDeleted)
            {
                skipped.Add("post of a thread deleted in Disqus");
            }
            else if (imported.Contains(CommentKey(post.Id)))
            {
                alreadyByThread[thread.Id] = alreadyByThread.GetValueOrDefault(thread.Id) + 1;
            }
            else if (Blocked(post))
            {
                skipped.Add("reply to a comment imported before: a reply cannot join an imported thread");
            }
            else
            {
                (byThread.TryGetValue(thread.Id, out var list) ? list : byThread[thread.Id] = []).Add(post);
            }
        }

        // Each thread with something to import finds its post; threads that find the same one share it.
        var targets = new Dictionary<string, (ExistingPost? Post, string Key, List<DisqusThread> Threads)>(StringComparer.Ordinal);
        foreach (var thread in threads.Values)
        {
            if (thread.IsDeleted) continue;
            if (!byThread.ContainsKey(thread.Id))
            {
                if (!alreadyByThread.ContainsKey(thread.Id)) skipped.Add("thread without comments");
                continue;
            }
            var key = PostKey(thread);
            var match = Match(thread, key, bySlug, byKey);
            if (match is { Status: not (PostStatus.Published or PostStatus.Draft) })
            {
                skipped.AddRange(byThread[thread.Id].Select(_ => $"post of a thread whose post here ({ForumUrls.Post(match.Slug)}) is {match.Status.ToString().ToLowerInvariant()}"));
                continue;
            }
            var target = match is null ? $"new:{key}" : Invariant($"post:{match.Id}");
            if (targets.TryGetValue(target, out var shared))
            {
                duplicates.Add(Invariant($"thread {thread.Id} ({DisqusPlan.Printable(thread.Link ?? "")}) is the page of thread {shared.Threads[0].Id}: their comments go to one post"));
                shared.Threads.Add(thread);
            }
            else
            {
                targets[target] = (match, key, [thread]);
            }
        }

        var planned = new List<DisqusPlannedPost>();
        foreach (var (match, key, group) in targets.Values)
        {
            var nodes = ImportThreads.Build(group.SelectMany(t => byThread[t.Id]), Shape, group[0].Id, orphans,
                (post, first) => duplicates.Add(Invariant($"post {post.Id} at line {post.Line}: the same post id as line {first.Line}")),
                onlyAsParent: p => p.IsDeleted, dropped: _ => skipped.Add("deleted in Disqus, with no reply to keep it for"));
            if (nodes.Count == 0) continue;
            var first = group[0];
            var title = first.Title.Length > 0 ? first.Title : first.Link ?? Invariant($"Disqus thread {first.Id}");
            if (title.Length > PostLimits.TitleLength) title = title[..PostLimits.TitleLength];
            var slug = match?.Slug ?? ImportThreads.UniqueSlug(BaseSlug(first), slugs);
            planned.Add(new DisqusPlannedPost(match?.Id, slug, title, key, group, nodes));
        }

        var already = alreadyByThread.OrderBy(a => threads[a.Key].Line).Select(a =>
        {
            var thread = threads[a.Key];
            return Invariant($"{a.Value} comment{(a.Value == 1 ? "" : "s")} of thread {thread.Id}{(thread.Link is null ? "" : $" ({DisqusPlan.Printable(thread.Link)})")}");
        }).ToList();
        return new DisqusPlan(file, disqus, planned, already, skipped, orphans, duplicates);
    }

    /// <summary>Creates the new drafts and stores every planned comment, in one transaction: all of them or nothing.</summary>
    public async Task<DisqusImportResult> ImportAsync(DisqusPlan plan, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        var created = 0;
        await using var scope = await writes.BeginAsync(ct);
        foreach (var planned in plan.Posts)
        {
            var postId = planned.ExistingPostId ?? await CreateDraftAsync(planned, now, ct);
            if (planned.IsNew) created++;
            var before = done;
            done += await comments.ImportThreadsAsync(postId, Entries(planned, now), progress is null ? null : new ImportThreads.Offset(progress, before), ct);
        }
        await scope.CommitAsync(ct);
        progress?.Report(done);
        return new DisqusImportResult(created, done);
    }

    private async Task<long> CreateDraftAsync(DisqusPlannedPost planned, DateTime now, CancellationToken ct)
    {
        var first = planned.Threads[0];
        // The thread's own message is empty in an export; the draft says where its comments were, for its owner to edit.
        var markdown = Uri.TryCreate(first.Link, UriKind.Absolute, out var link) && link.Scheme is "http" or "https"
            ? $"Comments brought over from Disqus, where they were under <{link.AbsoluteUri}>."
            : "Comments brought over from Disqus.";
        var post = new Post
        {
            Slug = planned.Slug,
            Title = planned.Title,
            Source = markdown,
            Html = renderer.ToHtml(markdown, TextKind.Post),
            Excerpt = renderer.ToExcerpt(markdown, PostLimits.ExcerptCut),
            Status = PostStatus.Draft,
            CreatedAt = first.CreatedAt ?? now,
            UpdatedAt = now,
            CommentsOpen = !first.IsClosed,
            PingbacksOpen = !first.IsClosed,
            ImportKey = planned.PostKey,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return post.Id;
    }

    private List<ImportedEntry> Entries(DisqusPlannedPost planned, DateTime now)
    {
        // Converting is most of the work before storing, and each message converts on its own: every core takes a share.
        var all = planned.AllComments.ToList();
        var submissions = new CommentSubmission[all.Count];
        var index = new Dictionary<DisqusPost, int>(all.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < all.Count; i++) index[all[i]] = i;
        Parallel.For(0, all.Count, i => submissions[i] = Submission(all[i]));
        return [.. planned.Comments.Select(Entry)];

        ImportedEntry Entry(ImportNode<DisqusPost> node) =>
            new(submissions[index[node.Comment]], [.. node.Replies.Select(Entry)], StatusOf(node.Comment), CommentKey(node.Comment.Id),
            Restored: node.Comment.IsDeleted ? RestoredFacts.DeletedThere(now) : null);
    }

    private CommentSubmission Submission(DisqusPost post)
    {
        if (post.IsDeleted) return new CommentSubmission { PostId = 0, AuthorName = "", Text = "", WrittenAt = post.CreatedAt, WrittenAtUnknown = post.CreatedAt is null };
        var name = post.AuthorName.Length > 0 ? post.AuthorName : post.AuthorUsername ?? "Anonymous";
        return new CommentSubmission
        {
            PostId = 0,
            AuthorName = Cut(name, CommentLimits.AuthorNameLength),
            AuthorEmail = post.AuthorEmail is { Length: <= CommentLimits.EmailLength } email ? email : null,
            IpAddress = post.IpAddress is { } ip ? Cut(ip, 64) : null,
            Text = WordPressText.ConvertHtml(renderer, post.Message, TextKind.Comment).Markdown,
            WrittenAt = post.CreatedAt,
            WrittenAtUnknown = post.CreatedAt is null,
        };

        static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
    }

    private static readonly ImportShape<DisqusPost> Shape = new(p => p.Id, p => p.ParentId, p => p.CreatedAt);

    private sealed record ExistingPost(long Id, string Slug, PostStatus Status, string? ImportKey);

    /// <summary>
    /// The post a thread's page is: one an earlier Disqus import made for this page; else the post whose address the
    /// link is; else the post whose slug is the link's last segment (so a WordPress permalink finds the post a WXR
    /// import brought); else none.
    /// </summary>
    private static ExistingPost? Match(DisqusThread thread, string key, Dictionary<string, ExistingPost> bySlug, Dictionary<string, ExistingPost> byKey)
    {
        if (byKey.TryGetValue(key, out var made)) return made;
        if (PageUri(thread) is not { } uri) return null;
        if (ForumUrls.SlugOf(uri.AbsolutePath) is { } slug && bySlug.TryGetValue(slug, out var own)) return own;
        var segment = LastSegment(uri);
        if (segment is null) return null;
        return bySlug.GetValueOrDefault(segment) ?? bySlug.GetValueOrDefault(Slug.FromTitle(segment));
    }

    /// <summary>
    /// A page's key, as a new draft keeps it: host (without www.) and path (without a trailing slash), so the same
    /// page under http and https, or with a tracking query, is one page; the query is kept only where it is all
    /// that names the page (<c>/?p=123</c>).
    /// </summary>
    private static string PostKey(DisqusThread thread)
    {
        if (PageUri(thread) is not { } uri) return Invariant($"{KeyPrefix}thread:{thread.Id}");
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        var path = uri.AbsolutePath.TrimEnd('/');
        var page = path.Length == 0 && uri.Query.Length > 1 ? $"{host}/{uri.Query}" : $"{host}{path}";
        var key = $"{KeyPrefix}{page}";
        return key.Length <= 250 ? key : Invariant($"{KeyPrefix}thread:{thread.Id}");
    }

    private static Uri? PageUri(DisqusThread thread) =>
        new[] { thread.Link, thread.Identifier }.Select(l => Uri.TryCreate(l, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
            .FirstOrDefault(u => u is not null);

    private static string? LastSegment(Uri uri)
    {
        var segment = uri.AbsolutePath.TrimEnd('/').Split('/')[^1];
        segment = PageExtension().Replace(Uri.UnescapeDataString(segment), "");
        return segment.Length == 0 ? null : segment;
    }

    private static string BaseSlug(DisqusThread thread)
    {
        if (PageUri(thread) is { } uri && LastSegment(uri) is { } segment && Slug.FromTitle(segment) is var fromLink && fromLink != "post") return fromLink;
        return thread.Title.Length > 0 ? Slug.FromTitle(thread.Title) : Invariant($"disqus-thread-{thread.Id}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
