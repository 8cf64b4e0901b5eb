using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;
using SomeForum.Web.Moderation;
using SomeForum.Web.Rendering;
using SomeForum.Web.Site;

namespace SomeForum.Web.Posts;

public enum PostIntent
{
    /// <summary>Save, keeping the post's state (a new post becomes a draft).</summary>
    Save,
    Publish,
    Unpublish,
}

/// <summary>The saved post, or the problems that kept it from being saved, each for its field, in the writer's language.</summary>
public sealed record PostSaveResult(Post? Post, IReadOnlyList<(string Field, string Message)> Problems, int Status)
{
    public static PostSaveResult Refused(int status, string field, string message) => new(null, [(field, message)], status);
}

/// <summary>
/// Writes posts: the slug, the one renderer, optimistic concurrency, and for members of an open
/// forum the same moderation rules that comments pass.
/// </summary>
public sealed partial class PostWriter(ForumDb db, ThreadWrites writes, MarkdownRenderer renderer, ModerationRules moderation, TimeProvider clock)
{
    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Nd}]+)*$")]
    private static partial Regex SlugPattern();

    public async Task<PostSaveResult> SaveAsync(long? id, PostInput input, PostIntent intent, ClaimsPrincipal user, string authorName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Post post;
        if (id is null)
        {
            post = new Post
            {
                Slug = "", Title = "", Source = "", Html = "",
                AuthorId = PostPermissions.UserId(user), AuthorName = authorName,
                Status = PostStatus.Draft, CreatedAt = now,
            };
            db.Posts.Add(post);
        }
        else
        {
            post = await db.Posts.SingleOrDefaultAsync(p => p.Id == id, ct)
                ?? throw new InvalidOperationException($"Post {id} does not exist.");
            if (input.Version != post.Version)
            {
                return PostSaveResult.Refused(StatusCodes.Status409Conflict, "",
                    Strings.Get("Editor.Conflict.Opened"));
            }
        }
        var before = (Text: AuditText(post), post.Status);

        var slugProblem = await ChooseSlugAsync(post, input, ct);
        if (slugProblem is not null) return PostSaveResult.Refused(StatusCodes.Status422UnprocessableEntity, "Input.Slug", slugProblem);

        string html;
        try
        {
            html = renderer.ToHtml(input.Body!.Trim(), TextKind.Post);
        }
        catch (UnrenderableTextException e)
        {
            return PostSaveResult.Refused(StatusCodes.Status422UnprocessableEntity, "Input.Body", e.Message);
        }
        post.Title = input.Title!.Trim();
        post.Source = input.Body!.Trim();
        post.Html = html;
        var written = WrittenExcerpt(input.Excerpt);
        post.ExcerptByAuthor = written.Length > 0;
        post.Excerpt = post.ExcerptByAuthor ? written : renderer.ToExcerpt(post.Source, PostLimits.ExcerptCut);
        post.CommentsOpen = input.CommentsOpen;
        post.PingbacksOpen = input.PingbacksOpen;
        post.UpdatedAt = now;
        post.Version = Guid.NewGuid();

        switch (intent)
        {
            case PostIntent.Publish when post.Status == PostStatus.Draft
                || (post.Status == PostStatus.Trash && PostPermissions.IsEditor(user)):
                await PublishAsync(post, user, now, ct);
                break;
            case PostIntent.Unpublish:
                post.Status = PostStatus.Draft;
                break;
            case PostIntent.Save when post.Status is PostStatus.Published or PostStatus.Pending
                && !PostPermissions.IsStaffWriter(user) && !PostPermissions.IsEditor(user):
                // A member's edit is judged like the first writing: approved text cannot be turned into spam afterwards.
                await PublishAsync(post, user, now, ct);
                break;
        }

        if (id is not null && !PostPermissions.IsAuthor(user, post.AuthorId))
        {
            AuditOthersEdit(post, before.Text, before.Status, user, now);
        }

        try
        {
            await using var scope = await writes.BeginAsync(ct);
            await db.SaveChangesAsync(ct);
            writes.Announce(new ThreadChanged(post.Id, null, ThreadChangeKind.PostChanged, null, null));
            await scope.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PostSaveResult.Refused(StatusCodes.Status409Conflict, "",
                Strings.Get("Editor.Conflict.Saving"));
        }
        catch (DbUpdateException)
        {
            // Two writers chose the same free slug at once; the unique index let one of them have it.
            if (!await db.Posts.AsNoTracking().AnyAsync(p => p.Slug == post.Slug && p.Id != post.Id, ct)) throw;
            return PostSaveResult.Refused(StatusCodes.Status422UnprocessableEntity, "Input.Slug", Strings.Format("Editor.Slug.Taken", post.Slug));
        }
        return new PostSaveResult(post, [], StatusCodes.Status200OK);
    }

    /// <summary>What the log's diff compares: the title, then the text.</summary>
    private static string AuditText(Post post) => $"{post.Title}\n\n{post.Source}";

    /// <summary>An administrator's or allowed moderator's change to someone else's post, in the same unit of work.</summary>
    private void AuditOthersEdit(Post post, string textBefore, PostStatus statusBefore, ClaimsPrincipal user, DateTime now)
    {
        var action = (statusBefore, post.Status) switch
        {
            var (was, @is) when was == @is => "Edit post",
            (_, PostStatus.Published) => "Publish post",
            (PostStatus.Published, _) => "Unpublish post",
            _ => "Edit post",
        };
        var note = statusBefore == post.Status ? $"“{post.Title}”" : $"“{post.Title}”: {statusBefore} → {post.Status}";
        AuditLog.PostEdit(db, Actor.Of(user), now, action, post.Id, textBefore, AuditText(post), note);
    }

    /// <summary>The author's excerpt as plain text on one line: it is shown in listings and written into feeds (XML has no place for control characters).</summary>
    private static string WrittenExcerpt(string? excerpt) =>
        MarkdownRenderer.CollapseWhitespace(new string((excerpt ?? "").Where(c => !char.IsControl(c) || char.IsWhiteSpace(c)).ToArray()));

    /// <summary>Staff writers publish at once; a member's post is judged like a comment and may wait for a moderator.</summary>
    private async Task PublishAsync(Post post, ClaimsPrincipal user, DateTime now, CancellationToken ct)
    {
        var verdict = PostPermissions.IsStaffWriter(user) || PostPermissions.IsEditor(user)
            ? ModerationVerdict.Publish
            : await moderation.JudgeAsync(new CommentSubmission
            {
                PostId = post.Id,
                AuthorName = post.AuthorName ?? "",
                AuthorEmail = user.FindFirstValue(ClaimTypes.Email),
                UserId = post.AuthorId,
                Text = $"{post.Title}\n\n{post.Source}",
            }, CommentOrigin.Reader, ct);
        post.ModerationReason = verdict.Reason;
        if (verdict.Status == CommentStatus.Approved)
        {
            post.Status = PostStatus.Published;
            post.PublishedAt ??= now;
        }
        else
        {
            // Held or spam alike wait for a moderator; a post is never published behind its author's back.
            post.Status = PostStatus.Pending;
        }
    }

    /// <summary>Addresses the app itself uses under /posts/.</summary>
    // The editor's own address (/posts/new) is a route, never a post's: the importers reserve it from the same place.
    private static bool IsReserved(string slug) => slug == ForumUrls.SlugOf(ForumUrls.NewPost);

    /// <summary>A readable, unique slug; the author's own if valid, and never changed once the post has been published.</summary>
    private async Task<string?> ChooseSlugAsync(Post post, PostInput input, CancellationToken ct)
    {
        var wanted = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim();
        if (post.PublishedAt is not null)
        {
            return wanted is null || wanted == post.Slug ? null : Strings.Get("Editor.Slug.Published");
        }
        if (wanted is null)
        {
            var basis = Slug.FromTitle(input.Title ?? "");
            var taken = await TakenSkeletonsAsync(post.Id, ct);
            var candidate = basis;
            for (var n = 2; IsReserved(candidate) || taken.ContainsKey(Slug.Skeleton(candidate)); n++)
            {
                candidate = $"{basis}-{n}";
            }
            post.Slug = candidate;
            return null;
        }
        if (!SlugPattern().IsMatch(wanted))
        {
            return Strings.Get("Editor.Slug.Pattern");
        }
        if (wanted.Any(Slug.IsInvisible))
        {
            return Strings.Get("Editor.Slug.Invisible");
        }
        if (Slug.MixedScripts(wanted) is var (first, second))
        {
            return Strings.Format("Editor.Slug.MixedScripts", first, second);
        }
        if (IsReserved(wanted) || await db.Posts.AnyAsync(p => p.Slug == wanted && p.Id != post.Id, ct))
        {
            return Strings.Format("Editor.Slug.Taken", wanted);
        }
        if ((await TakenSkeletonsAsync(post.Id, ct)).TryGetValue(Slug.Skeleton(wanted), out var lookAlike))
        {
            return Strings.Format("Editor.Slug.LookAlike", lookAlike);
        }
        post.Slug = wanted;
        return null;
    }

    // Every other post's slug by what it looks like. Posts are few beside comments, and saved rarely: read them all.
    private async Task<Dictionary<string, string>> TakenSkeletonsAsync(long postId, CancellationToken ct)
    {
        var slugs = await db.Posts.AsNoTracking().Where(p => p.Id != postId).Select(p => p.Slug).ToListAsync(ct);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slug in slugs) taken.TryAdd(Slug.Skeleton(slug), slug);
        return taken;
    }
}
