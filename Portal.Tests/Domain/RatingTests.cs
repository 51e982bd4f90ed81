using Portal.Domain.Common;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>
/// The rating (满意度): who may give it, when, how often, what it holds and where it came from; and the
/// service recovery a low rating opens for the supervisor.
/// </summary>
public sealed class RatingTests
{
    private static readonly RatingScores Good = ServiceRequestBuilder.GoodRating;

    private static ServiceRequest FollowedUp(FollowUpOutcome outcome = FollowUpOutcome.Resolved) =>
        new ServiceRequestBuilder().WithFollowUpOutcome(outcome).InStatus(RequestStatus.FollowedUp).Build();

    private static DateTimeOffset Later(ServiceRequest request) => request.LastChangedAt.AddHours(2);

    private static ServiceRequest RatedLow(int overall = 2)
    {
        var request = FollowedUp();
        request.Rate(Actors.Resident, Later(request), new RatingScores(overall, 2, 3, 2, "Came twice, still not right"));
        return request;
    }

    // ---- what a rating holds --------------------------------------------------------------------

    [Fact]
    public void The_resident_rates_their_own_request_once_it_is_followed_up()
    {
        var request = FollowedUp();
        var at = Later(request);
        var stamp = request.ConcurrencyStamp;
        var entries = request.Timeline.Count;

        request.Rate(Actors.Resident, at, new RatingScores(5, 4, 5, 3, "  Quick and tidy  "));

        Assert.Equal(RequestStatus.Rated, request.Status);
        var rating = request.Rating!;
        Assert.Equal(5, rating.Overall);
        Assert.Equal(4, rating.Speed);
        Assert.Equal(5, rating.Attitude);
        Assert.Equal(3, rating.Quality);
        Assert.Equal("Quick and tidy", rating.Comment);
        Assert.Equal(RatingSource.Resident, rating.Source);
        Assert.Equal(Actors.Resident.UserId, rating.RecordedById);
        Assert.Equal(Actors.Resident.DisplayName, rating.RecordedByName);
        Assert.Equal(at, rating.At);
        Assert.False(rating.IsLow);
        Assert.Null(request.Recovery);
        Assert.NotEqual(stamp, request.ConcurrencyStamp);
        Assert.Equal(entries + 1, request.Timeline.Count);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.Rated, entry.Event);
        Assert.Equal(RequestStatus.FollowedUp, entry.From);
        Assert.Equal(RequestStatus.Rated, entry.To);
        Assert.Equal("★5", entry.Note);
    }

    [Fact]
    public void A_blank_comment_is_no_comment()
    {
        var request = FollowedUp();

        request.Rate(Actors.Resident, Later(request), new RatingScores(4, 4, 4, 4, "   "));

        Assert.Null(request.Rating!.Comment);
    }

    [Theory]
    [InlineData(FollowUpOutcome.Resolved)]
    [InlineData(FollowUpOutcome.PartlyResolvedAccepted)]
    [InlineData(FollowUpOutcome.NotReached)]
    public void Every_follow_up_that_did_not_find_the_problem_open_invites_the_rating(FollowUpOutcome outcome)
    {
        var request = FollowedUp(outcome);

        request.Rate(Actors.Resident, Later(request), Good);

        Assert.Equal(RequestStatus.Rated, request.Status);
        Assert.Equal(outcome, request.FollowUpOutcome);
    }

    // ---- scores ---------------------------------------------------------------------------------

    public static TheoryData<string, int> ScoresOutOfRange()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "Overall", "Speed", "Attitude", "Quality" })
        {
            data.Add(name, 0);
            data.Add(name, 6);
        }

        return data;
    }

    private static RatingScores With(string name, int score) => name switch
    {
        "Overall" => Good with { Overall = score },
        "Speed" => Good with { Speed = score },
        "Attitude" => Good with { Attitude = score },
        "Quality" => Good with { Quality = score },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ScoresOutOfRange))]
    public void Each_score_is_one_to_five(string name, int score)
    {
        var request = FollowedUp();
        var stamp = request.ConcurrencyStamp;

        var ex = Assert.Throws<DomainException>(() => request.Rate(Actors.Resident, Later(request), With(name, score)));

        Assert.Equal("Rating.ScoreOutOfRange", ex.Code);
        Assert.Equal(new object[] { name, 1, 5 }, ex.Args);
        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Null(request.Rating);
        Assert.Equal(stamp, request.ConcurrencyStamp);
    }

    [Theory]
    [MemberData(nameof(ScoresOutOfRange))]
    public void The_factory_checks_the_scores_before_anything_is_recorded(string name, int score)
    {
        var scores = With(name, score);

        var ex = Assert.Throws<DomainException>(
            () => Rating.Create(scores.Overall, scores.Speed, scores.Attitude, scores.Quality, scores.Comment));

        Assert.Equal("Rating.ScoreOutOfRange", ex.Code);
        Assert.Equal(new object[] { name, 1, 5 }, ex.Args);
    }

    [Fact]
    public void The_factory_gives_a_clean_draft()
    {
        Assert.Equal(new RatingScores(1, 5, 1, 5, "Rude"), Rating.Create(1, 5, 1, 5, " Rude "));
        Assert.Null(Rating.Create(3, 3, 3, 3, " ").Comment);
    }

    [Fact]
    public void A_comment_is_at_most_500_characters()
    {
        var request = FollowedUp();

        var ex = Assert.Throws<DomainException>(
            () => request.Rate(Actors.Resident, Later(request), Good with { Comment = new string('好', 501) }));

        Assert.Equal("Rating.CommentTooLong", ex.Code);
        Assert.Equal(new object[] { 500 }, ex.Args);
        Assert.Null(request.Rating);

        request.Rate(Actors.Resident, Later(request), Good with { Comment = new string('好', 500) });
        Assert.Equal(500, request.Rating!.Comment!.Length);
    }

    // ---- who may rate ---------------------------------------------------------------------------

    [Fact]
    public void Another_resident_may_not_rate()
    {
        var request = FollowedUp();

        var ex = Assert.Throws<DomainException>(() => request.Rate(Actors.OtherResident, Later(request), Good));

        Assert.Equal("Request.NotYours", ex.Code);
        Assert.Null(request.Rating);
    }

    [Fact]
    public void No_technician_may_rate_not_even_the_one_who_did_the_job()
    {
        var request = FollowedUp();
        Assert.Equal(Actors.Technician.UserId, request.WorkOrders[^1].TechnicianId);

        var assigned = Assert.Throws<DomainException>(() => request.Rate(Actors.Technician, Later(request), Good));
        var another = Assert.Throws<DomainException>(() => request.Rate(Actors.OtherTechnician, Later(request), Good));

        Assert.Equal("Rating.TechnicianMayNotRate", assigned.Code);
        Assert.Equal("Rating.TechnicianMayNotRate", another.Code);
        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Null(request.Rating);
    }

    [Fact]
    public void The_system_may_not_rate()
    {
        var request = FollowedUp();

        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(() => request.Rate(Actor.System, Later(request), Good)).Code);
    }

    public static TheoryData<Actor> DeskStaff() => new(Actors.Desk, Actors.Butler, Actors.Supervisor, Actors.Admin);

    [Theory]
    [MemberData(nameof(DeskStaff))]
    public void Staff_record_a_rating_given_on_the_phone_and_the_record_says_so(Actor staff)
    {
        var request = FollowedUp();
        var at = Later(request);

        request.Rate(staff, at, new RatingScores(4, 4, 5, 4, "Said on the phone: fine"));

        var rating = request.Rating!;
        Assert.Equal(RatingSource.StaffRecorded, rating.Source);
        Assert.Equal(staff.UserId, rating.RecordedById);
        Assert.Equal(staff.DisplayName, rating.RecordedByName);
        Assert.Equal("★4 — recorded by staff", request.Timeline[^1].Note);
        Assert.Equal(staff.UserId, request.Timeline[^1].ActorId);
    }

    // ---- when ------------------------------------------------------------------------------------

    [Fact]
    public void A_request_is_rated_only_once()
    {
        var request = FollowedUp();
        request.Rate(Actors.Resident, Later(request), Good);
        var rating = request.Rating;

        var byResident = Assert.Throws<DomainException>(() => request.Rate(Actors.Resident, Later(request), Good));
        var byDesk = Assert.Throws<DomainException>(() => request.Rate(Actors.Desk, Later(request), Good));

        Assert.Equal("Rating.AlreadyRated", byResident.Code);
        Assert.Equal("Rating.AlreadyRated", byDesk.Code);
        Assert.Same(rating, request.Rating);
    }

    [Fact]
    public void Not_before_the_follow_up()
    {
        var completed = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();

        Assert.Equal("Rating.NotYet", Assert.Throws<DomainException>(
            () => completed.Rate(Actors.Resident, Later(completed), Good)).Code);
    }

    [Fact]
    public void Not_while_the_problem_is_unresolved()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();
        request.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, request.LastChangedAt, "Still leaking", ServiceRequestBuilder.Policy);

        var ex = Assert.Throws<DomainException>(() => request.Rate(Actors.Resident, Later(request), Good));

        Assert.Equal("Rating.NotYet", ex.Code);
        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Null(request.Rating);
    }

    [Fact]
    public void Not_after_the_rating_window()
    {
        var request = FollowedUp();
        var until = request.RatingOpenUntil!.Value;
        Assert.Equal(request.FollowedUpAt!.Value.AddDays(7), until);

        var ex = Assert.Throws<DomainException>(() => request.Rate(Actors.Resident, until.AddSeconds(1), Good));

        Assert.Equal("Rating.WindowClosed", ex.Code);
        Assert.Equal(new object[] { until }, ex.Args);
        Assert.Null(request.Rating);

        request.Rate(Actors.Resident, until, Good);
        Assert.Equal(RequestStatus.Rated, request.Status);
    }

    [Fact]
    public void The_window_of_a_resident_not_reached_counts_from_the_last_failed_call()
    {
        var request = FollowedUp(FollowUpOutcome.NotReached);
        var lastCall = request.FollowUpAttempts[^1].At;

        Assert.Equal(lastCall.AddDays(7), request.RatingOpenUntil);
        Assert.Equal("Rating.WindowClosed", Assert.Throws<DomainException>(
            () => request.Rate(Actors.Resident, lastCall.AddDays(8), Good)).Code);
    }

    [Fact]
    public void An_unrated_item_is_closed_by_the_system_once_the_window_has_passed()
    {
        var request = FollowedUp();
        var after = request.RatingOpenUntil!.Value.AddHours(1);

        request.Close(Actor.System, after, null);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Null(request.Rating);
        Assert.Equal("Request.IllegalTransition", Assert.Throws<DomainException>(
            () => request.Rate(Actors.Resident, after, Good)).Code);
    }

    // ---- service recovery --------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_low_rating_opens_a_service_recovery_due_in_24_hours(int overall)
    {
        var request = FollowedUp();
        var at = Later(request);
        var entries = request.Timeline.Count;

        request.Rate(Actors.Resident, at, new RatingScores(overall, 2, 3, 2, "Came twice, still not right"));

        Assert.True(request.Rating!.IsLow);
        var recovery = request.Recovery!;
        Assert.Equal(RecoveryStatus.Open, recovery.Status);
        Assert.Equal(at, recovery.OpenedAt);
        Assert.Equal(at.AddHours(24), recovery.DueAt);
        Assert.Null(recovery.ResolvedAt);
        Assert.Null(recovery.Resolution);
        Assert.False(recovery.IsOverdue(at.AddHours(24)));
        Assert.True(recovery.IsOverdue(at.AddHours(24).AddMinutes(1)));
        Assert.Equal(RequestStatus.Rated, request.Status);
        Assert.Equal(entries + 2, request.Timeline.Count);
        Assert.Equal(TimelineEvent.Rated, request.Timeline[^2].Event);
        var opened = request.Timeline[^1];
        Assert.Equal(TimelineEvent.RecoveryOpened, opened.Event);
        Assert.Equal(RequestStatus.Rated, opened.From);
        Assert.Equal(RequestStatus.Rated, opened.To);
        Assert.Equal(ActorRole.System, opened.ActorRole);
        Assert.Equal(at, opened.At);
    }

    [Fact]
    public void Three_stars_is_not_low()
    {
        var request = FollowedUp();

        request.Rate(Actors.Resident, Later(request), new RatingScores(3, 1, 1, 1, null));

        Assert.False(request.Rating!.IsLow);
        Assert.Null(request.Recovery);
        Assert.Equal(TimelineEvent.Rated, request.Timeline[^1].Event);
    }

    [Fact]
    public void The_supervisor_resolves_the_recovery_and_writes_down_how()
    {
        var request = RatedLow();
        var at = request.LastChangedAt.AddHours(3);
        var stamp = request.ConcurrencyStamp;

        request.ResolveRecovery(Actors.Supervisor, at, "  Visited with the foreman, replaced the tap, apologised  ");

        var recovery = request.Recovery!;
        Assert.Equal(RecoveryStatus.Resolved, recovery.Status);
        Assert.Equal(at, recovery.ResolvedAt);
        Assert.Equal(Actors.Supervisor.DisplayName, recovery.ResolvedByName);
        Assert.Equal("Visited with the foreman, replaced the tap, apologised", recovery.Resolution);
        Assert.False(recovery.IsOverdue(at.AddDays(3)));
        Assert.Equal(RequestStatus.Rated, request.Status);
        Assert.NotEqual(stamp, request.ConcurrencyStamp);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.RecoveryResolved, entry.Event);
        Assert.Equal(Actors.Supervisor.UserId, entry.ActorId);
        Assert.Equal("Visited with the foreman, replaced the tap, apologised", entry.Note);
    }

    [Fact]
    public void An_administrator_may_resolve_it_too()
    {
        var request = RatedLow();

        request.ResolveRecovery(Actors.Admin, request.LastChangedAt.AddHours(1), "Called the resident");

        Assert.Equal(RecoveryStatus.Resolved, request.Recovery!.Status);
    }

    public static TheoryData<Actor> NotSupervisors() =>
        new(Actors.Desk, Actors.Butler, Actors.Technician, Actors.Resident, Actor.System);

    [Theory]
    [MemberData(nameof(NotSupervisors))]
    public void Only_a_supervisor_or_administrator_resolves_a_recovery(Actor actor)
    {
        var request = RatedLow();

        var ex = Assert.Throws<DomainException>(() => request.ResolveRecovery(actor, request.LastChangedAt.AddHours(1), "Sorted"));

        Assert.Equal("Recovery.SupervisorOnly", ex.Code);
        Assert.Equal(RecoveryStatus.Open, request.Recovery!.Status);
    }

    [Fact]
    public void The_resolution_is_required_and_at_most_1000_characters()
    {
        var request = RatedLow();
        var at = request.LastChangedAt.AddHours(1);
        var entries = request.Timeline.Count;

        Assert.Equal("Recovery.ResolutionRequired", Assert.Throws<DomainException>(
            () => request.ResolveRecovery(Actors.Supervisor, at, "  ")).Code);
        Assert.Equal("Recovery.ResolutionRequired", Assert.Throws<DomainException>(
            () => request.ResolveRecovery(Actors.Supervisor, at, null!)).Code);
        var tooLong = Assert.Throws<DomainException>(
            () => request.ResolveRecovery(Actors.Supervisor, at, new string('x', 1001)));
        Assert.Equal("Recovery.ResolutionTooLong", tooLong.Code);
        Assert.Equal(new object[] { 1000 }, tooLong.Args);
        Assert.Equal(RecoveryStatus.Open, request.Recovery!.Status);
        Assert.Equal(entries, request.Timeline.Count);

        request.ResolveRecovery(Actors.Supervisor, at, new string('x', 1000));
        Assert.Equal(1000, request.Recovery.Resolution!.Length);
    }

    [Fact]
    public void A_recovery_is_resolved_once_and_only_if_there_is_one()
    {
        var low = RatedLow();
        low.ResolveRecovery(Actors.Supervisor, low.LastChangedAt.AddHours(1), "Called and apologised");
        var good = new ServiceRequestBuilder().InStatus(RequestStatus.Rated).Build();

        Assert.Equal("Recovery.NotOpen", Assert.Throws<DomainException>(
            () => low.ResolveRecovery(Actors.Supervisor, low.LastChangedAt.AddHours(1), "Again")).Code);
        Assert.Equal("Recovery.NotOpen", Assert.Throws<DomainException>(
            () => good.ResolveRecovery(Actors.Supervisor, good.LastChangedAt.AddHours(1), "Nothing to do")).Code);
        Assert.Null(good.Recovery);
    }

    [Fact]
    public void Closing_the_record_does_not_settle_the_residents_complaint()
    {
        var request = RatedLow();
        request.Close(Actors.Desk, request.LastChangedAt.AddHours(1), null);

        Assert.Equal(RecoveryStatus.Open, request.Recovery!.Status);

        request.ResolveRecovery(Actors.Supervisor, request.LastChangedAt.AddHours(1), "Called, the resident is content now");

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(RecoveryStatus.Resolved, request.Recovery.Status);
    }
}
