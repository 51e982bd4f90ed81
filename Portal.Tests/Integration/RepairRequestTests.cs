using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Estates;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Filing, reading and cancelling repairs over the real database and the real HTTP surface.</summary>
public sealed partial class RepairRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex(@"^R\d{6}-\d{4}$")]
    private static partial Regex NumberPattern();

    [Fact]
    public async Task A_filed_repair_gets_a_number_a_timeline_and_its_photos()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var photo = await factory.StagePhotoAsync(resident);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident, photo));

        Assert.Matches(NumberPattern(), filed.Number);
        var detail = await factory.Get<RequestQueries>().GetAsync(resident, filed.Id);
        Assert.NotNull(detail);
        Assert.Equal(RequestStatus.Submitted, detail.Summary.Status);
        Assert.Equal("1304", detail.Summary.UnitNumber);
        Assert.Equal("3", detail.Summary.BuildingName);
        var entry = Assert.Single(detail.Timeline);
        Assert.Equal(TimelineEvent.Submitted, entry.Event);
        Assert.Equal(ActorRole.Resident, entry.ActorRole);
        Assert.Equal(photo, Assert.Single(detail.Photos).Id);
        Assert.True(detail.CanCancel);

        var mine = await factory.Get<RequestQueries>().ListMineAsync(resident);
        Assert.Equal(filed.Id, mine[0].Id);
        Assert.Equal(photo, mine[0].FirstPhotoId);
    }

    [Fact]
    public async Task Numbers_count_up_within_a_day_and_my_requests_are_newest_first()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var first = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        var second = await factory.FileAsync(resident, await factory.DraftAsync(resident));

        Assert.Equal(first.Number[..7], second.Number[..7]);
        Assert.Equal(int.Parse(first.Number[8..]) + 1, int.Parse(second.Number[8..]));
        var order = (await factory.Get<RequestQueries>().ListMineAsync(resident)).Select(m => m.Id).ToList();
        Assert.True(order.IndexOf(second.Id) < order.IndexOf(first.Id));
    }

    [Fact]
    public async Task An_invalid_draft_files_nothing_and_names_each_field()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var before = (await factory.Get<RequestQueries>().ListMineAsync(resident)).Count;
        var draft = await factory.DraftAsync(resident);
        draft.Description = "";
        draft.ContactPhone = "123";

        var (outcome, errors) = await factory.Get<FileRepairRequest>().FileAsync(resident, draft);

        Assert.False(outcome.Succeeded);
        Assert.Contains(errors, e => e.Field == nameof(RepairDraft.Description));
        Assert.Contains(errors, e => e.Field == nameof(RepairDraft.ContactPhone));
        Assert.Equal(before, (await factory.Get<RequestQueries>().ListMineAsync(resident)).Count);
    }

    [Fact]
    public async Task A_resident_cannot_file_for_a_unit_that_is_not_hers()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var draft = await factory.DraftAsync(resident);
        draft.UnitId = (await factory.Get<Portal.Infrastructure.Estates.ResidentHomes>().ListAsync(neighbour))[0].UnitId;

        var (outcome, errors) = await factory.Get<FileRepairRequest>().FileAsync(resident, draft);

        Assert.False(outcome.Succeeded);
        Assert.Contains(errors, e => e.Code == "UnitNotYours");
    }

    [Fact]
    public async Task Another_residents_staged_photo_cannot_be_attached()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var hers = await factory.StagePhotoAsync(resident);

        var (outcome, errors) = await factory.Get<FileRepairRequest>().FileAsync(neighbour, await factory.DraftAsync(neighbour, hers));

        Assert.False(outcome.Succeeded);
        Assert.Contains(errors, e => e.Code == "PhotoMissing");
    }

    [Fact]
    public async Task Guessing_request_ids_reveals_nothing_of_another_resident()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var hers = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        var his = await factory.FileAsync(neighbour, await factory.DraftAsync(neighbour));
        var queries = factory.Get<RequestQueries>();

        for (var id = 1; id <= hers.Id + 5; id++)
        {
            var seen = await queries.GetAsync(neighbour, id);
            Assert.True(seen is null || id == his.Id, $"Request {id} leaked to the neighbour.");
            var cancel = await factory.Get<CancelRequest>().CancelAsync(neighbour, id, null);
            Assert.True(id == his.Id || cancel.ErrorCode == "NotFound", $"Request {id}: {cancel.ErrorCode}");
            if (id == his.Id)
            {
                break;
            }
        }

        Assert.Null(await queries.GetAsync(neighbour, hers.Id));
        Assert.Equal(RequestStatus.Submitted, (await queries.GetAsync(resident, hers.Id))!.Summary.Status);
    }

    [Fact]
    public async Task Guessing_request_urls_shows_not_found_and_none_of_the_content()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var draft = await factory.DraftAsync(resident);
        draft.Description = "Secret-ish: balcony door lock broken";
        var hers = await factory.FileAsync(resident, draft);

        var neighbourClient = await factory.ClientForAsync(DemoData.NeighbourEmail);
        neighbourClient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var html = await neighbourClient.GetStringAsync($"/requests/{hers.Id}");
        Assert.Contains("does not exist or is not yours", html, StringComparison.Ordinal);
        Assert.DoesNotContain("balcony door lock", html, StringComparison.Ordinal);

        var ownerClient = await factory.ClientForAsync(DemoData.ResidentEmail);
        Assert.Contains("balcony door lock", await ownerClient.GetStringAsync($"/requests/{hers.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_are_served_to_the_owner_and_her_estates_staff_only()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var photo = await factory.StagePhotoAsync(resident);
        var staged = await factory.Get<PhotoUploads>().OpenAsync(await factory.UserAsync(DemoData.NeighbourEmail), photo, thumbnail: true);
        Assert.Null(staged); // not even while still staged
        await factory.FileAsync(resident, await factory.DraftAsync(resident, photo));

        var owner = await factory.ClientForAsync(DemoData.ResidentEmail);
        var full = await owner.GetAsync($"/photos/{photo}");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("image/jpeg", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/photos/{photo}/thumb")).StatusCode);

        var desk = await factory.ClientForAsync(DemoData.DeskEmail);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/photos/{photo}")).StatusCode);

        var neighbour = await factory.ClientForAsync(DemoData.NeighbourEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/photos/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/photos/{photo}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/photos/{Guid.NewGuid()}")).StatusCode);

        var stranger = factory.CreateClient(new() { AllowAutoRedirect = false });
        var anonymous = await stranger.GetAsync($"/photos/{photo}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);

        var otherEstateStaff = await OtherEstateDeskAsync();
        Assert.Null(await factory.Get<PhotoUploads>().OpenAsync(otherEstateStaff, photo, thumbnail: false));
    }

    [Fact]
    public async Task Staff_see_only_their_own_estates_requests()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));

        var desk = await factory.UserAsync(DemoData.DeskEmail);
        Assert.NotNull(await factory.Get<RequestQueries>().GetAsync(desk, filed.Id));
        Assert.Contains(await factory.Get<RequestQueries>().ListForStaffAsync(desk), r => r.Id == filed.Id);

        var other = await OtherEstateDeskAsync();
        Assert.Null(await factory.Get<RequestQueries>().GetAsync(other, filed.Id));
        Assert.DoesNotContain(await factory.Get<RequestQueries>().ListForStaffAsync(other), r => r.Id == filed.Id);
    }

    [Fact]
    public async Task A_technician_does_not_see_the_residents_phone()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        var detail = await factory.Get<RequestQueries>().GetAsync(await factory.UserAsync(DemoData.TechnicianEmail), filed.Id);
        Assert.NotNull(detail);
        Assert.Null(detail.ContactPhone);
        Assert.NotNull((await factory.Get<RequestQueries>().GetAsync(await factory.UserAsync(DemoData.DeskEmail), filed.Id))!.ContactPhone);
    }

    [Fact]
    public async Task The_resident_cancels_before_dispatch_but_not_after()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var early = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        Assert.True((await factory.Get<CancelRequest>().CancelAsync(resident, early.Id, null)).Succeeded);
        var cancelled = await factory.Get<RequestQueries>().GetAsync(resident, early.Id);
        Assert.Equal(RequestStatus.Cancelled, cancelled!.Summary.Status);
        Assert.Equal(TimelineEvent.Cancelled, cancelled.Timeline[^1].Event);
        Assert.False(cancelled.CanCancel);

        var late = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        await DispatchAsync(late.Id);
        var refused = await factory.Get<CancelRequest>().CancelAsync(resident, late.Id, null);
        Assert.Equal("Request.CannotCancelAfterDispatch", refused.ErrorCode);
        Assert.Equal(RequestStatus.Dispatched, (await factory.Get<RequestQueries>().GetAsync(resident, late.Id))!.Summary.Status);
    }

    [Fact]
    public async Task A_stale_copy_cannot_overwrite_a_newer_change()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        var contexts = factory.Get<IDbContextFactory<PortalDbContext>>();
        await using var first = await contexts.CreateDbContextAsync();
        await using var second = await contexts.CreateDbContextAsync();
        var a = await first.ServiceRequests.SingleAsync(r => r.Id == filed.Id);
        var b = await second.ServiceRequests.SingleAsync(r => r.Id == filed.Id);
        var desk = (await factory.UserAsync(DemoData.DeskEmail)).ToActor();

        a.Accept(desk, DateTimeOffset.UtcNow, Priority.High, null);
        await first.SaveChangesAsync();
        b.Cancel(resident.ToActor(), DateTimeOffset.UtcNow, null);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    private async Task DispatchAsync(int id)
    {
        var desk = (await factory.UserAsync(DemoData.DeskEmail)).ToActor();
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var request = await db.ServiceRequests.SingleAsync(r => r.Id == id);
        request.Accept(desk, DateTimeOffset.UtcNow, Priority.Normal, null);
        request.Dispatch(desk, DateTimeOffset.UtcNow, Assignee.Team("Liu Qiang"), null);
        await db.SaveChangesAsync();
    }

    private async Task<CurrentUser> OtherEstateDeskAsync()
    {
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var code = "RV" + Guid.NewGuid().ToString("N")[..6];
        var estate = new Estate("Riverside 江畔", code, "Asia/Shanghai");
        db.Estates.Add(estate);
        var user = new PortalUser { UserName = $"{code}@example.com", Email = $"{code}@example.com", DisplayName = "Other desk" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        db.StaffEstates.Add(new StaffEstate(user.Id, estate.Id));
        await db.SaveChangesAsync();
        return new CurrentUser(user.Id, user.DisplayName, new HashSet<string> { Roles.FrontDesk });
    }
}

