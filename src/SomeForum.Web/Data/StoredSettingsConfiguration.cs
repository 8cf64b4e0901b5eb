using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Site;

namespace SomeForum.Web.Data;

internal sealed class StoredSettingsConfiguration : IEntityTypeConfiguration<StoredSettings>
{
    public void Configure(EntityTypeBuilder<StoredSettings> settings)
    {
        settings.ToTable("SiteSettings");
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Title).HasMaxLength(SiteSettingsRules.MaxTitle);
        settings.Property(s => s.Tagline).HasMaxLength(SiteSettingsRules.MaxTagline);
        settings.Property(s => s.FooterText).HasMaxLength(SiteSettingsRules.MaxFooter);
        settings.Property(s => s.SiteUrl).HasMaxLength(SiteSettingsRules.MaxSiteUrl);
        settings.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
