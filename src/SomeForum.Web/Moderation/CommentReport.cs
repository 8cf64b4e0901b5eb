namespace SomeForum.Web.Moderation;

/// <summary>Why a reader reported a comment: a short list, so moderators can sort them at a glance.</summary>
public enum ReportReason
{
    Spam,
    Abuse,
    Illegal,
    Other,
}

/// <summary>What a moderator decided about a reported comment.</summary>
public enum ReportDecision
{
    /// <summary>The comment stays as it is; the reports are set aside.</summary>
    Dismiss,
    Approve,
    Spam,
    Trash,
}

/// <summary>
/// One reader's report of one published comment. Open until a moderator decides (<see cref="ResolvedAt"/>); kept
/// afterwards, so the same reader cannot report the same comment again and again.
/// </summary>
public sealed class CommentReport
{
    public const int TextLength = 500;

    public long Id { get; set; }
    public long CommentId { get; set; }
    public ReportReason Reason { get; set; }

    /// <summary>The reader's own words (required for <see cref="ReportReason.Other"/>): untrusted text, shown encoded.</summary>
    public string? Text { get; set; }

    /// <summary>"user:{id}" for an account, "guest:{id}" for the signed cookie a guest's browser keeps.</summary>
    public required string ReporterKey { get; set; }
    public string? IpAddress { get; set; }
    public DateTime ReportedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public ReportDecision? Decision { get; set; }
}
