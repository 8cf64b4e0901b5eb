using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Moderation;

namespace SomeForum.Web.Data;

internal sealed class ModerationRuleSetConfiguration : IEntityTypeConfiguration<ModerationRuleSet>
{
    public void Configure(EntityTypeBuilder<ModerationRuleSet> rules)
    {
        rules.ToTable("ModerationRules");
        rules.Property(r => r.Id).ValueGeneratedNever();
        rules.Property(r => r.HoldWords).HasMaxLength(20_000);
        rules.Property(r => r.BlockWords).HasMaxLength(20_000);
        rules.Property(r => r.UpdatedBy).HasMaxLength(256);
    }
}
