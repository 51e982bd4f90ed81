using Portal.Domain.Common;
using Portal.Domain.FollowUps;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

public sealed class WorkOrderLifeCycleTests
{
    private static DateTimeOffset Later(ServiceRequest request, int minutes = 30) => request.LastChangedAt.AddMinutes(minutes);

    [Fact]
    public void Dispatch_opens_the_first_work_order_for_the_technician()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();
        var at = Later(request);

        request.Dispatch(Actors.Desk, at, Actors.TechnicianAssignee, "Bring a 16 mm washer");

        var order = Assert.Single(request.WorkOrders);
        Assert.Same(order, request.ActiveWorkOrder);
        Assert.Equal(1, order.Sequence);
        Assert.Equal(Actors.Technician.UserId, order.TechnicianId);
        Assert.Equal(Actors.Technician.DisplayName, order.AssigneeName);
        Assert.False(order.IsTeam);
        Assert.False(order.IsRework);
        Assert.Equal(WorkOrderStatus.Assigned, order.Status);
        Assert.Equal(at, order.AssignedAt);
        Assert.True(order.IsActive);
        Assert.True(order.IsFor(Actors.Technician.UserId));
        Assert.False(order.IsFor(Actors.OtherTechnician.UserId));
        Assert.Null(order.AcceptedAt);
        Assert.Null(order.FinishedAt);
        Assert.Null(order.Quote);
        Assert.Empty(order.Materials);
        Assert.Equal(Actors.Technician.UserId, request.AssigneeId);
        Assert.Equal(Actors.Technician.DisplayName, request.AssigneeName);
        Assert.Equal("Chen Gang: Bring a 16 mm washer", request.Timeline[^1].Note);
    }

    [Fact]
    public void The_technician_takes_the_order_from_accepting_to_completing_on_his_phone()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var order = request.ActiveWorkOrder!;
        var t = request.LastChangedAt;

        request.AcceptWork(Actors.Technician, t.AddMinutes(5));
        Assert.Equal(WorkOrderStatus.Accepted, order.Status);
        Assert.Equal(RequestStatus.Dispatched, request.Status);

        request.SetOff(Actors.Technician, t.AddMinutes(20));
        Assert.Equal(WorkOrderStatus.OnTheWay, order.Status);
        Assert.Equal(RequestStatus.Dispatched, request.Status);

        request.Start(Actors.Technician, t.AddMinutes(45));
        Assert.Equal(WorkOrderStatus.InProgress, order.Status);
        Assert.Equal(RequestStatus.InProgress, request.Status);

        request.PutOnHold(HoldReason.AwaitingParts, Actors.Technician, t.AddMinutes(60), "Cartridge ordered");
        Assert.Equal(WorkOrderStatus.Paused, order.Status);
        Assert.Equal(HoldReason.AwaitingParts, order.PauseReason);
        Assert.Equal(RequestStatus.InProgress, request.StatusBeforeHold);

        request.Resume(Actors.Technician, t.AddDays(1));
        Assert.Equal(WorkOrderStatus.InProgress, order.Status);
        Assert.Null(order.PauseReason);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.StatusBeforeHold);

        request.Complete(Actors.Technician, t.AddDays(1).AddMinutes(40), ServiceRequestBuilder.Report());

        Assert.Equal(WorkOrderStatus.Completed, order.Status);
        Assert.False(order.IsActive);
        Assert.Null(request.ActiveWorkOrder);
        Assert.Equal(t.AddMinutes(5), order.AcceptedAt);
        Assert.Equal(t.AddMinutes(20), order.SetOffAt);
        Assert.Equal(t.AddMinutes(45), order.StartedAt);
        Assert.Equal(t.AddDays(1).AddMinutes(40), order.FinishedAt);
        Assert.Equal(t.AddDays(1).AddMinutes(40), request.CompletedAt);
        Assert.Equal(
            new[]
            {
                TimelineEvent.WorkAccepted, TimelineEvent.OnTheWay, TimelineEvent.Started, TimelineEvent.PutOnHold,
                TimelineEvent.Resumed, TimelineEvent.Completed,
            },
            request.Timeline.TakeLast(6).Select(e => e.Event));
        Assert.All(request.Timeline.TakeLast(6), e => Assert.Equal(Actors.Technician.UserId, e.ActorId));
    }

    [Fact]
    public void Starting_an_order_nobody_accepted_accepts_it_at_the_same_time()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var at = Later(request);

        request.Start(Actors.Technician, at);

        Assert.Equal(WorkOrderStatus.InProgress, request.ActiveWorkOrder!.Status);
        Assert.Equal(at, request.ActiveWorkOrder.AcceptedAt);
        Assert.Equal(at, request.ActiveWorkOrder.StartedAt);
        Assert.Null(request.ActiveWorkOrder.SetOffAt);
    }

    [Fact]
    public void Completing_records_notes_time_materials_and_after_photos()
    {
        var request = new ServiceRequestBuilder().WithPhotos(2).InStatus(RequestStatus.InProgress).Build();
        var order = request.ActiveWorkOrder!;
        var after = new[] { ServiceRequestBuilder.Photo(7, PhotoStage.After), ServiceRequestBuilder.Photo(8, PhotoStage.After) };
        var materials = new[] { new MaterialLine("Mixer tap cartridge", 1, "pc"), new MaterialLine("PTFE tape", 0.5m, "m") };
        var report = new CompletionReport("  Replaced the cartridge; no more dripping  ", 50, materials, after);
        var at = Later(request);

        request.Complete(Actors.Technician, at, report);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal("Replaced the cartridge; no more dripping", order.CompletionNotes);
        Assert.Equal(50, order.MinutesSpent);
        Assert.Equal(materials, order.Materials);
        Assert.Equal(4, request.Photos.Count);
        Assert.Equal(after.Select(p => p.Id), request.Photos.Where(p => p.Stage == PhotoStage.After).Select(p => p.Id));
        Assert.Equal("Replaced the cartridge; no more dripping", request.Timeline[^1].Note);
        Assert.Equal(Actors.Technician.DisplayName, request.AssigneeName);
        Assert.Throws<NotSupportedException>(() => ((ICollection<MaterialLine>)order.Materials).Clear());
    }

    [Fact]
    public void A_photo_cannot_be_attached_twice()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var photo = ServiceRequestBuilder.Photo(7, PhotoStage.After);
        var report = new CompletionReport("Done", 10, afterPhotos: [photo]);
        request.Complete(Actors.Technician, Later(request), report);
        request.Reopen(Actors.Desk, Later(request), "Leaking again");
        request.Dispatch(Actors.Desk, Later(request), Actors.TechnicianAssignee, null);
        request.Start(Actors.Technician, Later(request));

        Assert.Throws<ArgumentException>(() => request.Complete(Actors.Technician, Later(request), report));
        Assert.Equal(RequestStatus.InProgress, request.Status);
    }

    [Fact]
    public void Reassigning_ends_the_current_order_and_opens_the_next()
    {
        var request = new ServiceRequestBuilder().WithWorkOrderAt(WorkOrderStatus.OnTheWay).InStatus(RequestStatus.Dispatched).Build();
        var first = request.ActiveWorkOrder!;
        var dispatchedAt = request.DispatchedAt;
        var at = Later(request);

        request.Dispatch(Actors.Desk, at, Actors.OtherTechnicianAssignee, "Chen Gang is off sick");

        Assert.Equal(WorkOrderStatus.Reassigned, first.Status);
        Assert.Equal(at, first.FinishedAt);
        var second = request.ActiveWorkOrder!;
        Assert.NotSame(first, second);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(WorkOrderStatus.Assigned, second.Status);
        Assert.Equal(Actors.OtherTechnician.UserId, second.TechnicianId);
        Assert.Equal(Actors.OtherTechnician.UserId, request.AssigneeId);
        Assert.Equal("Sun Qiang", request.AssigneeName);
        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Equal(dispatchedAt, request.DispatchedAt);
        Assert.Equal(TimelineEvent.Reassigned, request.Timeline[^1].Event);
        Assert.Equal("Sun Qiang: Chen Gang is off sick", request.Timeline[^1].Note);

        // The first technician's job is gone; the new one takes it.
        Assert.Equal("WorkOrder.NotYours", Assert.Throws<DomainException>(
            () => request.Start(Actors.Technician, Later(request))).Code);
        request.AcceptWork(Actors.OtherTechnician, Later(request));
        Assert.Equal(WorkOrderStatus.Accepted, second.Status);
    }

    [Fact]
    public void A_job_paused_and_reassigned_is_taken_up_by_the_new_technician_when_he_resumes()
    {
        var request = new ServiceRequestBuilder().OnHoldBecause(HoldReason.NoAccess).InStatus(RequestStatus.OnHold).Build();
        var first = request.ActiveWorkOrder!;

        request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, null);

        Assert.Equal(WorkOrderStatus.Reassigned, first.Status);
        Assert.Equal(HoldReason.NoAccess, first.PauseReason);
        Assert.Equal(RequestStatus.OnHold, request.Status);
        Assert.Equal("WorkOrder.NotYours", Assert.Throws<DomainException>(
            () => request.Resume(Actors.Technician, Later(request))).Code);

        var at = Later(request);
        request.Resume(Actors.OtherTechnician, at);

        var second = request.ActiveWorkOrder!;
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(WorkOrderStatus.InProgress, second.Status);
        Assert.Equal(at, second.AcceptedAt);
        Assert.Equal(at, second.StartedAt);
    }

    [Fact]
    public void Reassigning_while_the_technician_is_working_is_refused()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();

        var ex = Assert.Throws<DomainException>(
            () => request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, null));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Single(request.WorkOrders);
        Assert.Equal(WorkOrderStatus.InProgress, request.ActiveWorkOrder!.Status);
    }

    [Fact]
    public void Work_orders_are_numbered_within_the_request_and_only_the_last_is_active()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        request.ReturnToDesk(Actors.Technician, Later(request), "Needs a ladder over 3 m");
        request.Dispatch(Actors.Desk, Later(request), Assignee.Team("Facilities team"), null);
        request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, null);

        Assert.Equal(new[] { 1, 2, 3 }, request.WorkOrders.Select(o => o.Sequence));
        Assert.Equal(
            new[] { WorkOrderStatus.Returned, WorkOrderStatus.Reassigned, WorkOrderStatus.Assigned },
            request.WorkOrders.Select(o => o.Status));
        Assert.Equal("Needs a ladder over 3 m", request.WorkOrders[0].ReturnReason);
        Assert.Same(request.WorkOrders[2], request.ActiveWorkOrder);
        Assert.All(request.WorkOrders, o => Assert.False(o.IsRework));
        Assert.Throws<NotSupportedException>(() => ((ICollection<WorkOrder>)request.WorkOrders).Clear());
    }

    [Fact]
    public void The_order_after_a_not_resolved_follow_up_is_rework()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Reopened).Build();

        request.Dispatch(Actors.Desk, Later(request), Actors.TechnicianAssignee, "Second visit");

        Assert.Equal(2, request.WorkOrders.Count);
        Assert.False(request.WorkOrders[0].IsRework);
        Assert.Equal(WorkOrderStatus.Completed, request.WorkOrders[0].Status);
        Assert.True(request.WorkOrders[1].IsRework);
        Assert.Equal(2, request.WorkOrders[1].Sequence);
    }

    [Fact]
    public void The_order_after_a_reopen_is_rework_and_so_is_one_that_replaces_it()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Rated).Build();
        request.Reopen(Actors.Desk, Later(request), "Resident called: leaking again");

        request.Dispatch(Actors.Desk, Later(request), Actors.TechnicianAssignee, null);
        request.ReturnToDesk(Actors.Technician, Later(request), "Needs a new tap, not a washer");
        request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, null);

        Assert.Equal(new[] { false, true, true }, request.WorkOrders.Select(o => o.IsRework));
    }

    [Fact]
    public void A_team_order_is_taken_by_the_technician_who_accepts_it()
    {
        var request = new ServiceRequestBuilder().DispatchedTo(Assignee.Team("Plumbing team")).InStatus(RequestStatus.Dispatched).Build();
        var order = request.ActiveWorkOrder!;
        Assert.True(order.IsTeam);
        Assert.Null(order.TechnicianId);
        Assert.Null(request.AssigneeId);
        Assert.Equal("Plumbing team", request.AssigneeName);

        request.AcceptWork(Actors.OtherTechnician, Later(request));

        Assert.Equal(WorkOrderStatus.Accepted, order.Status);
        Assert.Equal(Actors.OtherTechnician.UserId, order.TechnicianId);
        Assert.True(order.IsFor(Actors.OtherTechnician.UserId));
        Assert.True(order.IsTeam);
        Assert.Equal(Actors.OtherTechnician.UserId, request.AssigneeId);
        Assert.Equal("Plumbing team", request.AssigneeName);
        Assert.Equal("Plumbing team", request.Timeline[^1].Note);
        Assert.Equal(Actors.OtherTechnician.UserId, request.Timeline[^1].ActorId);

        // Once taken, it is his: a team mate cannot go on with it.
        Assert.Equal("WorkOrder.NotYours", Assert.Throws<DomainException>(
            () => request.SetOff(Actors.Technician, Later(request))).Code);
    }

    [Fact]
    public void A_team_order_started_on_site_is_taken_by_that_technician_but_the_desk_takes_nothing()
    {
        var byTechnician = new ServiceRequestBuilder().DispatchedTo(Assignee.Team("Plumbing team")).InStatus(RequestStatus.Dispatched).Build();
        var byDesk = new ServiceRequestBuilder().DispatchedTo(Assignee.Team("Plumbing team")).InStatus(RequestStatus.Dispatched).Build();

        byTechnician.Start(Actors.Technician, Later(byTechnician));
        byDesk.Start(Actors.Desk, Later(byDesk));

        Assert.Equal(Actors.Technician.UserId, byTechnician.ActiveWorkOrder!.TechnicianId);
        Assert.Equal(Actors.Technician.UserId, byTechnician.AssigneeId);
        Assert.Null(byDesk.ActiveWorkOrder!.TechnicianId);
        Assert.Null(byDesk.AssigneeId);

        byDesk.Complete(Actors.OtherTechnician, Later(byDesk), ServiceRequestBuilder.Report());
        Assert.Equal(Actors.OtherTechnician.UserId, byDesk.WorkOrders[0].TechnicianId);
    }

    public static TheoryData<string> TechnicianSteps() => new("AcceptWork", "SetOff", "Start", "Quote", "Complete", "PutOnHold", "Resume", "ReturnToDesk");

    /// <summary>Each step from a situation where the order's own technician could take it.</summary>
    private static (ServiceRequest Request, Action<Actor> Step) Setup(string step)
    {
        ServiceRequest request;
        Action<Actor> apply;
        switch (step)
        {
            case "AcceptWork":
                request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
                apply = by => request.AcceptWork(by, Later(request));
                break;
            case "SetOff":
                request = new ServiceRequestBuilder().WithWorkOrderAt(WorkOrderStatus.Accepted).InStatus(RequestStatus.Dispatched).Build();
                apply = by => request.SetOff(by, Later(request));
                break;
            case "Start":
                request = new ServiceRequestBuilder().WithWorkOrderAt(WorkOrderStatus.OnTheWay).InStatus(RequestStatus.Dispatched).Build();
                apply = by => request.Start(by, Later(request));
                break;
            case "Quote":
                request = new ServiceRequestBuilder().WithWorkOrderAt(WorkOrderStatus.OnTheWay).InStatus(RequestStatus.Dispatched).Build();
                apply = by => request.Quote(by, Later(request), 120m, "Replace compressor capacitor");
                break;
            case "Complete":
                request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
                apply = by => request.Complete(by, Later(request), ServiceRequestBuilder.Report());
                break;
            case "PutOnHold":
                request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
                apply = by => request.PutOnHold(HoldReason.ResidentAbsent, by, Later(request), null);
                break;
            case "Resume":
                request = new ServiceRequestBuilder().InStatus(RequestStatus.OnHold).Build();
                apply = by => request.Resume(by, Later(request));
                break;
            case "ReturnToDesk":
                request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
                apply = by => request.ReturnToDesk(by, Later(request), "Not my trade");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }

        return (request, apply);
    }

    [Theory]
    [MemberData(nameof(TechnicianSteps))]
    public void Another_technician_cannot_act_on_the_order(string step)
    {
        var (request, apply) = Setup(step);
        var status = request.Status;
        var orderStatus = request.ActiveWorkOrder!.Status;
        var stamp = request.ConcurrencyStamp;
        var entries = request.Timeline.Count;

        var ex = Assert.Throws<DomainException>(() => apply(Actors.OtherTechnician));

        Assert.Equal("WorkOrder.NotYours", ex.Code);
        Assert.Equal(status, request.Status);
        Assert.Equal(orderStatus, request.ActiveWorkOrder!.Status);
        Assert.Equal(Actors.Technician.UserId, request.ActiveWorkOrder.TechnicianId);
        Assert.Equal(stamp, request.ConcurrencyStamp);
        Assert.Equal(entries, request.Timeline.Count);

        // …while the order's own technician can.
        apply(Actors.Technician);
        Assert.Equal(entries + 1, request.Timeline.Count);
    }

    [Theory]
    [MemberData(nameof(TechnicianSteps))]
    public void A_resident_cannot_do_the_technicians_steps(string step)
    {
        var (request, apply) = Setup(step);

        var ex = Assert.Throws<DomainException>(() => apply(Actors.Resident));

        Assert.Equal("Request.StaffOnly", ex.Code);
    }

    [Theory]
    [InlineData("Start")]
    [InlineData("Complete")]
    [InlineData("PutOnHold")]
    [InlineData("Resume")]
    [InlineData("ReturnToDesk")]
    public void The_desk_may_record_a_step_on_the_technicians_behalf(string step)
    {
        var (request, apply) = Setup(step);

        apply(Actors.Desk);

        Assert.Equal(Actors.Desk.UserId, request.Timeline[^1].ActorId);
        Assert.Equal(ActorRole.FrontDesk, request.Timeline[^1].ActorRole);
    }

    [Theory]
    [InlineData("AcceptWork")]
    [InlineData("SetOff")]
    [InlineData("Quote")]
    public void Only_the_technician_himself_accepts_sets_off_and_quotes(string step)
    {
        var (request, apply) = Setup(step);
        var entries = request.Timeline.Count;

        Assert.Equal("WorkOrder.NotYours", Assert.Throws<DomainException>(() => apply(Actors.Desk)).Code);
        Assert.Equal("WorkOrder.NotYours", Assert.Throws<DomainException>(() => apply(Actors.Supervisor)).Code);
        Assert.Equal(entries, request.Timeline.Count);
    }

    [Theory]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.OnHold)]
    [InlineData(RequestStatus.Reopened)]
    public void Cancelling_cancels_the_active_order(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();
        var at = Later(request);

        request.Cancel(Actors.Desk, at, "Resident moved out");

        Assert.Null(request.ActiveWorkOrder);
        Assert.Null(request.StatusBeforeHold);
        if (status != RequestStatus.Reopened)
        {
            Assert.Equal(WorkOrderStatus.Cancelled, request.WorkOrders[^1].Status);
            Assert.Equal(at, request.WorkOrders[^1].FinishedAt);
        }
        else
        {
            Assert.Equal(WorkOrderStatus.Completed, request.WorkOrders[^1].Status);
        }
    }

    [Fact]
    public void A_paid_repair_from_filing_to_closing_leaves_one_entry_and_a_new_stamp_per_step()
    {
        var request = new ServiceRequestBuilder().Build();
        var stamps = new List<Guid> { request.ConcurrencyStamp };
        var t = request.SubmittedAt;
        var steps = new (TimelineEvent Event, Action<DateTimeOffset> Do)[]
        {
            (TimelineEvent.Accepted, at => request.Accept(Actors.Desk, at, Priority.High, "Read back: kitchen tap, 1304", RepairCategory.Plumbing)),
            (TimelineEvent.Dispatched, at => request.Dispatch(Actors.Desk, at, Actors.TechnicianAssignee, null)),
            (TimelineEvent.ButlerInformed, at => request.InformButler(Actors.Desk, at, "Zhou Hua")),
            (TimelineEvent.WorkAccepted, at => request.AcceptWork(Actors.Technician, at)),
            (TimelineEvent.OnTheWay, at => request.SetOff(Actors.Technician, at)),
            (TimelineEvent.Quoted, at => request.Quote(Actors.Technician, at, 120m, "New mixer tap")),
            (TimelineEvent.QuoteApproved, at => request.ApproveQuote(Actors.Resident, at)),
            (TimelineEvent.Started, at => request.Start(Actors.Technician, at)),
            (TimelineEvent.PutOnHold, at => request.PutOnHold(HoldReason.AwaitingParts, Actors.Technician, at, null)),
            (TimelineEvent.Resumed, at => request.Resume(Actors.Technician, at)),
            (TimelineEvent.Completed, at => request.Complete(Actors.Technician, at, ServiceRequestBuilder.Report())),
            (TimelineEvent.CallAttempted, at => request.LogCallAttempt(Actors.Desk, at, CallResult.Reached, ServiceRequestBuilder.Policy)),
            (TimelineEvent.FollowedUp, at => request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, at, "Fine")),
            (TimelineEvent.Rated, at => request.Rate(Actors.Resident, at, ServiceRequestBuilder.GoodRating)),
            (TimelineEvent.Closed, at => request.Close(Actor.System, at, null)),
        };

        foreach (var (expected, step) in steps)
        {
            var count = request.Timeline.Count;
            t = t.AddMinutes(10);

            step(t);

            Assert.Equal(count + 1, request.Timeline.Count);
            Assert.Equal(expected, request.Timeline[^1].Event);
            Assert.Equal(t, request.LastChangedAt);
            Assert.DoesNotContain(request.ConcurrencyStamp, stamps);
            stamps.Add(request.ConcurrencyStamp);
        }

        Assert.Equal(RequestStatus.Closed, request.Status);
        var order = Assert.Single(request.WorkOrders);
        Assert.Equal(WorkOrderStatus.Completed, order.Status);
        Assert.Equal(QuoteDecision.Approved, order.Quote!.Decision);
    }
}

