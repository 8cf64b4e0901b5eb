using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SomeForum.Web.Pingbacks;

namespace SomeForum.Web.Data;

internal sealed class PingbackPermitConfiguration : IEntityTypeConfiguration<PingbackPermit>
{
    public void Configure(EntityTypeBuilder<PingbackPermit> permit)
    {
        permit.ToTable("PingbackPermits");
        // "host:" or "caller:" and a host name (at most 253) or an address.
        permit.Property(p => p.Key).HasMaxLength(300);
        // A key's permits in the last minute.
        permit.HasIndex(p => new { p.Key, p.TakenAt });
        // The sweep of permits older than a minute.
        permit.HasIndex(p => p.TakenAt);
    }
}