public sealed class StagedPhotoSweepTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Photos_of_drafts_never_filed_are_removed_after_a_day_and_fresh_ones_stay()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var old = await factory.StagePhotoAsync(resident);
        var fresh = await factory.StagePhotoAsync(resident);
        var contexts = factory.Get<IDbContextFactory<PortalDbContext>>();
        string oldKey;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var row = await db.StagedPhotos.SingleAsync(p => p.Id == old);
            row.UploadedAt = DateTimeOffset.UtcNow - StagedPhotoSweeper.MaxAge - TimeSpan.FromMinutes(1);
            oldKey = row.StorageKey;
            await db.SaveChangesAsync();
        }

        var swept = await factory.Get<StagedPhotoSweeper>().SweepAsync();

        Assert.True(swept >= 1);
        Assert.Null(await factory.Get<PhotoUploads>().OpenAsync(resident, old, thumbnail: false));
        Assert.False(await factory.Get<Portal.Infrastructure.Photos.IPhotoStorage>().ExistsAsync(oldKey, default));
        Assert.NotNull(await factory.Get<PhotoUploads>().OpenAsync(resident, fresh, thumbnail: false));
    }
}

public sealed class InvitationCodeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Walking_through_codes_is_stopped_after_the_hourly_allowance()
    {
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var homes = factory.Get<Portal.Infrastructure.Estates.ResidentHomes>();
        var codes = new List<string?>();
        for (var i = 0; i < Portal.Infrastructure.Estates.InvitationAttempts.PerHour + 1; i++)
        {
            codes.Add((await homes.BindAsync(neighbour.UserId, $"WXYZ-{2345 + i}".Replace('0', '2').Replace('1', '3'))).ErrorCode);
        }

        Assert.All(codes.Take(Portal.Infrastructure.Estates.InvitationAttempts.PerHour), c => Assert.Equal("Invitation.Unknown", c));
        Assert.Equal("Invitation.TooManyAttempts", codes[^1]);
        // Even the right code waits now.
        Assert.Equal("Invitation.TooManyAttempts", (await homes.BindAsync(neighbour.UserId, DemoData.OpenInvitationCode)).ErrorCode);
    }

    [Fact]
    public async Task Staff_outside_the_issuing_roles_get_no_codes()
    {
        var technician = await factory.UserAsync(DemoData.TechnicianEmail);
        Assert.Empty(await factory.Get<Portal.Infrastructure.Estates.UnitDirectory>().ListAsync(technician));
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var rows = await factory.Get<Portal.Infrastructure.Estates.UnitDirectory>().ListAsync(desk);
        Assert.Equal(180, rows.Count);
        var reissued = await factory.Get<Portal.Infrastructure.Estates.UnitDirectory>().ReissueCodeAsync(desk, rows[0].UnitId);
        Assert.True(reissued.Succeeded);
        Assert.NotEqual(rows[0].InvitationCode, reissued.Value);
        Assert.Equal("NotFound", (await factory.Get<Portal.Infrastructure.Estates.UnitDirectory>().ReissueCodeAsync(technician, rows[0].UnitId)).ErrorCode);
    }
}