public sealed class QuoteTests
{
    private static DateTimeOffset Later(ServiceRequest request, int minutes = 30) => request.LastChangedAt.AddMinutes(minutes);

    private static ServiceRequest Quoted() =>
        new ServiceRequestBuilder().OnHoldBecause(HoldReason.AwaitingResidentApproval).InStatus(RequestStatus.OnHold).Build();

    [Fact]
    public void A_quote_puts_the_request_on_hold_until_the_resident_decides()
    {
        var request = new ServiceRequestBuilder().WithWorkOrderAt(WorkOrderStatus.OnTheWay).InStatus(RequestStatus.Dispatched).Build();
        var at = Later(request);

        request.Quote(Actors.Technician, at, 120m, "  replace compressor capacitor ");

        Assert.Equal(RequestStatus.OnHold, request.Status);
        Assert.Equal(HoldReason.AwaitingResidentApproval, request.HoldReason);
        Assert.Equal(RequestStatus.Dispatched, request.StatusBeforeHold);
        var order = request.ActiveWorkOrder!;
        Assert.Equal(WorkOrderStatus.OnTheWay, order.Status);
        var quote = order.Quote!;
        Assert.Equal(120m, quote.Amount);
        Assert.Equal("replace compressor capacitor", quote.Description);
        Assert.Equal(at, quote.QuotedAt);
        Assert.True(quote.IsPending);
        Assert.Null(quote.Decision);
        Assert.Null(quote.DecidedAt);
        Assert.Null(quote.DecidedBy);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.Quoted, entry.Event);
        Assert.Equal(RequestStatus.Dispatched, entry.From);
        Assert.Equal(RequestStatus.OnHold, entry.To);
        Assert.Equal("¥120.00 — replace compressor capacitor", entry.Note);
    }

    [Fact]
    public void The_amount_on_the_timeline_does_not_depend_on_the_servers_culture()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            request.Quote(Actors.Technician, Later(request), 1234.5m, "New water heater thermostat");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal("¥1234.50 — New water heater thermostat", request.Timeline[^1].Note);
    }

    [Fact]
    public void Approving_records_the_decision_and_lets_the_work_start()
    {
        var request = Quoted();
        var at = Later(request);

        request.ApproveQuote(Actors.Resident, at);

        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Null(request.HoldReason);
        Assert.Null(request.StatusBeforeHold);
        var quote = request.ActiveWorkOrder!.Quote!;
        Assert.False(quote.IsPending);
        Assert.Equal(QuoteDecision.Approved, quote.Decision);
        Assert.Equal(at, quote.DecidedAt);
        Assert.Equal(Actors.Resident.DisplayName, quote.DecidedBy);
        Assert.Null(quote.DeclineReason);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.QuoteApproved, entry.Event);
        Assert.Equal(ActorRole.Resident, entry.ActorRole);
        Assert.Equal("¥120.00", entry.Note);

        request.Start(Actors.Technician, Later(request));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(WorkOrderStatus.InProgress, request.ActiveWorkOrder!.Status);
        Assert.True(quote.DecidedAt < request.StartedAt);
    }

    [Fact]
    public void The_desk_records_an_approval_given_on_the_phone_and_the_timeline_says_so()
    {
        var request = Quoted();

        request.ApproveQuote(Actors.Desk, Later(request));

        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Equal(Actors.Desk.DisplayName, request.ActiveWorkOrder!.Quote!.DecidedBy);
        Assert.Equal(ActorRole.FrontDesk, request.Timeline[^1].ActorRole);
        Assert.Equal("¥120.00 — recorded by staff", request.Timeline[^1].Note);
    }

    [Fact]
    public void Declining_sends_the_job_back_to_the_desk_with_the_reason()
    {
        var request = Quoted();
        var order = request.ActiveWorkOrder!;
        var at = Later(request);

        request.DeclineQuote(Actors.Resident, at, "  Too expensive, I will buy the part myself ");

        Assert.Equal(RequestStatus.Accepted, request.Status);
        Assert.Null(request.ActiveWorkOrder);
        Assert.Null(request.AssigneeName);
        Assert.Null(request.AssigneeId);
        Assert.Null(request.HoldReason);
        Assert.Null(request.StatusBeforeHold);
        Assert.Null(request.DispatchedAt);
        Assert.Equal(QuoteDecision.Declined, order.Quote!.Decision);
        Assert.Equal(at, order.Quote.DecidedAt);
        Assert.Equal(Actors.Resident.DisplayName, order.Quote.DecidedBy);
        Assert.Equal("Too expensive, I will buy the part myself", order.Quote.DeclineReason);
        Assert.Equal(WorkOrderStatus.Returned, order.Status);
        Assert.Equal("Quote declined: Too expensive, I will buy the part myself", order.ReturnReason);
        Assert.Equal(at, order.FinishedAt);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.QuoteDeclined, entry.Event);
        Assert.Equal(RequestStatus.Accepted, entry.To);
        Assert.Equal("¥120.00: Too expensive, I will buy the part myself", entry.Note);

        // The desk decides what next: another offer, a free repair, or cancelling.
        request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, "Free repair agreed");
        Assert.Equal(2, request.ActiveWorkOrder!.Sequence);
        Assert.False(request.ActiveWorkOrder.IsRework);
    }

    [Fact]
    public void A_decline_without_a_reason_still_says_why_the_order_came_back()
    {
        var request = Quoted();
        var order = request.ActiveWorkOrder!;

        request.DeclineQuote(Actors.Desk, Later(request), reason: " ");

        Assert.Equal("Quote declined", order.ReturnReason);
        Assert.Null(order.Quote!.DeclineReason);
        Assert.Equal("¥120.00 — recorded by staff", request.Timeline[^1].Note);
    }

    [Fact]
    public void Work_does_not_start_while_a_quote_is_pending()
    {
        var request = Quoted();

        Assert.Equal("Quote.Pending", Assert.Throws<DomainException>(() => request.Start(Actors.Technician, Later(request))).Code);
        Assert.Equal("Quote.Pending", Assert.Throws<DomainException>(() => request.Start(Actors.Desk, Later(request))).Code);
        Assert.Equal(RequestStatus.OnHold, request.Status);
        Assert.Null(request.ActiveWorkOrder!.StartedAt);
    }

    [Fact]
    public void A_second_quote_while_one_is_pending_is_refused()
    {
        var request = Quoted();

        var ex = Assert.Throws<DomainException>(() => request.Quote(Actors.Technician, Later(request), 90m, "Cheaper part"));

        Assert.Equal("Quote.Pending", ex.Code);
        Assert.Equal(120m, request.ActiveWorkOrder!.Quote!.Amount);
    }

    [Fact]
    public void The_job_is_not_handed_to_someone_else_while_the_resident_decides()
    {
        var request = Quoted();

        var ex = Assert.Throws<DomainException>(
            () => request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, null));

        Assert.Equal("Quote.Pending", ex.Code);
        Assert.Single(request.WorkOrders);
    }

    [Theory]
    [InlineData(RequestStatus.InProgress, HoldReason.AwaitingParts)]
    [InlineData(RequestStatus.OnHold, HoldReason.AwaitingParts)]
    [InlineData(RequestStatus.OnHold, HoldReason.ResidentAbsent)]
    public void A_quote_after_the_work_started_is_refused(RequestStatus status, HoldReason pausedFor)
    {
        var request = new ServiceRequestBuilder().OnHoldBecause(pausedFor).InStatus(status).Build();

        var ex = Assert.Throws<DomainException>(() => request.Quote(Actors.Technician, Later(request), 120m, "Extra part"));

        Assert.Equal("Quote.AfterStart", ex.Code);
        Assert.Null(request.ActiveWorkOrder!.Quote);
    }

    [Fact]
    public void Another_resident_can_neither_approve_nor_decline()
    {
        var request = Quoted();

        Assert.Equal("Request.NotYours", Assert.Throws<DomainException>(
            () => request.ApproveQuote(Actors.OtherResident, Later(request))).Code);
        Assert.Equal("Request.NotYours", Assert.Throws<DomainException>(
            () => request.DeclineQuote(Actors.OtherResident, Later(request), "No")).Code);
        Assert.True(request.ActiveWorkOrder!.Quote!.IsPending);
        Assert.Equal(RequestStatus.OnHold, request.Status);
    }

    [Fact]
    public void The_technician_never_decides_on_his_own_price_nor_does_the_system()
    {
        var request = Quoted();

        Assert.Equal("Quote.ResidentDecides", Assert.Throws<DomainException>(
            () => request.ApproveQuote(Actors.Technician, Later(request))).Code);
        Assert.Equal("Quote.ResidentDecides", Assert.Throws<DomainException>(
            () => request.DeclineQuote(Actors.Technician, Later(request), null)).Code);
        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => request.ApproveQuote(Actor.System, Later(request))).Code);
        Assert.True(request.ActiveWorkOrder!.Quote!.IsPending);
    }

    [Fact]
    public void Nothing_to_approve_without_a_pending_quote()
    {
        var paused = new ServiceRequestBuilder().InStatus(RequestStatus.OnHold).Build();
        var approved = new ServiceRequestBuilder().WithApprovedQuote().InStatus(RequestStatus.Dispatched).Build();

        var ex = Assert.Throws<DomainException>(() => paused.ApproveQuote(Actors.Resident, Later(paused)));
        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { RequestStatus.OnHold, nameof(ServiceRequest.ApproveQuote) }, ex.Args);
        Assert.Equal("Request.IllegalTransition", Assert.Throws<DomainException>(
            () => approved.DeclineQuote(Actors.Resident, Later(approved), "Changed my mind")).Code);
        Assert.Equal(QuoteDecision.Approved, approved.ActiveWorkOrder!.Quote!.Decision);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("100000.01")]
    public void The_amount_must_be_positive_and_at_most_100000(string amount)
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        var ex = Assert.Throws<DomainException>(
            () => request.Quote(Actors.Technician, Later(request), decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "Part"));

        Assert.Equal("Quote.AmountOutOfRange", ex.Code);
        Assert.Equal(new object[] { 100000m }, ex.Args);
        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Null(request.ActiveWorkOrder!.Quote);
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        request.Quote(Actors.Technician, Later(request), Quote.MaxAmount, new string('件', Quote.MaxDescriptionLength));

        Assert.Equal(100000m, request.ActiveWorkOrder!.Quote!.Amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_description_is_required(string description)
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        var ex = Assert.Throws<DomainException>(() => request.Quote(Actors.Technician, Later(request), 50m, description));

        Assert.Equal("Quote.DescriptionRequired", ex.Code);
    }

    [Fact]
    public void A_description_over_500_characters_is_refused()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        var ex = Assert.Throws<DomainException>(
            () => request.Quote(Actors.Technician, Later(request), 50m, new string('x', Quote.MaxDescriptionLength + 1)));

        Assert.Equal("Quote.DescriptionTooLong", ex.Code);
        Assert.Equal(new object[] { 500 }, ex.Args);
    }

    [Fact]
    public void A_team_order_is_taken_by_the_technician_who_quotes_it()
    {
        var request = new ServiceRequestBuilder().DispatchedTo(Assignee.Team("HVAC team")).InStatus(RequestStatus.Dispatched).Build();

        request.Quote(Actors.OtherTechnician, Later(request), 300m, "Refill refrigerant");

        Assert.Equal(Actors.OtherTechnician.UserId, request.ActiveWorkOrder!.TechnicianId);
        Assert.Equal(Actors.OtherTechnician.UserId, request.AssigneeId);
    }
}

