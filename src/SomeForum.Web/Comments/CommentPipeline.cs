using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Posts;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>
/// The one way into a thread. Typed comments, imported ones, pingbacks and webmentions all pass
/// the same steps: check the post and the place in the thread, refuse repeats and floods, judge
/// by the moderation rules, render once, store source and HTML. A refused comment stores nothing.
/// </summary>
public sealed class CommentPipeline(
    ForumDb db, ThreadWrites writes, MarkdownRenderer renderer, ModerationRules moderation, Site.SiteSettings siteSettings,
    IOptionsMonitor<Notifications.MailOptions> mail, TimeProvider clock)
{
    public async Task<CommentResult> AddAsync(CommentSubmission submission, CommentOrigin origin, CancellationToken ct)
    {
        try
        {
            return await AddOrRefuseAsync(submission, origin, ct);
        }
        catch (Exception e) when (StorageFull.Is(e))
        {
            // The transaction rolled back; what the context still tracks of it must not ride on a later save.
            db.ChangeTracker.Clear();
            return CommentResult.Refused(CommentProblem.StorageFull, StorageFull.Message);
        }
    }

    private async Task<CommentResult> AddOrRefuseAsync(CommentSubmission submission, CommentOrigin origin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var settings = await siteSettings.CommentsAsync(ct);
        var fromOutside = origin is not (CommentOrigin.Import or CommentOrigin.Moderator);
        var text = CommentText.Normalize(submission.Kind, submission.Text);
        var email = EmailAddress.NormalizeOrNull(submission.AuthorEmail);
        var name = submission.AuthorName.Trim();

        if (submission.Kind == CommentKind.Comment && origin != CommentOrigin.Import)
        {
            if (text.Length == 0) return CommentResult.Refused(CommentProblem.Invalid, Strings.Get("Valid.TextRequired"), nameof(CommentSubmission.Text));
            if (settings.LengthProblem(text) is { } tooLong) return CommentResult.Refused(CommentProblem.Invalid, tooLong, nameof(CommentSubmission.Text));
        }

        var mailEnabled = mail.CurrentValue.Enabled;
        if (origin == CommentOrigin.Reader && mailEnabled && submission.UserId is { } member
            && !await db.Users.Where(u => u.Id == member).AnyAsync(AddressConfirmations.OwningAddress(mailEnabled), ct))
        {
            return CommentResult.Refused(CommentProblem.AddressUnconfirmed,
                Strings.Get("Refused.AddressUnconfirmed"));
        }

        // Rendered before the transaction: the writers' turn is not spent on Markdown.
        string html;
        try
        {
            html = CommentText.Html(renderer, submission.Kind, text);
        }
        catch (UnrenderableTextException e)
        {
            return CommentResult.Refused(CommentProblem.Invalid, e.Message, nameof(CommentSubmission.Text));
        }

        // The checks and the insert share one transaction, so two requests cannot both pass a
        // check that only one of them should (SQLite takes the write lock at BEGIN IMMEDIATE).
        var scope = await writes.BeginAsync(ct);
        await using (scope)
        {
            await db.LockPostForWritingAsync(submission.PostId, ct);
            var post = await db.Posts.AsNoTracking()
                .Where(p => p.Id == submission.PostId && p.Status == PostStatus.Published)
                .Select(p => new { p.CommentsOpen, p.PingbacksOpen, p.PublishedAt, p.TopLevelCount })
                .SingleOrDefaultAsync(ct);
            if (post is null) return CommentResult.Refused(CommentProblem.PostNotFound, Strings.Get("Refused.NoSuchPost"));
            var closedByAge = fromOutside && (await siteSettings.CurrentAsync(ct)).ClosedByAge(post.PublishedAt, clock.GetUtcNow().UtcDateTime);
            if (fromOutside && submission.Kind == CommentKind.Comment && (!post.CommentsOpen || closedByAge))
            {
                return CommentResult.Refused(CommentProblem.Closed, Strings.Get("Refused.Closed"));
            }
            if (fromOutside && submission.Kind != CommentKind.Comment && (!post.PingbacksOpen || closedByAge))
            {
                return CommentResult.Refused(CommentProblem.Closed, Strings.Get("Refused.NoPingbacks"));
            }

            // An address that belongs to an account is that member's: a guest typing it would comment as them.
            var normalizedEmail = email?.ToUpperInvariant(); // as Identity normalizes it
            // With mail on, only a confirmed account's: an unconfirmed registration must not lock out the guest who owns it.
            if (origin == CommentOrigin.Reader && submission.UserId is null && normalizedEmail is not null
                && await db.Users.Where(u => u.NormalizedEmail == normalizedEmail).AnyAsync(AddressConfirmations.OwningAddress(mailEnabled), ct))
            {
                return CommentResult.Refused(CommentProblem.Invalid,
                    Strings.Get("Refused.EmailOfAccount"), nameof(CommentSubmission.AuthorEmail));
            }

            var place = await PlaceInThreadAsync(submission, origin, settings.MaxDepth, ct);
            if (place is null)
            {
                return CommentResult.Refused(CommentProblem.ParentInvalid,
                    Strings.Get("Refused.ParentInvalid"), nameof(CommentSubmission.ParentId));
            }

            if (fromOutside && submission.Kind == CommentKind.Comment)
            {
                // Published text is anyone's to see; held or spam text is recognised only for the one who sent it
                // (the same account, or the same email from the same address), so a stranger cannot use the
                // answer to confirm what someone else wrote.
                var hash = CommentText.Hash(text);
                var repeated = await db.Comments.AnyAsync(c =>
                    c.PostId == submission.PostId && c.TextHash == hash && c.Source == text
                    && ((c.Status == CommentStatus.Approved && (c.AuthorEmail == email || c.AuthorName == name))
                        || ((c.Status == CommentStatus.Pending || c.Status == CommentStatus.Spam)
                            && (submission.UserId != null
                                ? c.UserId == submission.UserId
                                : c.UserId == null && c.AuthorEmail == email && c.IpAddress == submission.IpAddress))), ct);
                if (repeated)
                {
                    return CommentResult.Refused(CommentProblem.Duplicate, Strings.Get("Refused.Duplicate"), nameof(CommentSubmission.Text));
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (origin == CommentOrigin.Reader && settings.FloodIntervalSeconds > 0
                && (submission.UserId ?? submission.IpAddress) is not null)
            {
                // The post lock does not cover one client writing to two posts through two instances: lock the client too.
                await db.LockClientForWritingAsync(submission.UserId is { } user ? $"user:{user}" : $"ip:{submission.IpAddress}", ct);
                var since = now.AddSeconds(-settings.FloodIntervalSeconds);
                var flooding = await db.Comments.AnyAsync(c =>
                    c.ReceivedAt > since && c.Kind == CommentKind.Comment
                    && (submission.UserId != null ? c.UserId == submission.UserId : c.IpAddress == submission.IpAddress), ct);
                if (flooding)
                {
                    return CommentResult.Refused(CommentProblem.Flood,
                        Strings.Format("Refused.Flood", settings.FloodIntervalSeconds));
                }
            }

            var verdict = await moderation.JudgeRenderedAsync(submission with { Text = text, AuthorEmail = email, AuthorName = name }, html, origin, ct);
            var comment = NewComment(submission, place, verdict, name, email, now);
            CommentText.Write(comment, text, html);

            // The path holds the comment's own id, which the store gives only on insert:
            // insert, then set the path, before the transaction lets anyone see it.
            db.Comments.Add(comment);
            await db.SaveChangesAsync(ct);
            comment.ThreadPath = ThreadPath.Of(place.ParentPath, comment.Id);
            ThreadCounts.NumberNew(comment, post.TopLevelCount);
            await db.SaveChangesAsync(ct);
            await ThreadCounts.ApplyNewAsync(db, comment, ct);
            writes.Announce(new ThreadChanged(comment.PostId, comment.Id, ThreadChangeKind.Added, null, comment.Status));
            await scope.CommitAsync(ct);
            return CommentResult.Stored(comment);
        }
    }

    /// <summary>
    /// Adds whole threads brought in from elsewhere (a seed document, a generated thread, a WordPress export) to a
    /// published post or a draft, in one transaction and in batches: the same steps as <see cref="AddAsync"/> for an
    /// import, each comment rendered once and judged by the rules (or kept at the status it brings), but the thread's figures counted as it is written
    /// rather than once a comment. Announced as one change to the post, so followers are not sent
    /// thousands of old comments as news. One transaction: the threads are stored whole or not at all.
    /// </summary>
    public async Task<int> ImportThreadsAsync(long postId, IReadOnlyList<ImportedEntry> threads, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(threads);
        var now = clock.GetUtcNow().UtcDateTime;
        var scope = await writes.BeginAsync(ct);
        await using (scope)
        {
            await db.LockPostForWritingAsync(postId, ct);
            // Any post keeps the comments it had where it came from: a WordPress draft, a post that was private there,
            // or a SomeForum export's post awaiting review or in the trash.
            var post = await db.Posts.Where(p => p.Id == postId)
                .Select(p => new { p.TopLevelCount }).SingleOrDefaultAsync(ct)
                ?? throw new InvalidOperationException($"There is no post {postId} to import threads into.");
            int stored = 0, published = 0, topLevel = 0, shownThreads = 0;

            // Whole threads a batch, so a thread's figures are known when its first comment is written.
            const int BatchSize = 1000;
            var batch = new List<(ImportedEntry Entry, int Parent, int Root, int Depth)>();
            for (var next = 0; next < threads.Count;)
            {
                batch.Clear();
                while (next < threads.Count && (batch.Count == 0 || batch.Count + Size(threads[next]) <= BatchSize)) Flatten(threads[next++], -1, -1, 0);
                await StoreAsync();
                stored += batch.Count;
                progress?.Report(stored);
            }

            await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.CommentCount, p => p.CommentCount + published)
                .SetProperty(p => p.TopLevelCount, p => p.TopLevelCount + topLevel)
                .SetProperty(p => p.ThreadCount, p => p.ThreadCount + shownThreads), ct);
            writes.Announce(new ThreadChanged(postId, null, ThreadChangeKind.PostChanged, null, null));
            await scope.CommitAsync(ct);
            return stored;

            async Task StoreAsync()
            {
                var prepared = new (string Text, string Html, string Name, string? Email)[batch.Count];
                // Rendering is most of an import's work, and each text renders on its own: every core takes a share.
                Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    var submission = batch[i].Entry.Comment;
                    var text = CommentText.Normalize(submission.Kind, submission.Text);
                    prepared[i] = (text, ImportedHtml(submission.Kind, text), submission.AuthorName.Trim(),
                        EmailAddress.NormalizeOrNull(submission.AuthorEmail));
                });

                var ids = await db.ReserveCommentIdsAsync(batch.Count, ct);
                var comments = new Comment[batch.Count];
                // Whom a restored reply answers is an entry of its own thread, so of this batch.
                Dictionary<ImportedEntry, int>? places = null;
                if (batch.Any(b => b.Entry.Restored?.RepliesTo is not null))
                {
                    places = new(ReferenceEqualityComparer.Instance);
                    for (var i = 0; i < batch.Count; i++) places[batch[i].Entry] = i;
                }
                for (var i = 0; i < batch.Count; i++)
                {
                    var (entry, parent, root, depth) = batch[i];
                    var (text, html, name, email) = prepared[i];
                    var submission = entry.Comment with { PostId = postId, ParentId = null, Text = text, AuthorName = name, AuthorEmail = email };
                    var restored = entry.Restored;
                    // An erased placeholder (deleted where it came from, or erased on the site that exported it) keeps
                    // no text, author or address, as EraseAsync leaves one here.
                    if (restored?.ErasedAt is not null)
                    {
                        (text, html, name, email) = ("", "", "", null);
                        submission = submission with { Text = "", AuthorName = "", AuthorEmail = null, AuthorUrl = null, IpAddress = null, UserAgent = null, SourceUrl = null, SourceTitle = null };
                    }
                    var verdict = entry.Status is { } kept
                        ? new ModerationVerdict(kept, restored is not null ? restored.ModerationReason
                            : kept == CommentStatus.Approved ? null : $"Imported as {kept.ToString().ToLowerInvariant()}")
                        : await moderation.JudgeRenderedAsync(submission, html, CommentOrigin.Import, ct);
                    var parentPath = parent < 0 ? null : comments[parent].ThreadPath;
                    long? repliesTo = restored?.RepliesTo is { } answered && places!.TryGetValue(answered, out var at) && at < i ? ids[at] : null;
                    var place = new ThreadPlace(parent < 0 ? null : ids[parent], repliesTo, parentPath, depth);
                    var comment = comments[i] = NewComment(submission, place, verdict, name, email, restored?.ReceivedAt ?? now);
                    comment.Id = ids[i];
                    comment.ThreadPath = ThreadPath.Of(parentPath, comment.Id);
                    comment.ImportKey = entry.ImportKey;
                    comment.WordPressId = entry.WordPressId;
                    comment.EditedAt = restored?.EditedAt;
                    comment.ErasedAt = restored?.ErasedAt;
                    if (comment.ErasedAt is not null)
                    {
                        CommentText.Clear(comment);
                    }
                    else
                    {
                        CommentText.Write(comment, text, html);
                    }
                    if (comment.Status == CommentStatus.Approved)
                    {
                        published++;
                        comments[root].ThreadPublishedCount++;
                    }
                }

                // The figures ThreadCounts keeps, for threads that are all new: each top-level entry is numbered
                // after the post's last (its id, so its path, comes after theirs).
                for (var i = 0; i < batch.Count; i++)
                {
                    if (batch[i].Root != i) continue;
                    if (comments[i].ThreadPublishedCount > 0) shownThreads++;
                    if (comments[i].Status == CommentStatus.Approved) comments[i].Number = post.TopLevelCount + ++topLevel;
                }

                db.Comments.AddRange(comments);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            // A text brought in was accepted where it was written: one nested deeper than the renderer takes is kept,
            // shown as plain text, rather than refusing the whole import over it.
            string ImportedHtml(CommentKind kind, string text)
            {
                try
                {
                    return CommentText.Html(renderer, kind, text);
                }
                catch (UnrenderableTextException)
                {
                    return MarkdownRenderer.PlainTextToHtml(text);
                }
            }

            void Flatten(ImportedEntry entry, int parent, int root, int depth)
            {
                var index = batch.Count;
                root = root < 0 ? index : root;
                batch.Add((entry, parent, root, depth));
                foreach (var reply in entry.Replies) Flatten(reply, index, root, depth + 1);
            }
        }

        static int Size(ImportedEntry entry) => 1 + entry.Replies.Sum(Size);
    }

    private static Comment NewComment(CommentSubmission submission, ThreadPlace place, ModerationVerdict verdict, string name, string? email, DateTime now) => new()
    {
        PostId = submission.PostId,
        ParentId = place.ParentId,
        RepliesToId = place.RepliesToId,
        Depth = place.Depth,
        Kind = submission.Kind,
        Status = verdict.Status,
        ModerationReason = verdict.Reason,
        AuthorName = name,
        AuthorEmail = email,
        AuthorUrl = string.IsNullOrWhiteSpace(submission.AuthorUrl) ? null : submission.AuthorUrl.Trim(),
        UserId = submission.UserId,
        Source = "",
        Html = "",
        CreatedAt = submission.WrittenAtUnknown ? null : submission.WrittenAt ?? now,
        ReceivedAt = now,
        SourceUrl = submission.SourceUrl,
        SourceTitle = submission.SourceTitle,
        IpAddress = submission.IpAddress,
        UserAgent = submission.UserAgent is { Length: > 512 } ua ? ua[..512] : submission.UserAgent,
    };

    /// <summary>
    /// Where a reply goes. A reply to a comment at the deepest level allowed is attached beside it,
    /// at that level, and remembers which comment it answers: nothing is refused for depth.
    /// </summary>
    private async Task<ThreadPlace?> PlaceInThreadAsync(CommentSubmission submission, CommentOrigin origin, int maxDepth, CancellationToken ct)
    {
        if (submission.ParentId is not { } targetId) return new ThreadPlace(null, null, null, 0);
        var target = await db.Comments.AsNoTracking()
            .Where(c => c.Id == targetId && c.PostId == submission.PostId)
            .Select(c => new { c.ParentId, c.ThreadPath, c.Depth, c.Status, c.Kind })
            .SingleOrDefaultAsync(ct);
        var trusted = origin is CommentOrigin.Import or CommentOrigin.Moderator;
        // Readers answer published comments; a pingback offers no Reply, so a form that answers one is forged.
        var mayAnswer = target is not null
            && (trusted || (target.Status == CommentStatus.Approved && target.Kind == CommentKind.Comment));
        if (!mayAnswer) return null;

        // An import reproduces its page's thread as it was, however deep; the limit is for new replies.
        if (origin == CommentOrigin.Import || target!.Depth + 1 < maxDepth) return new ThreadPlace(targetId, null, target!.ThreadPath, target.Depth + 1);
        var parentPath = target.ParentId is null ? null : target.ThreadPath[..target.ThreadPath.LastIndexOf(ThreadPath.Separator)];
        return new ThreadPlace(target.ParentId, targetId, parentPath, target.Depth);
    }

    private sealed record ThreadPlace(long? ParentId, long? RepliesToId, string? ParentPath, int Depth);
}
