using System.Collections.Concurrent;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Complaints;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.WorkOrders;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The promises kept by the clock (投诉预警 and 升级), over the real database with a clock the test
/// moves: a warning at three quarters of the time, the supervisor at the deadline, the manager half
/// the time again later, nothing while the ball is with the resident, and opening hours and holidays
/// counted the way the estate set them. The watch's own loop is stopped; the test runs each check.
/// </summary>
public sealed class EscalationTests(FakeClockPortalFactory factory) : IClassFixture<FakeClockPortalFactory>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private Task<CurrentUser> User(string email) => factory.UserAsync(email);

    private async Task<RequestDetail> DetailAsync(int id) =>
        (await factory.Get<RequestQueries>().GetAsync(await User(DemoData.SupervisorEmail), id))!;

    private async Task<IReadOnlyList<ComplaintRow>> EscalationsOfAsync(string email) =>
        await factory.Get<EscalationQueries>().ListAsync(await User(email));

    private async Task<BoardCard> CardAsync(string number) =>
        Assert.Single(await factory.Get<BoardQueries>().CardsAsync(await User(DemoData.DeskEmail), new BoardFilter(Search: number)));

    private static int Count(RequestDetail detail, TimelineEvent @event) => detail.Timeline.Count(t => t.Event == @event);

    [Fact]
    public async Task An_unanswered_complaint_is_warned_at_three_quarters_then_escalated_to_the_supervisor_then_to_the_manager_and_no_further()
    {
        var watch = factory.Watch;
        var changes = new ConcurrentQueue<RequestChanged>();
        using var subscription = factory.Get<IRequestFeed>().Subscribe(c =>
        {
            changes.Enqueue(c);
            return Task.CompletedTask;
        });
        // A normal complaint's 4 hours count in the desk's opening hours (08:00–20:00): start inside
        // them, whatever the time of day the test runs at, so that clock hours are counted hours.
        factory.AdvanceToLocal(DayOfWeek.Thursday, new TimeOnly(9, 0));
        var filed = await factory.PhoneComplaintAsync();
        var registered = factory.Now;
        Assert.Equal(registered + TimeSpan.FromHours(4), (await DetailAsync(filed.Id)).Deadlines!.RespondBy);

        // Just before 75 % of the butler's 4 hours: nothing.
        factory.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        await watch.CheckAsync();
        var quiet = await DetailAsync(filed.Id);
        Assert.Equal([TimelineEvent.Submitted, TimelineEvent.Accepted, TimelineEvent.Routed], quiet.Timeline.Select(t => t.Event));
        Assert.False(quiet.Deadlines!.Warned);
        Assert.False((await CardAsync(filed.Number)).Warned);

        // At 75 %: one warning, however often the watch looks.
        factory.Advance(TimeSpan.FromMinutes(1));
        await watch.CheckAsync();
        await watch.CheckAsync();
        var warned = await DetailAsync(filed.Id);
        Assert.Equal(1, Count(warned, TimelineEvent.DeadlineWarning));
        var warning = warned.Timeline[^1];
        Assert.Equal((TimelineEvent.DeadlineWarning, ActorRole.System, nameof(DeadlineKind.Response), factory.Now), (warning.Event, warning.ActorRole, warning.Note, warning.At));
        Assert.Equal(RequestStatus.Accepted, warned.Summary.Status);
        Assert.Equal(EscalationLevel.None, warned.Deadlines!.Escalation);
        var card = await CardAsync(filed.Number);
        Assert.Equal((true, EscalationLevel.None), (card.Warned, card.Escalation));
        Assert.True(Assert.Single(await factory.Get<ComplaintDesk>().MineAsync(await User(DemoData.ButlerEmail)), r => r.Id == filed.Id).Warned);
        Assert.DoesNotContain(await EscalationsOfAsync(DemoData.SupervisorEmail), r => r.Id == filed.Id);
        await HubListener.WaitForAsync(changes, c => c.RequestId == filed.Id && c.Event == TimelineEvent.DeadlineWarning);

        // At the deadline: the supervisor's, not the desk's, and not yet the manager's.
        factory.Advance(TimeSpan.FromHours(1));
        await watch.CheckAsync();
        await watch.CheckAsync();
        var escalated = await DetailAsync(filed.Id);
        Assert.Equal(1, Count(escalated, TimelineEvent.Escalated));
        Assert.Equal((EscalationLevel.Supervisor, (DateTimeOffset?)factory.Now), (escalated.Deadlines!.Escalation, escalated.Deadlines.EscalatedAt));
        Assert.Equal((ActorRole.System, "Supervisor: Response deadline missed"), (escalated.Timeline[^1].ActorRole, escalated.Timeline[^1].Note));
        Assert.Equal(EscalationLevel.Supervisor, Assert.Single(await EscalationsOfAsync(DemoData.SupervisorEmail), r => r.Id == filed.Id).Escalation);
        Assert.Contains(await EscalationsOfAsync(DemoData.AdminEmail), r => r.Id == filed.Id);
        Assert.DoesNotContain(await EscalationsOfAsync(DemoData.ManagerEmail), r => r.Id == filed.Id);
        Assert.Empty(await EscalationsOfAsync(DemoData.DeskEmail));
        Assert.Empty(await EscalationsOfAsync(DemoData.ButlerEmail));
        Assert.Equal(EscalationLevel.Supervisor, (await CardAsync(filed.Number)).Escalation);
        Assert.True((await CardAsync(filed.Number)).ResponseOverdue(factory.Now.AddMinutes(1)));
        await HubListener.WaitForAsync(changes, c => c.RequestId == filed.Id && c.Event == TimelineEvent.Escalated);

        // Half the time again: the manager's.
        factory.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        await watch.CheckAsync();
        Assert.Equal(EscalationLevel.Supervisor, (await DetailAsync(filed.Id)).Deadlines!.Escalation);
        factory.Advance(TimeSpan.FromMinutes(1));
        await watch.CheckAsync();
        var top = await DetailAsync(filed.Id);
        Assert.Equal(EscalationLevel.Manager, top.Deadlines!.Escalation);
        Assert.Equal("Manager: Response deadline missed", top.Timeline[^1].Note);
        Assert.Equal(EscalationLevel.Manager, Assert.Single(await EscalationsOfAsync(DemoData.ManagerEmail), r => r.Id == filed.Id).Escalation);
        Assert.Contains(await EscalationsOfAsync(DemoData.SupervisorEmail), r => r.Id == filed.Id);

        // Nothing goes past the manager, however late it gets.
        factory.Advance(TimeSpan.FromDays(3));
        await watch.CheckAsync();
        await watch.CheckAsync();
        var late = await DetailAsync(filed.Id);
        Assert.Equal((2, 1, EscalationLevel.Manager), (Count(late, TimelineEvent.Escalated), Count(late, TimelineEvent.DeadlineWarning), late.Deadlines!.Escalation));

        // Once the butler answers, it leaves the escalation lists.
        var butler = await User(DemoData.ButlerEmail);
        var answered = await factory.Get<ComplaintDesk>().AnswerAsync(butler, filed.Id, await factory.StampAsync(butler, filed.Id), "Apologised; the rubbish is gone and the rota changed");
        Assert.True(answered.Succeeded, answered.ErrorCode);
        Assert.DoesNotContain(await EscalationsOfAsync(DemoData.SupervisorEmail), r => r.Id == filed.Id);
        Assert.DoesNotContain(await EscalationsOfAsync(DemoData.ManagerEmail), r => r.Id == filed.Id);
    }

    [Fact]
    public async Task A_repair_on_hold_for_no_access_never_warns_and_its_deadline_moves_by_the_pause()
    {
        var watch = factory.Watch;
        var resident = await User(DemoData.ResidentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var tech = await User(DemoData.TechnicianEmail);
        var jobs = factory.Get<TechnicianJobs>();
        Assert.True((await jobs.StartAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp)).Succeeded);
        var paused = await jobs.PauseAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp, HoldReason.NoAccess, "Nobody home");
        Assert.True(paused.Succeeded, paused.ErrorCode);
        var dueBefore = (await DetailAsync(filed.Id)).DueAt;
        var pausedAt = factory.Now;
        IDeadlineSchedule schedule;
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            schedule = await DeadlineSchedules.ForEstateAsync(db, await factory.DemoEstateIdAsync(), CancellationToken.None);
        }

        // Far past 75 % of the window, and past the deadline itself: the clock stands, nothing happens.
        factory.Advance(TimeSpan.FromHours(60));
        await watch.CheckAsync();
        factory.Advance(TimeSpan.FromHours(30));
        await watch.CheckAsync();
        var waiting = await DetailAsync(filed.Id);
        Assert.Equal(0, Count(waiting, TimelineEvent.DeadlineWarning) + Count(waiting, TimelineEvent.Escalated));
        Assert.True(waiting.Deadlines!.Paused);
        var card = await CardAsync(filed.Number);
        Assert.Equal((true, false, EscalationLevel.None), (card.Paused, card.Warned, card.Escalation));
        Assert.DoesNotContain(await EscalationsOfAsync(DemoData.SupervisorEmail), r => r.Id == filed.Id);

        // Back at work: the deadline is later by the pause, so still nothing is due.
        var resumed = await jobs.ResumeAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp);
        Assert.True(resumed.Succeeded, resumed.ErrorCode);
        await watch.CheckAsync();
        var running = await DetailAsync(filed.Id);
        // Moved later by the pause as the rule counts it (opening hours for a normal repair).
        Assert.Equal(schedule.For(RequestType.Repair, Priority.Normal).Shift(dueBefore, pausedAt, factory.Now), running.DueAt);
        Assert.True(running.DueAt > dueBefore);
        Assert.False(running.Deadlines!.Paused);
        Assert.Equal(0, Count(running, TimelineEvent.DeadlineWarning));
        Assert.Equal([ClockEffect.Paused, ClockEffect.Resumed], running.Timeline.Where(t => t.Clock is not null).Select(t => t.Clock!.Value));
    }

    [Fact]
    public async Task The_desk_escalates_by_hand_only_with_a_reason_and_the_supervisor_hears_of_it_live()
    {
        var watch = factory.Watch;

        // Round the clock for this test, so that hours advanced on the fake clock are hours counted.
        var settings = factory.Get<DeadlineSettings>();
        var supervisor = await User(DemoData.SupervisorEmail);
        var estate = await factory.DemoEstateIdAsync();
        var normal = Assert.Single(Assert.Single(await settings.ListAsync(supervisor), e => e.EstateId == estate).Rules, r => r.Type == RequestType.Complaint && r.Priority == Priority.Normal);
        Assert.True((await settings.SaveRuleAsync(supervisor, estate, normal with { Counting = DeadlineCounting.CalendarHours })).Succeeded);
        try
        {
            await EscalateByHandAsync(watch);
        }
        finally
        {
            await settings.SaveRuleAsync(supervisor, estate, normal);
        }
    }

    private async Task EscalateByHandAsync(DeadlineWatch watch)
    {
        var filed = await factory.PhoneComplaintAsync();
        var desk = await User(DemoData.DeskEmail);
        var complaints = factory.Get<ComplaintDesk>();

        var refused = await complaints.EscalateAsync(desk, filed.Id, await factory.StampAsync(desk, filed.Id), "   ");
        Assert.Equal("Request.ReasonRequired", refused.ErrorCode);
        Assert.Equal(EscalationLevel.None, (await DetailAsync(filed.Id)).Deadlines!.Escalation);
        var resident = await User(DemoData.ResidentEmail);
        Assert.Equal("NotFound", (await complaints.EscalateAsync(resident, filed.Id, await factory.StampAsync(resident, filed.Id), "I want the manager")).ErrorCode);

        await using (var supervisorHub = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.SupervisorEmail)))
        {
            var done = await complaints.EscalateAsync(desk, filed.Id, await factory.StampAsync(desk, filed.Id), "The resident says she will go to the newspaper");
            Assert.True(done.Succeeded, done.ErrorCode);
            Assert.Equal(RequestStatus.Accepted, done.Value);
            var heard = await HubListener.WaitForAsync(supervisorHub.Board, c => c.RequestId == filed.Id && c.Event == TimelineEvent.Escalated);
            Assert.Equal(RequestStatus.Accepted, heard.Status);
        }

        var detail = await DetailAsync(filed.Id);
        var entry = detail.Timeline[^1];
        Assert.Equal((TimelineEvent.Escalated, ActorRole.FrontDesk, "Supervisor: The resident says she will go to the newspaper"), (entry.Event, entry.ActorRole, entry.Note));
        Assert.Equal(EscalationLevel.Supervisor, detail.Deadlines!.Escalation);
        Assert.Equal((await User(DemoData.ButlerEmail)).UserId, detail.Feedback!.OwnerId); // the butler still owns it
        Assert.Contains(await EscalationsOfAsync(DemoData.SupervisorEmail), r => r.Id == filed.Id);
        Assert.DoesNotContain(await EscalationsOfAsync(DemoData.ManagerEmail), r => r.Id == filed.Id);

        // Already with the supervisor, the deadline itself adds nothing; half the time again brings in the manager.
        factory.Advance(TimeSpan.FromHours(4));
        await watch.CheckAsync();
        Assert.Equal(1, Count(await DetailAsync(filed.Id), TimelineEvent.Escalated));
        factory.Advance(TimeSpan.FromHours(2));
        await watch.CheckAsync();
        Assert.Equal(EscalationLevel.Manager, (await DetailAsync(filed.Id)).Deadlines!.Escalation);
        Assert.Contains(await EscalationsOfAsync(DemoData.ManagerEmail), r => r.Id == filed.Id);

        Assert.Equal("Escalation.AtTop", (await complaints.EscalateAsync(desk, filed.Id, await factory.StampAsync(desk, filed.Id), "Still unhappy")).ErrorCode);
    }

    [Fact]
    public async Task Opening_hours_and_a_holiday_set_by_the_supervisor_move_the_promise_of_the_next_question()
    {
        var watch = factory.Watch;
        var supervisor = await User(DemoData.SupervisorEmail);
        var resident = await User(DemoData.ResidentEmail);
        var settings = factory.Get<DeadlineSettings>();
        var estate = await factory.DemoEstateIdAsync();
        var monday = factory.AdvanceToLocal(DayOfWeek.Monday, new TimeOnly(16, 0));
        var tuesday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(monday, Shanghai).DateTime).AddDays(1);

        // The default: the desk is open 08:00–20:00 every day and answers a question within 2 open hours.
        var rows = Assert.Single(await settings.ListAsync(supervisor), e => e.EstateId == estate);
        var inquiry = Assert.Single(rows.Rules, r => r.Type == RequestType.Inquiry && r.Priority == Priority.Normal);
        Assert.Equal((120, DeadlineCounting.BusinessHours, true), (inquiry.RespondMinutes, inquiry.Counting, inquiry.IsDefault));
        var first = await AskAsync(resident);
        Assert.Equal(Local(monday, 18, 0), (await DetailAsync(first.Id)).Deadlines!.RespondBy);

        // Weekdays 09:00–17:00, Tuesday off, 3 hours to answer and 16 to resolve.
        Assert.True((await settings.SaveBusinessHoursAsync(supervisor, estate, "Mon-Fri 09:00-17:00")).Succeeded);
        Assert.True((await settings.AddHolidayAsync(supervisor, estate, tuesday, "Estate anniversary")).Succeeded);
        Assert.True((await settings.SaveRuleAsync(supervisor, estate, inquiry with { RespondMinutes = 180, ResolveMinutes = 960 })).Succeeded);
        var changed = Assert.Single(await settings.ListAsync(supervisor), e => e.EstateId == estate);
        Assert.Equal("Mon-Fri 09:00-17:00", changed.BusinessHours);
        Assert.Equal(tuesday, Assert.Single(changed.Holidays).Date);
        Assert.False(Assert.Single(changed.Rules, r => r.Type == RequestType.Inquiry && r.Priority == Priority.Normal).IsDefault);

        // The next question at the same minute: one hour today, nothing on the holiday, two on Wednesday.
        var second = await AskAsync(resident);
        var promise = await DetailAsync(second.Id);
        var wednesday = monday.AddDays(2);
        Assert.Equal(Local(wednesday, 11, 0), promise.Deadlines!.RespondBy);
        Assert.Equal(Local(monday.AddDays(3), 16, 0), promise.DueAt); // 1 + 8 + 7 open hours
        Assert.Equal(new DateTime(wednesday.Year, wednesday.Month, wednesday.Day, 11, 0, 0), second.AcknowledgeByLocal);
        Assert.Equal(Local(monday, 18, 0), (await DetailAsync(first.Id)).Deadlines!.RespondBy); // a promise made keeps its time

        // The watch counts the same open hours: a whole closed evening and holiday use up none of them.
        factory.Time.SetUtcNow(Local(monday.AddDays(1), 23, 0));
        await watch.CheckAsync();
        Assert.Equal(0, Count(await DetailAsync(second.Id), TimelineEvent.DeadlineWarning));
        factory.Time.SetUtcNow(Local(wednesday, 10, 15)); // 2¼ of 3 hours
        await watch.CheckAsync();
        Assert.Equal(1, Count(await DetailAsync(second.Id), TimelineEvent.DeadlineWarning));
        factory.Time.SetUtcNow(Local(wednesday, 11, 0));
        await watch.CheckAsync();
        Assert.Equal(EscalationLevel.Supervisor, (await DetailAsync(second.Id)).Deadlines!.Escalation);

        // Only those who keep the estate's rules may change them, and only sensible ones.
        Assert.Equal("NotFound", (await settings.SaveRuleAsync(await User(DemoData.DeskEmail), estate, inquiry)).ErrorCode);
        Assert.Equal("NotFound", (await settings.AddHolidayAsync(await User(DemoData.ButlerEmail), estate, tuesday.AddDays(7), null)).ErrorCode);
        Assert.Equal("NotFound", (await settings.SaveRuleAsync(supervisor, (await factory.OtherEstateAsync()).EstateId, inquiry)).ErrorCode);
        Assert.Equal("Deadline.HolidayExists", (await settings.AddHolidayAsync(supervisor, estate, tuesday, null)).ErrorCode);
        Assert.Equal("Deadline.RuleOutOfRange", (await settings.SaveRuleAsync(supervisor, estate, inquiry with { RespondMinutes = 1 })).ErrorCode);
        Assert.Empty(await settings.ListAsync(await User(DemoData.DeskEmail)));

        // Put the estate back for the other tests of this class.
        Assert.True((await settings.SaveBusinessHoursAsync(supervisor, estate, BusinessHours.Default.Format())).Succeeded);
        Assert.True((await settings.RemoveHolidayAsync(supervisor, estate, tuesday)).Succeeded);
        Assert.True((await settings.SaveRuleAsync(supervisor, estate, inquiry)).Succeeded);
    }

    private async Task<FiledRequest> AskAsync(CurrentUser resident)
    {
        var draft = await factory.FeedbackDraftAsync(resident, RequestType.Inquiry, Channel.Portal);
        draft.Description = "Can I book the community room for Saturday?";
        var (outcome, errors) = await factory.Get<RegisterRequest>().RegisterAsync(resident, draft);
        Assert.Empty(errors);
        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        return outcome.Value!;
    }

    /// <summary>The instant of <paramref name="hour"/>:<paramref name="minute"/> in Shanghai on the local day of <paramref name="day"/>.</summary>
    private static DateTimeOffset Local(DateTimeOffset day, int hour, int minute)
    {
        var date = TimeZoneInfo.ConvertTime(day, Shanghai).Date;
        var local = date.AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
    }
}
