using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Accounts;
using SomeForum.Web.Comments;

namespace SomeForum.Web.Data;

internal sealed class ForumUserConfiguration : IEntityTypeConfiguration<ForumUser>
{
    public void Configure(EntityTypeBuilder<ForumUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(CommentLimits.AuthorNameLength);
        user.Property(u => u.Website).HasMaxLength(CommentLimits.UrlLength);
        user.Property(u => u.Language).HasMaxLength(Notifications.MailLanguage.MaxLength);
    }
}
