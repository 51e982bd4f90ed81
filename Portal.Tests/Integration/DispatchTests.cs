using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.WorkOrders;
using Portal.Tests.Infrastructure.Photos;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The staff side of a repair over the real database: desk, work order, technician, resident.</summary>
public sealed class DispatchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<FiledRequest> FileAsync()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        return await factory.FileAsync(resident, await factory.DraftAsync(resident));
    }

    [Fact]
    public async Task A_repair_goes_from_the_desk_to_the_technician_and_back_completed_with_the_butler_told()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id, Priority.High);
        await factory.DispatchToAsync(filed.Id);

        var tech = await factory.UserAsync(DemoData.TechnicianEmail);
        var jobs = factory.Get<TechnicianJobs>();
        var job = await factory.JobAsync(tech, filed.Id);
        Assert.Equal(WorkOrderStatus.Assigned, job.Status);
        Assert.Equal("13800138000", job.ContactPhone);

        Assert.True((await jobs.AcceptAsync(tech, filed.Id, job.Stamp)).Succeeded);
        Assert.True((await jobs.SetOffAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp)).Succeeded);
        Assert.True((await jobs.StartAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp)).Succeeded);
        var photo = await factory.StagePhotoAsync(tech, PhotoTestImages.Jpeg(64, 48));
        var done = await jobs.CompleteAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp,
            "Cleared the drain pipe of the indoor unit", 45, [new MaterialInput("Drain hose", 1.5m, "m")], [photo]);
        Assert.True(done.Succeeded, done.ErrorCode);
        Assert.Equal(RequestStatus.Completed, done.Value);

        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var detail = (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!;
        Assert.Equal(
            [TimelineEvent.Submitted, TimelineEvent.Accepted, TimelineEvent.Dispatched, TimelineEvent.ButlerInformed, TimelineEvent.WorkAccepted, TimelineEvent.OnTheWay, TimelineEvent.Started, TimelineEvent.Completed],
            detail.Timeline.Select(t => t.Event));
        Assert.Contains("管家 张伟", detail.Timeline.Single(t => t.Event == TimelineEvent.ButlerInformed).Note, StringComparison.Ordinal);
        Assert.Contains(detail.Photos, p => p.Id == photo && p.Stage == PhotoStage.After);
        Assert.DoesNotContain(await jobs.ListMineAsync(tech), j => j.RequestId == filed.Id);

        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var order = await db.Set<WorkOrder>().Include(w => w.Materials).SingleAsync(w => w.ServiceRequestId == filed.Id);
        Assert.Equal(45, order.MinutesSpent);
        Assert.Equal("Drain hose", Assert.Single(order.Materials).Name);
    }

    [Fact]
    public async Task Two_desks_dispatching_from_the_same_screen_one_wins_and_the_other_is_told_the_current_state()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id);
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var supervisor = await factory.UserAsync(DemoData.SupervisorEmail);
        var stamp = await factory.StampAsync(desk, filed.Id);
        var first = await factory.UserAsync(DemoData.TechnicianEmail);
        var second = await factory.UserAsync(DemoData.SecondTechnicianEmail);

        var won = await factory.Get<DispatchDesk>().DispatchAsync(desk, filed.Id, stamp, first.UserId, null, null);
        var lost = await factory.Get<DispatchDesk>().DispatchAsync(supervisor, filed.Id, stamp, second.UserId, null, null);

        Assert.True(won.Succeeded);
        Assert.Equal("Request.ChangedMeanwhile", lost.ErrorCode);
        Assert.Equal(RequestStatus.Dispatched, lost.Args[0]);
        Assert.Single(await factory.Get<TechnicianJobs>().ListMineAsync(first), j => j.RequestId == filed.Id);
        Assert.DoesNotContain(await factory.Get<TechnicianJobs>().ListMineAsync(second), j => j.RequestId == filed.Id);
    }

    [Fact]
    public async Task Simultaneous_dispatches_never_both_land()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id);
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var supervisor = await factory.UserAsync(DemoData.SupervisorEmail);
        var stamp = await factory.StampAsync(desk, filed.Id);
        var first = await factory.UserAsync(DemoData.TechnicianEmail);
        var second = await factory.UserAsync(DemoData.SecondTechnicianEmail);

        var outcomes = await Task.WhenAll(
            Task.Run(() => factory.Get<DispatchDesk>().DispatchAsync(desk, filed.Id, stamp, first.UserId, null, null)),
            Task.Run(() => factory.Get<DispatchDesk>().DispatchAsync(supervisor, filed.Id, stamp, second.UserId, null, null)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.ErrorCode == "Request.ChangedMeanwhile");
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<WorkOrder>().CountAsync(w => w.ServiceRequestId == filed.Id));
    }

    [Fact]
    public async Task The_concurrency_token_is_in_both_providers_models()
    {
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.True(db.Model.FindEntityType(typeof(ServiceRequest))!.FindProperty(nameof(ServiceRequest.ConcurrencyStamp))!.IsConcurrencyToken);
        await using var sqlServer = new SqlServerPortalDbContext(new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=unused").Options);
        Assert.True(sqlServer.Model.FindEntityType(typeof(ServiceRequest))!.FindProperty(nameof(ServiceRequest.ConcurrencyStamp))!.IsConcurrencyToken);
    }

    [Fact]
    public async Task Paid_work_waits_for_the_residents_approval_before_it_starts()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var tech = await factory.UserAsync(DemoData.TechnicianEmail);
        var jobs = factory.Get<TechnicianJobs>();

        Assert.True((await jobs.QuoteAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp, 120m, "Replace the compressor capacitor")).Succeeded);
        var refused = await jobs.StartAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp);
        Assert.False(refused.Succeeded);

        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var detail = (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!;
        Assert.Equal(120m, detail.Quote!.Amount);
        Assert.Null(detail.Quote.Decision);
        Assert.Equal("NotFound", (await factory.Get<QuoteDecisions>().ApproveAsync(neighbour, filed.Id, detail.ConcurrencyStamp)).ErrorCode);
        Assert.Equal("NotFound", (await factory.Get<QuoteDecisions>().ApproveAsync(tech, filed.Id, detail.ConcurrencyStamp)).ErrorCode);

        Assert.True((await factory.Get<QuoteDecisions>().ApproveAsync(resident, filed.Id, detail.ConcurrencyStamp)).Succeeded);
        var approved = (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!;
        Assert.Equal(QuoteDecision.Approved, approved.Quote!.Decision);
        Assert.NotNull(approved.Quote.DecidedAt);
        Assert.True((await jobs.StartAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp)).Succeeded);
    }

    [Fact]
    public async Task A_declined_quote_returns_the_job_to_the_desk_with_the_reason()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var tech = await factory.UserAsync(DemoData.TechnicianEmail);
        await factory.Get<TechnicianJobs>().QuoteAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp, 300m, "New lock cylinder");
        var resident = await factory.UserAsync(DemoData.ResidentEmail);

        var declined = await factory.Get<QuoteDecisions>().DeclineAsync(resident, filed.Id, await factory.StampAsync(resident, filed.Id), "Too expensive");

        Assert.Equal(RequestStatus.Accepted, declined.Value);
        Assert.DoesNotContain(await factory.Get<TechnicianJobs>().ListMineAsync(tech), j => j.RequestId == filed.Id);
        Assert.Equal(TimelineEvent.QuoteDeclined, (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!.Timeline[^1].Event);
    }

    [Fact]
    public async Task A_job_that_cannot_be_finished_goes_back_to_the_desk_with_its_reason()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var tech = await factory.UserAsync(DemoData.TechnicianEmail);

        var returned = await factory.Get<TechnicianJobs>().ReturnAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp, "Needs a lift engineer");

        Assert.Equal(RequestStatus.Accepted, returned.Value);
        var entry = (await factory.Get<RequestQueries>().GetAsync(tech, filed.Id))!.Timeline[^1];
        Assert.Equal(TimelineEvent.ReturnedToDesk, entry.Event);
        Assert.Contains("Needs a lift engineer", entry.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_technician_can_neither_see_nor_touch_the_job_nor_the_residents_phone()
    {
        var filed = await FileAsync();
        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var other = await factory.UserAsync(DemoData.SecondTechnicianEmail);
        var stamp = await factory.StampAsync(await factory.UserAsync(DemoData.DeskEmail), filed.Id);
        var jobs = factory.Get<TechnicianJobs>();

        Assert.DoesNotContain(await jobs.ListMineAsync(other), j => j.RequestId == filed.Id);
        Assert.Equal("WorkOrder.NotYours", (await jobs.AcceptAsync(other, filed.Id, stamp)).ErrorCode);
        Assert.Equal("WorkOrder.NotYours", (await jobs.StartAsync(other, filed.Id, stamp)).ErrorCode);
        Assert.Null((await factory.Get<RequestQueries>().GetAsync(other, filed.Id))!.ContactPhone);
        Assert.NotNull((await factory.Get<RequestQueries>().GetAsync(await factory.UserAsync(DemoData.TechnicianEmail), filed.Id))!.ContactPhone);
    }

    [Fact]
    public async Task Residents_cannot_use_the_desk_and_guessed_ids_answer_not_found()
    {
        var filed = await FileAsync();
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var desk = factory.Get<DispatchDesk>();

        Assert.Equal("NotFound", (await desk.AcceptAsync(resident, filed.Id, Guid.Empty, Priority.Urgent, null, null)).ErrorCode);
        for (var id = filed.Id; id < filed.Id + 3; id++)
        {
            Assert.Equal("NotFound", (await factory.Get<TechnicianJobs>().StartAsync(neighbour, id, Guid.Empty)).ErrorCode);
            Assert.Equal("NotFound", (await factory.Get<QuoteDecisions>().ApproveAsync(neighbour, id, Guid.Empty)).ErrorCode);
        }

        Assert.Empty(await factory.Get<BoardQueries>().CardsAsync(resident, new BoardFilter()));
    }

    [Fact]
    public async Task The_board_filters_and_searches_by_number_unit_and_phone()
    {
        var filed = await FileAsync();
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var board = factory.Get<BoardQueries>();

        Assert.Contains(await board.CardsAsync(desk, new BoardFilter(Search: filed.Number)), c => c.Id == filed.Id);
        Assert.Contains(await board.CardsAsync(desk, new BoardFilter(Search: "3-1304")), c => c.Id == filed.Id);
        Assert.Contains(await board.CardsAsync(desk, new BoardFilter(Search: "1304")), c => c.Id == filed.Id);
        Assert.Contains(await board.CardsAsync(desk, new BoardFilter(Search: "138 0013")), c => c.Id == filed.Id);
        Assert.DoesNotContain(await board.CardsAsync(desk, new BoardFilter(Search: "2-1304")), c => c.Id == filed.Id);
        Assert.DoesNotContain(await board.CardsAsync(desk, new BoardFilter(Category: RepairCategory.Lift)), c => c.Id == filed.Id);
        Assert.Contains(await board.CardsAsync(desk, new BoardFilter(Category: RepairCategory.AirConditioning, Priority: Priority.Normal)), c => c.Id == filed.Id);
    }
}

