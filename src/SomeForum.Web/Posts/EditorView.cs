using SomeForum.Web.Site;

namespace SomeForum.Web.Posts;

/// <summary>What the post editor partial shows: the form, the post's state, a preview.</summary>
public sealed record EditorView(PostInput Input, bool IsNew, PostStatus Status, bool SlugLocked, string? PreviewHtml, string? ModerationReason)
{
    /// <summary>Publish was pressed without the script: the page asks before anything is published.</summary>
    public bool ConfirmingPublish { get; init; }

    /// <summary>The post's state in the writer's language.</summary>
    public string StatusText => Status switch
    {
        PostStatus.Draft => Strings.Get("Editor.Status.Draft"),
        PostStatus.Pending => Strings.Get("Editor.Status.Pending"),
        PostStatus.Published => Strings.Get("Editor.Status.Published"),
        _ => Strings.Get("Editor.Status.Trash"),
    };
}
