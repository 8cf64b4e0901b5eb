using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SomeForum.Web.Accounts;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Posts;

[Authorize]
public sealed class NewModel(PostWriter writer, MarkdownRenderer renderer, UserManager<ForumUser> users, IOptionsMonitor<PostOptions> options)
    : EditorPageModel(writer, renderer, users)
{
    public IActionResult OnGet()
    {
        if (!PostPermissions.CanStart(User, options.CurrentValue)) return Forbid();
        Editor = new EditorView(Input, true, PostStatus.Draft, false, null, null);
        return Page();
    }

    public IActionResult OnPostPreview() => PostPermissions.CanStart(User, options.CurrentValue) ? LivePreview() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        PostPermissions.CanStart(User, options.CurrentValue)
            ? await SaveAsync(null, PostStatus.Draft, slugLocked: false, reason: null, ct)
            : Forbid();
}
