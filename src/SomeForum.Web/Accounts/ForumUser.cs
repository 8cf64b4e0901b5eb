using Microsoft.AspNetCore.Identity;

namespace SomeForum.Web.Accounts;

public sealed class ForumUser : IdentityUser
{
    /// <summary>The name shown on the user's comments and posts.</summary>
    public string DisplayName { get; set; } = "";

    public string? Website { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Mail me every new comment on my posts (once my address is confirmed).</summary>
    public bool NotifyOfComments { get; set; }

    /// <summary>A moderator who asked not to get the moderation queue's digest.</summary>
    public bool ModerationDigestOff { get; set; }

    /// <summary>When an administrator suspended the account: it cannot sign in or comment until unsuspended.</summary>
    public DateTime? SuspendedAt { get; set; }

    /// <summary>
    /// Registered with mail on: removed when its address is not confirmed within Accounts:UnconfirmedAccountHours
    /// (see <see cref="UnconfirmedAccounts"/>). Accounts from before, or made without mail, are never removed.
    /// </summary>
    public bool ExpiresUnconfirmed { get; set; }

    /// <summary>The language the account's mails are written in: the one it registered, changed its address or set its mail in (null: English).</summary>
    public string? Language { get; set; }

    /// <summary>
    /// The name pages and feeds show: the display name, else the part of the address before the @. Never the
    /// whole address (the user name is the email), which must not reach a page.
    /// </summary>
    public string PublicName =>
        !string.IsNullOrWhiteSpace(DisplayName) ? DisplayName.Trim()
        : (Email ?? UserName ?? "") is var address && address.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? address[..at]
        : "member";
}
