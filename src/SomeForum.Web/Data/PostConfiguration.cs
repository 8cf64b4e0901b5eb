using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Posts;

namespace SomeForum.Web.Data;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.Property(p => p.Slug).HasMaxLength(PostLimits.SlugLength);
        post.HasIndex(p => p.Slug).IsUnique();
        post.Property(p => p.Title).HasMaxLength(PostLimits.TitleLength);
        post.Property(p => p.Excerpt).HasMaxLength(PostLimits.ExcerptLength);
        post.Property(p => p.AuthorName).HasMaxLength(200);
        post.Property(p => p.AuthorId).HasMaxLength(450);
        post.Property(p => p.ImportKey).HasMaxLength(260);
        post.Property(p => p.ModerationReason).HasMaxLength(500);
        post.HasIndex(p => new { p.AuthorId, p.Status });
        post.HasIndex(p => p.ImportKey).IsUnique();
        // Old WordPress links (/?p=ID) found in one lookup; two imported sites may share an id, so not unique.
        post.HasIndex(p => p.WordPressId);
        post.Property(p => p.Version).IsConcurrencyToken();
        post.HasIndex(p => new { p.Status, p.PublishedAt });
    }
}
