using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SomeForum.Web.Accounts;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Posts;

/// <summary>
/// What the new-post and edit-post pages share: preview (the button, and the live one beside the text), asking once
/// before publishing, validation, saving, showing problems next to their fields.
/// </summary>
public abstract class EditorPageModel(PostWriter writer, MarkdownRenderer renderer, UserManager<ForumUser> users) : PageModel
{
    /// <summary>The button that asks; "publish-now" is the answer that publishes (the script asks in the page instead).</summary>
    public const string PublishIntent = "publish";
    public const string PublishNowIntent = "publish-now";

    private const string BodyField = $"Input.{nameof(PostInput.Body)}";

    [BindProperty]
    public PostInput Input { get; set; } = new();

    public EditorView Editor { get; protected set; } = null!;

    /// <summary>
    /// The live preview's answer: the body's HTML as readers will see it, or (422) the problem as plain text. The
    /// same limits as the Preview button, since both go through <see cref="RenderBodyAlone"/>.
    /// </summary>
    protected IActionResult LivePreview()
    {
        var html = RenderBodyAlone();
        return html is not null
            ? Content(html, "text/html; charset=utf-8")
            : new ContentResult
            {
                StatusCode = StatusCodes.Status422UnprocessableEntity,
                ContentType = "text/plain; charset=utf-8",
                Content = string.Join(" ", ModelState[BodyField]?.Errors.Select(e => e.ErrorMessage) ?? []),
            };
    }

    protected async Task<IActionResult> SaveAsync(long? id, PostStatus status, bool slugLocked, string? reason, CancellationToken ct)
    {
        if (string.Equals(Input.Intent, "preview", StringComparison.Ordinal))
        {
            var preview = RenderBodyAlone();
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
        if (string.Equals(Input.Intent, PublishIntent, StringComparison.Ordinal))
        {
            // Without the script, Publish asks here: the editor again, the post shown as readers will see it, and "Publish now".
            var preview = RenderBody();
            if (preview is null) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Editor = new EditorView(Input, id is null, status, slugLocked, preview, reason) { ConfirmingPublish = preview is not null };
            return Page();
        }

        var intent = Input.Intent switch
        {
            PublishNowIntent => PostIntent.Publish,
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
                TempData["Message"] = Site.Strings.Get("Editor.DraftSaved");
                return LocalRedirect(Site.ForumUrls.EditPost(post.Slug));
            }
            return LocalRedirect(Site.ForumUrls.Post(post.Slug));
        }

        foreach (var (field, message) in result.Problems) ModelState.AddModelError(field, message);
        Response.StatusCode = result.Status;
        Editor = new EditorView(Input, id is null, status, slugLocked, null, reason);
        return Page();
    }

    // A preview is not a save: only the body's own limits count, and what could not be saved is not rendered.
    private string? RenderBodyAlone()
    {
        foreach (var key in ModelState.Keys.Where(k => k != BodyField).ToList()) ModelState.Remove(key);
        return RenderBody();
    }

    private string? RenderBody()
    {
        if (!ModelState.IsValid) return null;
        try
        {
            return renderer.ToHtml(Input.Body ?? "", TextKind.Post);
        }
        catch (UnrenderableTextException e)
        {
            ModelState.AddModelError(BodyField, e.Message);
            return null;
        }
    }
}
