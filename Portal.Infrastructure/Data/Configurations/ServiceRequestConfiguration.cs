using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Requests;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Data.Configurations;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.ResidentId).HasMaxLength(450);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ResidentId, x.SubmittedAt });
        b.Property(x => x.ContactName).HasMaxLength(100);
        b.Property(x => x.ContactPhone).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(ServiceRequest.MaxDescriptionLength);
        b.Property(x => x.AssigneeName).HasMaxLength(100);
        b.Property(x => x.CancellationReason).HasMaxLength(500);

        // Optimistic concurrency that behaves the same on SQLite and SQL Server: the aggregate
        // renews the stamp on every change and EF checks the old value in the UPDATE's WHERE.
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();

        b.OwnsOne(x => x.Location, l =>
        {
            l.Property(p => p.EstateId).HasColumnName("EstateId");
            l.Property(p => p.BuildingId).HasColumnName("BuildingId");
            l.Property(p => p.UnitId).HasColumnName("UnitId");
            l.Property(p => p.Spot).HasColumnName("Spot").HasMaxLength(200);
            // No index on EstateId alone: IX_ServiceRequests_EstateId_Status_DueAt (created in SQL by the
            // OpenRequestsIndex migration, as the model cannot span owner and owned columns) starts with
            // it, and a shorter one only tempts SQLite's planner away from the longer index.
            l.HasIndex(p => p.UnitId);
        });
        b.Navigation(x => x.Location).IsRequired();

        b.OwnsOne(x => x.PreferredWindow, w =>
        {
            w.Property(p => p.Start).HasColumnName("PreferredStart");
            w.Property(p => p.End).HasColumnName("PreferredEnd");
        });

        b.HasMany(x => x.Timeline).WithOne().HasForeignKey(t => t.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);

        b.Property(x => x.AssigneeId).HasMaxLength(450);
        b.HasIndex(x => x.AssigneeId);
        b.HasIndex(x => x.DueAt);
        b.HasMany(x => x.WorkOrders).WithOne().HasForeignKey(w => w.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.WorkOrders).HasField("_workOrders").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.ActiveWorkOrder);

        b.Property(x => x.ResidentWords).HasMaxLength(1000);
        b.HasIndex(x => new { x.Status, x.FollowUpDueAt });
        b.Ignore(x => x.AwaitsFollowUp);
        b.Ignore(x => x.FailedAttempts);
        b.Ignore(x => x.NextCallAt);
        b.HasMany(x => x.FollowUpAttempts).WithOne().HasForeignKey(a => a.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.FollowUpAttempts).HasField("_followUpAttempts").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.OwnsOne(x => x.Rating, r =>
        {
            r.Property(p => p.Overall).HasColumnName("RatingOverall");
            r.Property(p => p.Speed).HasColumnName("RatingSpeed");
            r.Property(p => p.Attitude).HasColumnName("RatingAttitude");
            r.Property(p => p.Quality).HasColumnName("RatingQuality");
            r.Property(p => p.Comment).HasColumnName("RatingComment").HasMaxLength(500);
            r.Property(p => p.Source).HasColumnName("RatingSource");
            r.Property(p => p.RecordedById).HasColumnName("RatingRecordedById").HasMaxLength(450);
            r.Property(p => p.RecordedByName).HasColumnName("RatingRecordedByName").HasMaxLength(100);
            r.Property(p => p.At).HasColumnName("RatedAt");
            r.Ignore(p => p.IsLow);
        });
        b.OwnsOne(x => x.Recovery, r =>
        {
            r.Property(p => p.OpenedAt).HasColumnName("RecoveryOpenedAt");
            r.Property(p => p.DueAt).HasColumnName("RecoveryDueAt");
            r.Property(p => p.Status).HasColumnName("RecoveryStatus");
            r.Property(p => p.ResolvedAt).HasColumnName("RecoveryResolvedAt");
            r.Property(p => p.ResolvedByName).HasColumnName("RecoveryResolvedByName").HasMaxLength(100);
            r.Property(p => p.Resolution).HasColumnName("RecoveryResolution").HasMaxLength(1000);
            r.Ignore(p => p.IsOpen);
        });

        b.HasMany(x => x.Photos).WithOne().HasForeignKey(p => p.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Photos).HasField("_photos").UsePropertyAccessMode(PropertyAccessMode.Field);

        b.Property(x => x.Answer).HasMaxLength(ServiceRequest.MaxDescriptionLength);
        b.HasIndex(x => x.AboutRequestId);
        b.HasIndex(x => x.RaisedFromId);
        b.HasIndex(x => new { x.Escalation, x.Status });
        b.Ignore(x => x.IsClockPaused);
        b.Ignore(x => x.IsSettled);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("TimelineEntries");
        b.Property(x => x.ActorId).HasMaxLength(450);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.ServiceRequestId, x.At });
    }
}

