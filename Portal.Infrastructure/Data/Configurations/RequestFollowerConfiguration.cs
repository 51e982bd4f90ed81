using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Requests;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class RequestFollowerConfiguration : IEntityTypeConfiguration<RequestFollower>
{
    public void Configure(EntityTypeBuilder<RequestFollower> b)
    {
        b.ToTable("RequestFollowers");

        // The pair is the key: a resident follows a request once, however often they tap "me too".
        b.HasKey(x => new { x.ServiceRequestId, x.UserId });
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(x => x.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);

        // "What do I follow", newest first, for My requests.
        b.HasIndex(x => new { x.UserId, x.FollowedAt });
    }
}
