using Microsoft.EntityFrameworkCore;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The follow-up call and the rating, over the real database, as the desk and residents use them.</summary>
public sealed class FollowUpTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.SetCallingHoursAsync(openNow: true);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_completed_repair_waits_in_the_queue_with_everything_needed_for_the_call()
    {
        var filed = await factory.CompletedRepairAsync();
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var item = Assert.Single(await factory.Get<FollowUpQueue>().ListAsync(desk), i => i.RequestId == filed.Id);
        Assert.Equal("13800138000", item.ContactPhone);
        Assert.Equal("Replaced the drain hose", item.WorkDone);
        Assert.Equal("维修 刘强 Liu Qiang", item.TechnicianName);
        Assert.Equal(TimeSpan.FromHours(48), item.DueAt - item.CompletedAt);
        Assert.True(item.CallableNow);

        var order = (await factory.Get<FollowUpQueue>().ListAsync(desk)).Select(i => i.DueAt).ToList();
        Assert.Equal(order.Order(), order);
        Assert.Empty(await factory.Get<FollowUpQueue>().ListAsync(await factory.UserAsync(DemoData.ResidentEmail)));
    }

    [Fact]
    public async Task A_reached_resolved_call_invites_the_resident_to_rate_once()
    {
        var filed = await factory.CompletedRepairAsync();
        var called = await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached, FollowUpOutcome.Resolved, "Fixed, thank you"));
        Assert.True(called.Succeeded, called.ErrorCode);
        Assert.Equal(RequestStatus.FollowedUp, called.Value);

        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var detail = (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!;
        Assert.True(detail.CanRate);
        Assert.Equal("Fixed, thank you", detail.ResidentWords);
        Assert.Contains(await factory.Get<RequestQueries>().AwaitingMyRatingAsync(resident), r => r.Id == filed.Id);

        var rated = await factory.Get<RatingService>().RateAsync(resident, filed.Id, detail.ConcurrencyStamp, new RatingScores(5, 4, 5, 5, "Quick and tidy"));
        Assert.True(rated.Succeeded, rated.ErrorCode);
        var again = await factory.Get<RatingService>().RateAsync(resident, filed.Id, null, new RatingScores(1, 1, 1, 1, null));
        Assert.Equal("Rating.AlreadyRated", again.ErrorCode);

        var shown = (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!.Rating!;
        Assert.Equal((5, RatingSource.Resident), (shown.Overall, shown.Source));
        Assert.Contains(await factory.Get<BoardQueries>().RecentRatingsAsync(await factory.UserAsync(DemoData.SupervisorEmail)), r => r.Id == filed.Id && r.Overall == 5);
    }

    [Fact]
    public async Task Bad_ratings_are_refused_with_a_clear_code()
    {
        var filed = await factory.CompletedRepairAsync();
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var ratings = factory.Get<RatingService>();

        Assert.Equal("Rating.NotYet", (await ratings.RateAsync(resident, filed.Id, null, new RatingScores(5, 5, 5, 5, null))).ErrorCode);
        await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached, FollowUpOutcome.Resolved));

        Assert.Equal("NotFound", (await ratings.RateAsync(neighbour, filed.Id, null, new RatingScores(5, 5, 5, 5, null))).ErrorCode);
        Assert.Equal("Rating.TechnicianMayNotRate", (await ratings.RateAsync(await factory.UserAsync(DemoData.TechnicianEmail), filed.Id, null, new RatingScores(5, 5, 5, 5, null))).ErrorCode);
        Assert.Equal("Rating.ScoreOutOfRange", (await ratings.RateAsync(resident, filed.Id, null, new RatingScores(6, 5, 5, 5, null))).ErrorCode);
        Assert.Equal("Rating.ScoreOutOfRange", (await ratings.RateAsync(resident, filed.Id, null, new RatingScores(5, 0, 5, 5, null))).ErrorCode);
        Assert.Equal("Rating.CommentTooLong", (await ratings.RateAsync(resident, filed.Id, null, new RatingScores(5, 5, 5, 5, new string('x', 501)))).ErrorCode);
        Assert.Equal("Request.ChangedMeanwhile", (await ratings.RateAsync(resident, filed.Id, Guid.NewGuid(), new RatingScores(5, 5, 5, 5, null))).ErrorCode);

        // After the window it is too late.
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE ServiceRequests SET RatingOpenUntil = {0} WHERE Id = {1}", DateTimeOffset.UtcNow.AddDays(-1).UtcTicks, filed.Id);
        }

        Assert.Equal("Rating.WindowClosed", (await ratings.RateAsync(resident, filed.Id, null, new RatingScores(5, 5, 5, 5, null))).ErrorCode);
        Assert.True(await factory.Get<FollowUpHousekeeping>().CloseExpiredAsync() >= 1);
        Assert.Equal(RequestStatus.Closed, (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!.Summary.Status);
    }

    [Fact]
    public async Task The_desk_records_a_rating_given_on_the_phone_as_staff_recorded_and_a_low_one_opens_recovery()
    {
        var filed = await factory.CompletedRepairAsync();
        await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached, FollowUpOutcome.PartlyResolvedAccepted, "Still a little noise, acceptable"));
        var desk = await factory.UserAsync(DemoData.DeskEmail);

        var rated = await factory.Get<RatingService>().RateAsync(desk, filed.Id, null, new RatingScores(2, 2, 3, 2, "Took three days"));
        Assert.True(rated.Succeeded, rated.ErrorCode);

        var supervisor = await factory.UserAsync(DemoData.SupervisorEmail);
        var detail = (await factory.Get<RequestQueries>().GetAsync(supervisor, filed.Id))!;
        Assert.Equal(RatingSource.StaffRecorded, detail.Rating!.Source);
        Assert.Equal(FollowUpOutcome.PartlyResolvedAccepted, detail.FollowUpOutcome);
        Assert.Equal(RecoveryStatus.Open, detail.Recovery!.Status);
        Assert.Equal(TimeSpan.FromHours(24), detail.Recovery.DueAt - detail.Recovery.OpenedAt);
        Assert.Contains(await factory.Get<BoardQueries>().OpenRecoveriesAsync(supervisor), r => r.Id == filed.Id);

        Assert.Equal("NotFound", (await factory.Get<RatingService>().ResolveRecoveryAsync(desk, filed.Id, detail.ConcurrencyStamp, "Called back")).ErrorCode);
        Assert.True((await factory.Get<RatingService>().ResolveRecoveryAsync(supervisor, filed.Id, detail.ConcurrencyStamp, "Apologised; checked the unit again")).Succeeded);
        Assert.DoesNotContain(await factory.Get<BoardQueries>().OpenRecoveriesAsync(supervisor), r => r.Id == filed.Id);
    }

    [Fact]
    public async Task Not_resolved_reopens_as_rework_with_raised_priority_back_on_the_board()
    {
        var filed = await factory.CompletedRepairAsync();
        var called = await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached, FollowUpOutcome.NotResolved, "Still leaking"));
        Assert.Equal(RequestStatus.Reopened, called.Value);

        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var card = Assert.Single(await factory.Get<BoardQueries>().CardsAsync(desk, new BoardFilter(Search: filed.Number)));
        Assert.Equal(Priority.High, card.Priority);
        await factory.DispatchToAsync(filed.Id);

        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var orders = await db.Set<WorkOrder>().Where(w => w.ServiceRequestId == filed.Id).OrderBy(w => w.Sequence).ToListAsync();
        Assert.True(orders[0].CausedRework);
        Assert.True(orders[1].IsRework);
        Assert.Equal(orders[0].Sequence, orders[1].ReworkOfSequence);
    }

    [Fact]
    public async Task Three_unanswered_calls_send_the_invitation_to_the_portal_and_count_as_not_reached()
    {
        var filed = await factory.CompletedRepairAsync();
        Assert.True((await factory.CallAsync(filed.Id, new CallLog(CallResult.NoAnswer))).Succeeded);
        Assert.True((await factory.CallAsync(filed.Id, new CallLog(CallResult.CallBackLater, CallBackAt: DateTimeOffset.UtcNow.AddHours(2)))).Succeeded);
        Assert.True((await factory.CallAsync(filed.Id, new CallLog(CallResult.WrongNumber))).Succeeded);
        var third = await factory.CallAsync(filed.Id, new CallLog(CallResult.NoAnswer));

        Assert.Equal(RequestStatus.FollowedUp, third.Value);
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var detail = (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!;
        Assert.Equal(FollowUpOutcome.NotReached, detail.FollowUpOutcome);
        Assert.True(detail.CanRate);
        Assert.DoesNotContain(await factory.Get<FollowUpQueue>().ListAsync(await factory.UserAsync(DemoData.DeskEmail)), i => i.RequestId == filed.Id);
    }

    [Fact]
    public async Task Forged_calls_from_a_resident_or_a_technician_are_refused_and_ids_are_not_revealed()
    {
        var filed = await factory.CompletedRepairAsync();
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var technician = await factory.UserAsync(DemoData.TechnicianEmail);
        var stamp = await factory.StampAsync(resident, filed.Id);
        foreach (var caller in new[] { resident, technician })
        {
            Assert.Equal("NotFound", (await factory.Get<FollowUpCalls>().LogAsync(caller, filed.Id, stamp, new CallLog(CallResult.Reached, FollowUpOutcome.Resolved))).ErrorCode);
            Assert.Equal("NotFound", (await factory.Get<RatingService>().ResolveRecoveryAsync(caller, filed.Id, stamp, "done")).ErrorCode);
            Assert.Empty(await factory.Get<FollowUpQueue>().ListAsync(caller));
        }

        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        for (var id = 1; id <= filed.Id; id++)
        {
            Assert.Equal("NotFound", (await factory.Get<RatingService>().RateAsync(neighbour, id, null, new RatingScores(5, 5, 5, 5, null))).ErrorCode);
        }

        Assert.Equal(RequestStatus.Completed, (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!.Summary.Status);
    }

    [Fact]
    public async Task A_reached_call_needs_its_outcome()
    {
        var filed = await factory.CompletedRepairAsync();
        Assert.Equal("FollowUp.OutcomeRequired", (await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached))).ErrorCode);
    }
}

