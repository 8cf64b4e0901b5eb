using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using SomeForum.Web.Site;

namespace SomeForum.Web.Comments;

/// <summary>The "Leave a Reply" form as it is posted. Names and messages are keys of Site/Strings.resx.</summary>
public sealed class CommentInput
{
    [Display(Name = "Field.Name")]
    [Required(ErrorMessage = "Valid.NameRequired")]
    [StringLength(CommentLimits.AuthorNameLength, ErrorMessage = "Valid.NameLength")]
    public string? Name { get; set; }

    [Display(Name = "Field.Email")]
    [Required(ErrorMessage = "Valid.EmailRequired")]
    [StringLength(CommentLimits.EmailLength, ErrorMessage = "Valid.EmailLength")]
    [EmailLike(ErrorMessage = "Valid.EmailLike")]
    public string? Email { get; set; }

    [Display(Name = "Field.Website")]
    [StringLength(CommentLimits.UrlLength, ErrorMessage = "Valid.WebsiteLength")]
    [HttpUrl(ErrorMessage = "Valid.WebsiteHttp")]
    public string? Website { get; set; }

    /// <summary>The comment's Markdown. Its length limit is configurable, so the pipeline checks it.</summary>
    [Display(Name = "Field.Comment")]
    [Required(ErrorMessage = "Valid.TextRequired")]
    public string? Text { get; set; }

    /// <summary>The comment being answered; none for a top-level comment.</summary>
    public long? ParentId { get; set; }

    [Display(Name = "Form.Remember")]
    public bool Remember { get; set; }

    /// <summary>Mail me when someone replies to this comment; never ticked unless the reader ticks it.</summary>
    public bool NotifyOfReplies { get; set; }

    /// <summary>"preview" shows the rendered comment without saving it.</summary>
    public string? Intent { get; set; }

    public bool IsPreview => string.Equals(Intent, "preview", StringComparison.Ordinal);
}

/// <summary>
/// MVC localizes the messages of its own attributes only (through their adapters): an attribute of ours reads its
/// message, a key of Site/Strings.resx, itself.
/// </summary>
public abstract class LocalizedValidationAttribute : ValidationAttribute
{
    public override string FormatErrorMessage(string name) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.Get(ErrorMessageString), name);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailLikeAttribute : LocalizedValidationAttribute
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
public sealed class HttpUrlAttribute : LocalizedValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string text || string.IsNullOrWhiteSpace(text) || SafeUrl.IsHttp(text.Trim());
}
