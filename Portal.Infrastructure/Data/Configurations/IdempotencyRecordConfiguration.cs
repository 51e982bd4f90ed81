using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Infrastructure.Integrations;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(x => x.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        // The reservation: a second insert of the same key for the same API key fails here.
        b.HasIndex(x => new { x.ApiKeyId, x.Key }).IsUnique();
        b.HasIndex(x => x.CreatedAt);
        b.Property(x => x.Fingerprint).HasMaxLength(32);
        b.Property(x => x.ResponseBody).HasMaxLength(IdempotencyRecord.MaxResponseLength);
        b.Property(x => x.Location).HasMaxLength(200);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
