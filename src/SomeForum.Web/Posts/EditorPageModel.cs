using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Accounts;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Posts;

/// <summary>What the new-post and edit-post pages share: preview, validation, saving, showing problems next to their fields.</summary>
public abstract class EditorPageModel(PostWriter writer, MarkdownRenderer renderer, UserManager<ForumUser> users) : PageModel
{
    [BindProperty]
    public PostInput Input { get; set; } = new();

    public EditorView Editor { get; protected set; } = null!;

    protected async Task<IActionResult> SaveAsync(long? id, PostStatus status, bool slugLocked, string? reason, CancellationToken ct)
    {
        if (string.Equals(Input.Intent, "preview", StringComparison.Ordinal))
        {
            // A preview is not a save: only the body's own limits count, and what could not be saved is not rendered.
            var body = $"Input.{nameof(PostInput.Body)}";
            foreach (var key in ModelState.Keys.Where(k => k != body).ToList()) ModelState.Remove(key);
            string? preview = null;
            try
            {
                if (ModelState.IsValid) preview = renderer.ToHtml(Input.Body ?? "", TextKind.Post);
            }
            catch (UnrenderableTextException e)
            {
                ModelState.AddModelError(body, e.Message);
            }
            if (preview is null) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Editor = new EditorView(Input, id is null, status, slugLocked, preview, reason);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Editor = new EditorView(Input, id is null, status, slugLocked, null, reason);
            return Page();
        }

        var intent = Input.Intent switch
        {
            "publish" => PostIntent.Publish,
            "unpublish" => PostIntent.Unpublish,
            _ => PostIntent.Save,
        };
        var user = await users.GetUserAsync(User);
        var result = await writer.SaveAsync(id, Input, intent, User, user?.PublicName ?? "", ct);
        if (result.Post is { } post)
        {
            // A draft saved is work going on: the writer stays in the editor; anything else is for readers to see.
            if (intent == PostIntent.Save && post.Status == PostStatus.Draft)
            {
                TempData["Message"] = "Draft saved.";
                return LocalRedirect(Site.ForumUrls.EditPost(post.Slug));
            }
            return LocalRedirect(Site.ForumUrls.Post(post.Slug));
        }

        foreach (var (field, message) in result.Problems) ModelState.AddModelError(field, message);
        Response.StatusCode = result.Status;
        Editor = new EditorView(Input, id is null, status, slugLocked, null, reason);
        return Page();
    }
}
