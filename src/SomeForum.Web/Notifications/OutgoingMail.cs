namespace SomeForum.Web.Notifications;

public enum MailKind
{
    /// <summary>Double opt-in: the first mail to an address, with the link that confirms it.</summary>
    Confirmation,
    /// <summary>Someone answered the recipient's comment.</summary>
    Reply,
    /// <summary>A new comment on the recipient's post.</summary>
    NewComment,
    /// <summary>What waits in the moderation queue, batched.</summary>
    ModeratorDigest,
    /// <summary>An account asked to move to this address: the link that makes the change.</summary>
    EmailChange,
    /// <summary>A new account's address: the link that proves it is the account's.</summary>
    AccountConfirmation,
    /// <summary>Someone registered again with an address that has an account: told to its owner, not to the page.</summary>
    AccountExists,
    /// <summary>Someone asked to reset the account's password: the link that chooses a new one.</summary>
    PasswordReset,
    /// <summary>Someone asked to reset a password for an address that has no account: told so, with nothing to click but the register page.</summary>
    PasswordResetNoAccount,
}

public enum MailStatus
{
    Queued,
    /// <summary>Claimed by a sender; if it dies, the row is due again when the lease ends.</summary>
    Sending,
    Sent,
    Failed,
}

/// <summary>
/// A mail as it waits in the database to be sent, and afterwards the delivery log's line for it: composed when
/// queued, so a send never reads the thread, and a retry sends the very same text.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; set; }
    public MailKind Kind { get; set; }

    /// <summary>Normalised (trimmed, lower case): the per-recipient limit counts by it.</summary>
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }

    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>The signed one-click address for the List-Unsubscribe header (RFC 8058).</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>The comment a reply or new-comment mail is about; for a digest, the newest held comment it listed.</summary>
    public long? CommentId { get; set; }

    /// <summary>Unique when set: of two instances queueing the same digest at once, one insert wins.</summary>
    public string? DedupKey { get; set; }

    public MailStatus Status { get; set; } = MailStatus.Queued;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Not before then: the retry's backoff, or a claimed mail's lease.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Why the last try failed, as the SMTP server or the connection said it.</summary>
    public string? LastError { get; set; }
}

/// <summary>"Notify me of replies" on one comment, for one address; it sends nothing until the address is confirmed.</summary>
public sealed class MailSubscription
{
    public long Id { get; set; }
    public required string Address { get; set; }
    public long CommentId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The language the reader ticked the box in, which their reply mails are written in (null: English).</summary>
    public string? Language { get; set; }
}

/// <summary>What an address has said: confirmed (double opt-in), or unsubscribed, and when it was last asked.</summary>
public sealed class MailRecipient
{
    public required string Address { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? ConfirmationSentAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
}
