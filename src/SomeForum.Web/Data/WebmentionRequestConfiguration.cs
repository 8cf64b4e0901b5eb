using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Comments;
using SomeForum.Web.Pingbacks;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Data;

internal sealed class WebmentionRequestConfiguration : IEntityTypeConfiguration<WebmentionRequest>
{
    public void Configure(EntityTypeBuilder<WebmentionRequest> request)
    {
        request.ToTable("WebmentionQueue");
        // A deleted post takes its pending webmentions with it.
        request.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        request.Property(r => r.Source).HasMaxLength(CommentLimits.UrlLength);
        request.Property(r => r.Target).HasMaxLength(CommentLimits.UrlLength);
        request.Property(r => r.CallerIp).HasMaxLength(64);
        request.Property(r => r.UserAgent).HasMaxLength(512);
        request.Property(r => r.Outcome).HasMaxLength(300);
        request.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        // The worker's next request: the oldest due one still queued.
        request.HasIndex(r => new { r.State, r.NextAttemptAt });
        // "Is this one already queued?" when the same webmention is sent again.
        request.HasIndex(r => new { r.PostId, r.Source });
    }
}
