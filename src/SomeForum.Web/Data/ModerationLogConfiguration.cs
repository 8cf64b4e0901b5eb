using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Data;

internal sealed class ModerationLogConfiguration : IEntityTypeConfiguration<ModerationLogEntry>
{
    public void Configure(EntityTypeBuilder<ModerationLogEntry> entry)
    {
        entry.ToTable("ModerationLog");
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.UserName).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(32);
        entry.Property(e => e.Note).HasMaxLength(500);
        // The log outlives what it records: a permanently deleted comment keeps its entries, so no foreign key.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.CommentId);
    }
}
