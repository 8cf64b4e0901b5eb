namespace SomeForum.Web.Posts;

/// <summary>What the post editor partial shows: the form, the post's state, a preview.</summary>
public sealed record EditorView(PostInput Input, bool IsNew, PostStatus Status, bool SlugLocked, string? PreviewHtml, string? ModerationReason)
{
    /// <summary>Publish was pressed without the script: the page asks before anything is published.</summary>
    public bool ConfirmingPublish { get; init; }
}
