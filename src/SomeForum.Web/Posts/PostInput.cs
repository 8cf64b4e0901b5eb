using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Posts;

/// <summary>The post editor's form. Names and messages are keys of Site/Strings.resx.</summary>
public sealed class PostInput
{
    [Display(Name = "Editor.Field.Title")]
    [Required(ErrorMessage = "Editor.Valid.TitleRequired")]
    [StringLength(PostLimits.TitleLength, ErrorMessage = "Editor.Valid.TitleLength")]
    public string? Title { get; set; }

    /// <summary>Empty: made from the title.</summary>
    [Display(Name = "Editor.Field.Slug")]
    [StringLength(PostLimits.SlugLength, ErrorMessage = "Editor.Valid.SlugLength")]
    public string? Slug { get; set; }

    [Display(Name = "Editor.Field.Body")]
    [Required(ErrorMessage = "Editor.Valid.BodyRequired")]
    [StringLength(PostLimits.BodyLength, ErrorMessage = "Editor.Valid.BodyLength")]
    public string? Body { get; set; }

    /// <summary>Empty: made from the text.</summary>
    [Display(Name = "Editor.Field.Excerpt")]
    [StringLength(PostLimits.ExcerptLength, ErrorMessage = "Editor.Valid.ExcerptLength")]
    public string? Excerpt { get; set; }

    [Display(Name = "Editor.CommentsOpen")]
    public bool CommentsOpen { get; set; } = true;

    [Display(Name = "Editor.PingbacksOpen")]
    public bool PingbacksOpen { get; set; } = true;

    /// <summary>The version of the post the editor was opened on; a save against another version is refused.</summary>
    public Guid? Version { get; set; }

    /// <summary>"draft", "publish" or "preview".</summary>
    public string? Intent { get; set; }
}
