using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>The "Leave a Reply" form as it is posted.</summary>
public sealed class CommentInput
{
    [Display(Name = "Name")]
    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(CommentLimits.AuthorNameLength, ErrorMessage = "A name can be at most {1} characters.")]
    public string? Name { get; set; }

    [Display(Name = "Email")]
    [Required(ErrorMessage = "Enter your email address. It is never shown to readers.")]
    [StringLength(CommentLimits.EmailLength, ErrorMessage = "An email address can be at most {1} characters.")]
    [EmailLike(ErrorMessage = "Enter an email address like name@example.org.")]
    public string? Email { get; set; }

    [Display(Name = "Website")]
    [StringLength(CommentLimits.UrlLength, ErrorMessage = "A website address can be at most {1} characters.")]
    [HttpUrl(ErrorMessage = "Enter a website address that starts with http:// or https://, or leave it empty.")]
    public string? Website { get; set; }

    /// <summary>The comment's Markdown. Its length limit is configurable, so the pipeline checks it.</summary>
    [Display(Name = "Comment")]
    [Required(ErrorMessage = "Write a comment before posting.")]
    public string? Text { get; set; }

    /// <summary>The comment being answered; none for a top-level comment.</summary>
    public long? ParentId { get; set; }

    [Display(Name = "Save my name, email and website in this browser for the next time I comment.")]
    public bool Remember { get; set; }

    /// <summary>Mail me when someone replies to this comment; never ticked unless the reader ticks it.</summary>
    public bool NotifyOfReplies { get; set; }

    /// <summary>"preview" shows the rendered comment without saving it.</summary>
    public string? Intent { get; set; }

    public bool IsPreview => string.Equals(Intent, "preview", StringComparison.Ordinal);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailLikeAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0
        || (MailAddress.TryCreate(text.Trim(), out var address)
            && address.Address == text.Trim()
            && string.IsNullOrEmpty(address.DisplayName)
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.'));
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || SafeUrl.IsHttp(text.Trim());
}
