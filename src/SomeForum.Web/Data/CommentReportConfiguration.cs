using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Comments;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Data;

internal sealed class CommentReportConfiguration : IEntityTypeConfiguration<CommentReport>
{
    public void Configure(EntityTypeBuilder<CommentReport> report)
    {
        report.ToTable("Reports");
        // A comment deleted for good takes its reports along; the audit log keeps what was decided.
        report.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        report.Property(r => r.Reason).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Text).HasMaxLength(CommentReport.TextLength);
        report.Property(r => r.ReporterKey).HasMaxLength(480);
        report.Property(r => r.IpAddress).HasMaxLength(64);
        // One report per reader per comment, even when two arrive at once.
        report.HasIndex(r => new { r.CommentId, r.ReporterKey }).IsUnique();
        // The rate limit: a client's reports in the last hour.
        report.HasIndex(r => new { r.ReporterKey, r.ReportedAt });
        report.HasIndex(r => new { r.IpAddress, r.ReportedAt });
        // The queue's reported view: comments with open reports.
        report.HasIndex(r => new { r.ResolvedAt, r.CommentId });
    }
}