public sealed class CompletionReportTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Notes_are_required(string? notes)
    {
        var ex = Assert.Throws<DomainException>(() => new CompletionReport(notes!, 30));

        Assert.Equal("WorkOrder.NotesRequired", ex.Code);
    }

    [Fact]
    public void Notes_may_have_2000_characters_but_not_2001()
    {
        Assert.Equal(2000, new CompletionReport(new string('修', 2000), 30).Notes.Length);

        var ex = Assert.Throws<DomainException>(() => new CompletionReport(new string('修', 2001), 30));
        Assert.Equal("WorkOrder.NotesTooLong", ex.Code);
        Assert.Equal(new object[] { 2000 }, ex.Args);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    [InlineData(10081)]
    public void Minutes_spent_are_between_1_and_a_week(int minutes)
    {
        var ex = Assert.Throws<DomainException>(() => new CompletionReport("Done", minutes));

        Assert.Equal("WorkOrder.MinutesOutOfRange", ex.Code);
        Assert.Equal(new object[] { 1, 10080 }, ex.Args);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10080)]
    public void The_minute_limits_themselves_are_accepted(int minutes)
    {
        Assert.Equal(minutes, new CompletionReport("Done", minutes).MinutesSpent);
    }

    [Fact]
    public void At_most_30_material_lines()
    {
        var lines = Enumerable.Range(1, 31).Select(i => new MaterialLine($"Part {i}", 1, "pc")).ToList();

        Assert.Equal(30, new CompletionReport("Done", 60, lines.Take(30)).Materials.Count);
        var ex = Assert.Throws<DomainException>(() => new CompletionReport("Done", 60, lines));
        Assert.Equal("WorkOrder.TooManyMaterials", ex.Code);
        Assert.Equal(new object[] { 30 }, ex.Args);
    }

    [Fact]
    public void At_most_five_after_photos()
    {
        var photos = Enumerable.Range(0, 6).Select(i => ServiceRequestBuilder.Photo(i, PhotoStage.After)).ToList();

        Assert.Equal(5, new CompletionReport("Done", 60, afterPhotos: photos.Take(5)).AfterPhotos.Count);
        var ex = Assert.Throws<DomainException>(() => new CompletionReport("Done", 60, afterPhotos: photos));
        Assert.Equal("Request.TooManyPhotos", ex.Code);
        Assert.Equal(new object[] { ServiceRequest.MaxPhotos }, ex.Args);
    }

    [Fact]
    public void Completion_photos_must_show_the_result()
    {
        Assert.Throws<ArgumentException>(
            () => new CompletionReport("Done", 60, afterPhotos: [ServiceRequestBuilder.Photo(1, PhotoStage.Before)]));
    }

    [Fact]
    public void Without_materials_and_photos_the_lists_are_empty_and_read_only()
    {
        var report = new CompletionReport("  Tightened the nut  ", 15);

        Assert.Equal("Tightened the nut", report.Notes);
        Assert.Empty(report.Materials);
        Assert.Empty(report.AfterPhotos);
        Assert.Throws<NotSupportedException>(() => ((ICollection<MaterialLine>)report.Materials).Add(new MaterialLine("Nut", 1, null)));
    }

    [Fact]
    public void A_refused_completion_leaves_the_request_as_it_was()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var entries = request.Timeline.Count;

        Assert.Throws<DomainException>(() => request.Complete(Actors.Technician, request.LastChangedAt.AddHours(1), new CompletionReport("", 30)));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(WorkOrderStatus.InProgress, request.ActiveWorkOrder!.Status);
        Assert.Equal(entries, request.Timeline.Count);
    }
}

