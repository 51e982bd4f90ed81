using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Deadlines;
using Portal.Domain.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class EstateConfiguration : IEntityTypeConfiguration<Estate>
{
    public void Configure(EntityTypeBuilder<Estate> b)
    {
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.Code).HasMaxLength(20);
        b.Property(e => e.TimeZoneId).HasMaxLength(64);
        b.HasIndex(e => e.Code).IsUnique();
        b.Property(e => e.BusinessHoursText).HasMaxLength(200);
        b.Ignore(e => e.BusinessHours);
    }
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.EstateId, x.Name }).IsUnique();
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.InvitationCode).HasMaxLength(9);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BuildingId, x.Number }).IsUnique();
        b.HasIndex(x => x.InvitationCode).IsUnique();
    }
}

internal sealed class ResidencyConfiguration : IEntityTypeConfiguration<Residency>
{
    public void Configure(EntityTypeBuilder<Residency> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UserId, x.UnitId }).IsUnique();
    }
}

internal sealed class StaffEstateConfiguration : IEntityTypeConfiguration<StaffEstate>
{
    public void Configure(EntityTypeBuilder<StaffEstate> b)
    {
        b.HasKey(x => new { x.UserId, x.EstateId });
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BuildingButlerConfiguration : IEntityTypeConfiguration<BuildingButler>
{
    public void Configure(EntityTypeBuilder<BuildingButler> b)
    {
        b.HasKey(x => new { x.BuildingId, x.UserId });
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EstateHolidayConfiguration : IEntityTypeConfiguration<EstateHoliday>
{
    public void Configure(EntityTypeBuilder<EstateHoliday> b)
    {
        b.ToTable("EstateHolidays");
        b.Property(x => x.Name).HasMaxLength(EstateHoliday.MaxNameLength);
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EstateId, x.Date }).IsUnique();
    }
}

internal sealed class DeadlineRuleConfiguration : IEntityTypeConfiguration<DeadlineRule>
{
    public void Configure(EntityTypeBuilder<DeadlineRule> b)
    {
        b.ToTable("DeadlineRules");
        b.HasOne<Estate>().WithMany().HasForeignKey(x => x.EstateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.EstateId, x.Type, x.Priority }).IsUnique();
        b.Ignore(x => x.RespondWithin);
        b.Ignore(x => x.ResolveWithin);
    }
}
