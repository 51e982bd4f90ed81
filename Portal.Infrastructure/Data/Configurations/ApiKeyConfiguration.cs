using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Estates;
using Portal.Infrastructure.Integrations;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(x => x.Name).HasMaxLength(ApiKey.MaxNameLength);
        b.Property(x => x.Prefix).HasMaxLength(ApiKeyFormat.PrefixLength);
        b.HasIndex(x => x.Prefix).IsUnique();
        b.Property(x => x.SecretHash).HasMaxLength(32);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.Property(x => x.CreatedByName).HasMaxLength(100);
        b.Property(x => x.RevokedByName).HasMaxLength(100);
        b.Ignore(x => x.IsRevoked);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId).OnDelete(DeleteBehavior.Restrict);
    }
}
