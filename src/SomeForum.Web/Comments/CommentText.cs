using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SomeForum.Web.Data;
using SomeForum.Web.Rendering;

namespace SomeForum.Web.Comments;

/// <summary>A comment's text as it is stored: the source, its HTML from the one renderer, and its hash, always together.</summary>
public static class CommentText
{
    public const int HashLength = 24;

    /// <summary>
    /// A browser sends a line break as CR LF but counts it, for the form's maxlength, as one character:
    /// stored and measured with LF alone, a comment the form allowed is never "too long" here.
    /// Mentions keep their excerpt as the source page gave it.
    /// </summary>
    public static string Normalize(CommentKind kind, string text) =>
        kind == CommentKind.Comment ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() : text;

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];

    public static string Html(MarkdownRenderer renderer, CommentKind kind, string text) =>
        kind == CommentKind.Comment ? renderer.ToHtml(text, TextKind.Comment) : MarkdownRenderer.PlainTextToHtml(text);

    /// <summary>Writes normalized text and the HTML rendered from it (<see cref="Html"/>) into the comment.</summary>
    internal static void Write(Comment comment, string text, string html)
    {
        comment.Source = text;
        comment.Html = html;
        comment.TextHash = Hash(text);
    }

    /// <summary>Hashes comments stored before texts were hashed, once, so the repeat check finds them too.</summary>
    public static async Task HashUnhashedAsync(ForumDb db, CancellationToken ct)
    {
        while (true)
        {
            var batch = await db.Comments.Where(c => c.TextHash == "" && c.Source != "").OrderBy(c => c.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0) return;
            foreach (var comment in batch) comment.TextHash = Hash(comment.Source);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    internal static void Clear(Comment comment)
    {
        comment.Source = "";
        comment.Html = "";
        comment.TextHash = "";
    }
}