public sealed class DeadlineTests
{
    [Theory]
    [InlineData(Priority.Urgent, 4)]
    [InlineData(Priority.High, 24)]
    [InlineData(Priority.Normal, 36)]
    [InlineData(Priority.Low, 84)]
    public void Each_priority_has_its_resolution_time(Priority priority, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), Portal.Domain.Deadlines.DeadlineRules.Default(RequestType.Repair, priority).ResolveWithin);
    }

    [Fact]
    public void A_new_request_is_due_as_a_normal_one()
    {
        var request = new ServiceRequestBuilder().Build();

        // The default schedule without an estate calendar counts the 36 opening hours round the clock.
        Assert.Equal(request.SubmittedAt.AddHours(36), request.DueAt);
    }

    [Theory]
    [InlineData(Priority.Urgent, 4)]
    [InlineData(Priority.High, 24)]
    [InlineData(Priority.Normal, 36)]
    [InlineData(Priority.Low, 84)]
    public void Accepting_sets_the_deadline_from_filing_at_the_confirmed_priority(Priority priority, int hours)
    {
        var request = new ServiceRequestBuilder().Build();

        request.Accept(Actors.Desk, request.SubmittedAt.AddMinutes(40), priority, null);

        Assert.Equal(request.SubmittedAt.AddHours(hours), request.DueAt);
    }

    [Fact]
    public void Accepting_confirms_or_corrects_the_category()
    {
        var kept = new ServiceRequestBuilder().Build();
        var corrected = new ServiceRequestBuilder().Build();

        kept.Accept(Actors.Desk, kept.SubmittedAt.AddMinutes(5), Priority.Normal, null);
        corrected.Accept(Actors.Desk, corrected.SubmittedAt.AddMinutes(5), Priority.High, "It is the socket, not the pipe", RepairCategory.Electrical);

        Assert.Equal(RepairCategory.Plumbing, kept.Category);
        Assert.Equal(RepairCategory.Electrical, corrected.Category);
        Assert.Equal(TimelineEvent.Accepted, corrected.Timeline[^1].Event);
        Assert.Equal("It is the socket, not the pipe", corrected.Timeline[^1].Note);
    }

    [Fact]
    public void Time_left_counts_down_to_the_deadline_and_goes_negative_after_it()
    {
        var request = new ServiceRequestBuilder().WithPriority(Priority.Urgent).InStatus(RequestStatus.Dispatched).Build();
        var due = request.SubmittedAt.AddHours(4);

        Assert.Equal(TimeSpan.FromMinutes(90), request.TimeLeft(due.AddMinutes(-90)));
        Assert.Equal(TimeSpan.Zero, request.TimeLeft(due));
        Assert.Equal(TimeSpan.FromMinutes(-15), request.TimeLeft(due.AddMinutes(15)));
    }

    [Theory]
    [InlineData(RequestStatus.Submitted, true)]
    [InlineData(RequestStatus.Accepted, true)]
    [InlineData(RequestStatus.Dispatched, true)]
    [InlineData(RequestStatus.InProgress, true)]
    [InlineData(RequestStatus.OnHold, true)]
    [InlineData(RequestStatus.Completed, false)]
    [InlineData(RequestStatus.FollowedUp, false)]
    [InlineData(RequestStatus.Rated, false)]
    [InlineData(RequestStatus.Closed, false)]
    [InlineData(RequestStatus.Cancelled, false)]
    [InlineData(RequestStatus.Reopened, true)]
    public void Only_open_work_is_overdue_and_only_after_the_deadline(RequestStatus status, bool overdueAfterDeadline)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();

        Assert.False(request.IsOverdue(request.DueAt));
        Assert.False(request.IsOverdue(request.DueAt.AddMinutes(-1)));
        Assert.Equal(overdueAfterDeadline, request.IsOverdue(request.DueAt.AddSeconds(1)));
    }

    [Fact]
    public void Rework_gets_a_new_deadline_from_the_moment_it_comes_back_at_the_raised_priority()
    {
        var notResolved = new ServiceRequestBuilder().WithPriority(Priority.Normal).InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();
        var reopened = new ServiceRequestBuilder().WithPriority(Priority.Normal).InStatus(RequestStatus.Rated).Build();
        var at = notResolved.SubmittedAt.AddDays(5);

        notResolved.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, at, "Still dripping");
        reopened.Reopen(Actors.Desk, at, "Leaking again");

        Assert.Equal(at.AddHours(24), notResolved.DueAt);   // raised to High
        Assert.Equal(at.AddHours(36), reopened.DueAt);      // stays Normal
        Assert.False(notResolved.IsOverdue(at.AddHours(1)));
    }
}

