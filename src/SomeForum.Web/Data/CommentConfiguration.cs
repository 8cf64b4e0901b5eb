using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Data;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.HasOne(c => c.Post).WithMany(p => p.Comments).HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        // Removing a comment must never silently take its replies with it.
        comment.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.RepliesToId).OnDelete(DeleteBehavior.SetNull);

        comment.Property(c => c.ThreadPath).HasMaxLength(CommentLimits.ThreadPathLength).IsUnicode(false);
        comment.Property(c => c.AuthorName).HasMaxLength(CommentLimits.AuthorNameLength);
        comment.Property(c => c.AuthorEmail).HasMaxLength(CommentLimits.EmailLength);
        comment.Property(c => c.AuthorUrl).HasMaxLength(CommentLimits.UrlLength);
        comment.Property(c => c.UserId).HasMaxLength(450);
        comment.Property(c => c.SourceUrl).HasMaxLength(CommentLimits.UrlLength);
        comment.Property(c => c.SourceTitle).HasMaxLength(CommentLimits.SourceTitleLength);
        comment.Property(c => c.IpAddress).HasMaxLength(64);
        comment.Property(c => c.UserAgent).HasMaxLength(512);
        comment.Property(c => c.ModerationReason).HasMaxLength(500);
        comment.Property(c => c.TextHash).HasMaxLength(CommentText.HashLength).IsUnicode(false);
        comment.Property(c => c.ImportKey).HasMaxLength(CommentLimits.ImportKeyLength);

        // The whole thread of a post, in order, from one index range.
        comment.HasIndex(c => new { c.PostId, c.ThreadPath });
        // Paging a post's top-level entries in thread order, from the index alone: whether each thread is shown,
        // and its number, are in it too, so skipping to a late page reads no rows.
        comment.HasIndex(c => new { c.PostId, c.Depth, c.ThreadPath, c.ThreadPublishedCount, c.Number });
        // Threads shown only for their replies (their top-level entry held, or erased): few, so counting those
        // before a thread is cheap however long the post's thread grows. Only top-level entries count a thread's
        // comments, so the filter needs no Depth, and a query without one is not drawn to the index above.
        comment.HasIndex(c => new { c.PostId, c.ThreadPath }, "IX_Comments_ShownPlaceholders")
            .HasFilter("\"Number\" IS NULL AND \"ThreadPublishedCount\" > 0");
        // Counting a post's published comments.
        comment.HasIndex(c => new { c.PostId, c.Status });
        // A source may mention a post once (NULLs never clash, on every provider).
        comment.HasIndex(c => new { c.PostId, c.SourceUrl }).IsUnique();
        // "It looks as though you already said that."
        comment.HasIndex(c => new { c.PostId, c.TextHash });
        // Moderation queue and flood checks.
        comment.HasIndex(c => new { c.Status, c.ReceivedAt });
        comment.HasIndex(c => new { c.IpAddress, c.ReceivedAt });
        // "Has this author an approved comment yet?"
        comment.HasIndex(c => new { c.AuthorEmail, c.Status });
        comment.HasIndex(c => new { c.UserId, c.Status });
        // An imported comment is stored once; its old id finds it again (NULLs never clash).
        comment.HasIndex(c => c.ImportKey).IsUnique();
        // Old WordPress links (?replytocom=ID) found in one lookup.
        comment.HasIndex(c => c.WordPressId);
    }
}