public sealed class CallingHoursTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Outside_calling_hours_a_call_is_refused_with_the_next_allowed_time_unless_a_reason_is_given()
    {
        await factory.SetCallingHoursAsync(openNow: false);
        var filed = await factory.CompletedRepairAsync();
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var item = Assert.Single(await factory.Get<FollowUpQueue>().ListAsync(desk), i => i.RequestId == filed.Id);
        Assert.False(item.CallableNow);
        Assert.True(item.NextAllowedAt > DateTimeOffset.UtcNow);

        var refused = await factory.CallAsync(filed.Id, new CallLog(CallResult.NoAnswer));
        Assert.Equal("FollowUp.OutsideCallingHours", refused.ErrorCode);
        Assert.IsType<DateTimeOffset>(refused.Args[0]);

        var agreed = await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached, FollowUpOutcome.Resolved, OutOfHours: OutOfHoursReason.AgreedWithResident));
        Assert.True(agreed.Succeeded, agreed.ErrorCode);
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var attempt = await db.Set<FollowUpAttempt>().Where(a => a.ServiceRequestId == filed.Id).SingleAsync();
        Assert.Equal(OutOfHoursReason.AgreedWithResident, attempt.OutOfHoursReason);
    }
}

public sealed class EstateRulesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_supervisor_sets_the_estates_rules_and_bad_ones_are_refused()
    {
        var supervisor = await factory.UserAsync(DemoData.SupervisorEmail);
        var settings = factory.Get<Portal.Infrastructure.Estates.EstateSettings>();
        var rules = Assert.Single(await settings.ListAsync(supervisor));
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(21, 0), 48, 3, 7), (rules.CallingFrom, rules.CallingTo, rules.DueHours, rules.MaxFailedAttempts, rules.RatingWindowDays));

        Assert.True((await settings.SaveAsync(supervisor, rules with { CallingFrom = new TimeOnly(10, 0), DueHours = 24 })).Succeeded);
        Assert.Equal(24, Assert.Single(await settings.ListAsync(supervisor)).DueHours);
        Assert.Equal("CallingHours.Invalid", (await settings.SaveAsync(supervisor, rules with { CallingFrom = new TimeOnly(22, 0) })).ErrorCode);
        Assert.Equal("Estate.FollowUpRulesOutOfRange", (await settings.SaveAsync(supervisor, rules with { MaxFailedAttempts = 0 })).ErrorCode);
        Assert.Equal("NotFound", (await settings.SaveAsync(await factory.UserAsync(DemoData.DeskEmail), rules)).ErrorCode);
        Assert.Equal("NotFound", (await settings.SaveAsync(supervisor, rules with { EstateId = 999 })).ErrorCode);
    }
}