public sealed class InformButlerTests
{
    [Fact]
    public void Telling_the_butler_is_recorded_without_moving_the_request()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var stamp = request.ConcurrencyStamp;
        var at = request.LastChangedAt.AddMinutes(3);

        request.InformButler(Actors.Desk, at, "  Zhou Hua ");

        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.NotEqual(stamp, request.ConcurrencyStamp);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.ButlerInformed, entry.Event);
        Assert.Equal(RequestStatus.Dispatched, entry.From);
        Assert.Equal(RequestStatus.Dispatched, entry.To);
        Assert.Equal("Zhou Hua", entry.Note);
        Assert.Equal(at, entry.At);
    }

    [Fact]
    public void The_system_may_tell_the_butler_but_a_resident_may_not()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();

        request.InformButler(Actor.System, request.LastChangedAt.AddMinutes(1), "Zhou Hua");
        Assert.Equal(ActorRole.System, request.Timeline[^1].ActorRole);

        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => request.InformButler(Actors.Resident, request.LastChangedAt.AddMinutes(1), "Zhou Hua")).Code);
    }

    [Fact]
    public void The_butler_is_named()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();
        var entries = request.Timeline.Count;

        Assert.Equal("Request.ButlerNameRequired", Assert.Throws<DomainException>(
            () => request.InformButler(Actors.Desk, request.LastChangedAt.AddMinutes(1), " ")).Code);
        var tooLong = Assert.Throws<DomainException>(
            () => request.InformButler(Actors.Desk, request.LastChangedAt.AddMinutes(1), new string('管', 101)));
        Assert.Equal("Request.ButlerNameTooLong", tooLong.Code);
        Assert.Equal(new object[] { 100 }, tooLong.Args);
        Assert.Equal(entries, request.Timeline.Count);
    }
}
