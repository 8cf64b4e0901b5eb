using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;
using SomeForum.Web.Data;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Posts;

[Authorize]
public sealed class EditModel(ForumDb db, PostWriter writer, MarkdownRenderer renderer, UserManager<ForumUser> users, IOptions<PostOptions> options)
    : EditorPageModel(writer, renderer, users)
{
    public string Slug { get; private set; } = "";

    private sealed record Editable(long Id, string Slug, string Title, string Source, string? Excerpt, bool CommentsOpen, bool PingbacksOpen,
        Guid Version, PostStatus Status, DateTime? PublishedAt, string? AuthorId, string? ModerationReason);

    private Task<Editable?> FindAsync(string slug, CancellationToken ct) =>
        db.Posts.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new Editable(p.Id, p.Slug, p.Title, p.Source, p.ExcerptByAuthor ? p.Excerpt : null, p.CommentsOpen, p.PingbacksOpen, p.Version, p.Status, p.PublishedAt, p.AuthorId, p.ModerationReason))
            .SingleOrDefaultAsync(ct);

    /// <summary>A post in the trash was put there by a moderator or with its comments; only editors take it out.</summary>
    private bool MayEdit(Editable post) =>
        PostPermissions.CanEdit(User, post.AuthorId, options.Value) && (post.Status != PostStatus.Trash || PostPermissions.IsEditor(User));

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await FindAsync(slug, ct) is not { } post) return NotFound();
        if (!MayEdit(post)) return Forbid();
        Slug = post.Slug;
        Input = new PostInput
        {
            Title = post.Title, Slug = post.Slug, Body = post.Source, Excerpt = post.Excerpt,
            CommentsOpen = post.CommentsOpen, PingbacksOpen = post.PingbacksOpen, Version = post.Version,
        };
        Editor = new EditorView(Input, false, post.Status, post.PublishedAt is not null, null, post.ModerationReason);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken ct) =>
        await FindAsync(slug, ct) is not { } post ? NotFound() : MayEdit(post) ? LivePreview() : Forbid();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await FindAsync(slug, ct) is not { } post) return NotFound();
        if (!MayEdit(post)) return Forbid();
        Slug = post.Slug;
        return await SaveAsync(post.Id, post.Status, post.PublishedAt is not null, post.ModerationReason, ct);
    }
}