public sealed class DeskRegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("3-1304")]
    [InlineData("138 0013 8000")]
    [InlineData("王丽")]
    public async Task The_desk_finds_the_resident_by_unit_phone_or_name(string term)
    {
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var match = Assert.Single(await factory.Get<Portal.Infrastructure.Estates.ResidentDirectory>().SearchAsync(desk, term));
        Assert.Equal((await factory.UserAsync(DemoData.ResidentEmail)).UserId, match.UserId);
        Assert.Equal("1304", Assert.Single(match.Homes).UnitNumber);
    }

    [Fact]
    public async Task A_phone_request_goes_the_same_path_with_its_channel_and_the_clerk_on_record()
    {
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var draft = await factory.DraftAsync(resident);

        var (outcome, errors) = await factory.Get<FileRepairRequest>().FileOnBehalfAsync(desk, resident.UserId, Channel.Phone, draft);

        Assert.Empty(errors);
        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        var detail = (await factory.Get<RequestQueries>().GetAsync(resident, outcome.Value!.Id))!;
        Assert.Equal(Channel.Phone, detail.Channel);
        Assert.Equal(Portal.Domain.Common.ActorRole.FrontDesk, detail.Timeline[0].ActorRole);
        Assert.Contains(await factory.Get<RequestQueries>().ListMineAsync(resident), r => r.Id == outcome.Value.Id);
    }

    [Fact]
    public async Task Residents_and_other_estates_cannot_register_for_someone()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var draft = await factory.DraftAsync(resident);
        var files = factory.Get<FileRepairRequest>();

        Assert.Equal("NotFound", (await files.FileOnBehalfAsync(neighbour, resident.UserId, Channel.Phone, draft)).Outcome.ErrorCode);
        Assert.Equal("NotFound", (await files.FileOnBehalfAsync(await factory.UserAsync(DemoData.TechnicianEmail), resident.UserId, Channel.Phone, draft)).Outcome.ErrorCode);
        Assert.Empty(await factory.Get<Portal.Infrastructure.Estates.ResidentDirectory>().SearchAsync(neighbour, "1304"));
    }
}
