using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.Property(x => x.ActorName).HasMaxLength(AuditEntry.MaxActorNameLength);
        b.Property(x => x.Action).HasMaxLength(AuditEntry.MaxActionLength);
        b.Property(x => x.EntityType).HasMaxLength(AuditEntry.MaxEntityTypeLength);
        b.Property(x => x.EntityId).HasMaxLength(AuditEntry.MaxEntityIdLength);
        // Newest first, optionally for one estate: the log page's two ways in.
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.EstateId, x.At });
    }
}
