using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Comments;
using SomeForum.Web.Data;

namespace SomeForum.Web.Moderation;

/// <summary>The audit log, newest first; administrators only. Names people and comments as a moderator knows them.</summary>
public sealed class LogModel(ForumDb db) : PageModel
{
    public const int PageSize = 100;

    /// <summary>One entry: who by display name, and the comment by its author and first words (or the post by its title).</summary>
    public sealed record LogRow(ModerationLogEntry Entry, string Actor, long? CommentId, string? CommentAuthor, string? CommentStart,
        bool CommentGone, string? PostTitle, string? PostSlug);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<LogRow> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var rows = await (
            from entry in db.ModerationLog.AsNoTracking().OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            join user in db.Users on entry.UserId equals user.Id into users
            from user in users.DefaultIfEmpty()
            join comment in db.Comments on entry.CommentId equals comment.Id into comments
            from comment in comments.DefaultIfEmpty()
            join post in db.Posts on entry.PostId equals post.Id into posts
            from post in posts.DefaultIfEmpty()
            orderby entry.Id descending
            select new
            {
                Entry = entry,
                Actor = user != null && user.DisplayName != "" ? user.DisplayName : entry.UserName,
                Author = comment != null ? comment.AuthorName : null,
                Start = comment != null ? comment.Source.Substring(0, 80) : null,
                Erased = comment != null && comment.ErasedAt != null,
                PostTitle = post != null ? post.Title : null,
                PostSlug = post != null ? post.Slug : null,
            }).ToListAsync(ct);
        Entries = [.. rows.Select(r => new LogRow(r.Entry, r.Actor, r.Entry.CommentId, r.Author, FirstWords(r.Start),
            r.Entry.CommentId is not null && (r.Author is null || r.Erased), r.PostTitle, r.PostSlug))];
    }

    private static string? FirstWords(string? start)
    {
        if (string.IsNullOrWhiteSpace(start)) return null;
        var text = Rendering.MarkdownRenderer.CollapseWhitespace(start);
        if (text.Length < 80) return text;
        var cut = text.LastIndexOf(' ', 60);
        return string.Concat(text.AsSpan(0, cut > 20 ? cut : 60), "…");
    }
}
