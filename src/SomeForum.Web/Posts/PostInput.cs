using System.ComponentModel.DataAnnotations;

namespace SomeForum.Web.Posts;

/// <summary>The post editor's form.</summary>
public sealed class PostInput
{
    [Display(Name = "Title")]
    [Required(ErrorMessage = "Give the post a title.")]
    [StringLength(PostLimits.TitleLength, ErrorMessage = "A title can be at most {1} characters.")]
    public string? Title { get; set; }

    /// <summary>Empty: made from the title.</summary>
    [Display(Name = "Address (slug)")]
    [StringLength(PostLimits.SlugLength, ErrorMessage = "An address can be at most {1} characters.")]
    public string? Slug { get; set; }

    [Display(Name = "Text")]
    [Required(ErrorMessage = "Write the post's text.")]
    [StringLength(PostLimits.BodyLength, ErrorMessage = "A post can be at most {1:N0} characters.")]
    public string? Body { get; set; }

    /// <summary>Empty: made from the text.</summary>
    [Display(Name = "Excerpt")]
    [StringLength(PostLimits.ExcerptLength, ErrorMessage = "An excerpt can be at most {1} characters.")]
    public string? Excerpt { get; set; }

    [Display(Name = "Comments open")]
    public bool CommentsOpen { get; set; } = true;

    [Display(Name = "Pingbacks and webmentions accepted")]
    public bool PingbacksOpen { get; set; } = true;

    /// <summary>The version of the post the editor was opened on; a save against another version is refused.</summary>
    public Guid? Version { get; set; }

    /// <summary>"draft", "publish" or "preview".</summary>
    public string? Intent { get; set; }
}