internal sealed class RequestPhotoConfiguration : IEntityTypeConfiguration<RequestPhoto>
{
    public void Configure(EntityTypeBuilder<RequestPhoto> b)
    {
        b.ToTable("RequestPhotos");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.StorageKey).HasMaxLength(200);
        b.Property(x => x.ThumbnailKey).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.Property(x => x.UploadedBy).HasMaxLength(450);
    }
}

internal sealed class StagedPhotoConfiguration : IEntityTypeConfiguration<StagedPhoto>
{
    public void Configure(EntityTypeBuilder<StagedPhoto> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.OwnerUserId).HasMaxLength(450);
        b.Property(x => x.StorageKey).HasMaxLength(200);
        b.Property(x => x.ThumbnailKey).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.HasIndex(x => new { x.OwnerUserId, x.UploadedAt });
    }
}

internal sealed class RequestNumberCounterConfiguration : IEntityTypeConfiguration<RequestNumberCounter>
{
    public void Configure(EntityTypeBuilder<RequestNumberCounter> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(16);
        b.Property(x => x.Last).IsConcurrencyToken();
    }
}

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.ToTable("WorkOrders");
        b.Property(x => x.TechnicianId).HasMaxLength(450);
        b.Property(x => x.AssigneeName).HasMaxLength(100);
        b.Property(x => x.CompletionNotes).HasMaxLength(2000);
        b.Property(x => x.ReturnReason).HasMaxLength(600);
        b.HasIndex(x => new { x.TechnicianId, x.Status });
        b.Ignore(x => x.IsActive);
        b.OwnsOne(x => x.Quote, q =>
        {
            q.Property(p => p.Amount).HasColumnName("QuoteAmount").HasPrecision(10, 2);
            q.Property(p => p.Description).HasColumnName("QuoteDescription").HasMaxLength(500);
            q.Property(p => p.QuotedAt).HasColumnName("QuotedAt");
            q.Property(p => p.Decision).HasColumnName("QuoteDecision");
            q.Property(p => p.DecidedAt).HasColumnName("QuoteDecidedAt");
            q.Property(p => p.DecidedBy).HasColumnName("QuoteDecidedBy").HasMaxLength(100);
            q.Property(p => p.DeclineReason).HasColumnName("QuoteDeclineReason").HasMaxLength(500);
            q.Ignore(p => p.IsPending);
        });
        b.OwnsMany(x => x.Materials, m =>
        {
            m.ToTable("WorkOrderMaterials");
            m.WithOwner().HasForeignKey("WorkOrderId");
            m.Property<int>("Id");
            m.HasKey("Id");
            m.Property(p => p.Name).HasMaxLength(100);
            m.Property(p => p.Quantity).HasPrecision(10, 2);
            m.Property(p => p.Unit).HasMaxLength(20);
        });
        b.Navigation(x => x.Materials).HasField("_materials").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class FollowUpAttemptConfiguration : IEntityTypeConfiguration<Portal.Domain.FollowUps.FollowUpAttempt>
{
    public void Configure(EntityTypeBuilder<Portal.Domain.FollowUps.FollowUpAttempt> b)
    {
        b.ToTable("FollowUpAttempts");
        b.Property(x => x.ByUserId).HasMaxLength(450);
        b.Property(x => x.ByName).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Ignore(x => x.IsFailed);
        b.HasIndex(x => new { x.ServiceRequestId, x.At });
    }
}
