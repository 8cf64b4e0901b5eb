using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Comments;
using SomeForum.Web.Notifications;

namespace SomeForum.Web.Data;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> mail)
    {
        mail.ToTable("MailOutbox");
        mail.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
        mail.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        mail.Property(m => m.ToAddress).HasMaxLength(CommentLimits.EmailLength);
        mail.Property(m => m.ToName).HasMaxLength(CommentLimits.AuthorNameLength);
        mail.Property(m => m.Subject).HasMaxLength(400);
        mail.Property(m => m.UnsubscribeUrl).HasMaxLength(CommentLimits.UrlLength);
        mail.Property(m => m.DedupKey).HasMaxLength(200);
        mail.Property(m => m.LastError).HasMaxLength(1000);
        // The sender's next mail: the oldest due one not yet sent.
        mail.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The per-recipient limit and the last digest to a moderator.
        mail.HasIndex(m => new { m.ToAddress, m.CreatedAt });
        mail.HasIndex(m => m.DedupKey).IsUnique();
    }
}

internal sealed class MailSubscriptionConfiguration : IEntityTypeConfiguration<MailSubscription>
{
    public void Configure(EntityTypeBuilder<MailSubscription> subscription)
    {
        subscription.ToTable("MailSubscriptions");
        subscription.Property(s => s.Address).HasMaxLength(CommentLimits.EmailLength);
        subscription.Property(s => s.Language).HasMaxLength(MailLanguage.MaxLength);
        // A comment deleted for good takes its subscriptions with it.
        subscription.HasOne<Comment>().WithMany().HasForeignKey(s => s.CommentId).OnDelete(DeleteBehavior.Cascade);
        subscription.HasIndex(s => new { s.CommentId, s.Address }).IsUnique();
        subscription.HasIndex(s => s.Address);
    }
}

internal sealed class MailRecipientConfiguration : IEntityTypeConfiguration<MailRecipient>
{
    public void Configure(EntityTypeBuilder<MailRecipient> recipient)
    {
        recipient.ToTable("MailRecipients");
        recipient.HasKey(r => r.Address);
        recipient.Property(r => r.Address).HasMaxLength(CommentLimits.EmailLength);
    }
}
