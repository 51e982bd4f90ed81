using Portal.Domain.Common;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>"Me too" (我也遇到): who may follow which request.</summary>
public sealed class RequestFollowerTests
{
    private static readonly DateTimeOffset Now = ServiceRequestBuilder.DefaultFiledAt.AddHours(1);

    private static readonly Location Lobby = Location.PublicArea(estateId: 1, buildingId: 3, "Lift lobby, ground floor");

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Accepted)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.OnHold)]
    [InlineData(RequestStatus.Reopened)]
    public void A_neighbour_follows_an_open_public_area_request(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().At(Lobby).InStatus(status).Build();

        var follower = RequestFollower.Follow(request, Actors.OtherResident, Now);

        Assert.Equal(Actors.OtherResident.UserId, follower.UserId);
        Assert.Equal(Now, follower.FollowedAt);
    }

    [Fact]
    public void Following_leaves_the_request_untouched()
    {
        var request = new ServiceRequestBuilder().At(Lobby).InStatus(RequestStatus.Accepted).Build();
        var (stamp, entries) = (request.ConcurrencyStamp, request.Timeline.Count);

        RequestFollower.Follow(request, Actors.OtherResident, Now);

        // No timeline entry carries the follower's name to the filer, and no clerk is told "changed meanwhile".
        Assert.Equal(stamp, request.ConcurrencyStamp);
        Assert.Equal(entries, request.Timeline.Count);
    }

    [Theory]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.FollowedUp)]
    [InlineData(RequestStatus.Rated)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public void A_finished_request_cannot_be_followed(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().At(Lobby).InStatus(status).Build();

        var error = Assert.Throws<DomainException>(() => RequestFollower.Follow(request, Actors.OtherResident, Now));

        Assert.Equal("Request.FollowClosed", error.Code);
    }

    [Fact]
    public void A_request_for_a_home_is_never_shared_with_neighbours()
    {
        var request = new ServiceRequestBuilder().Build();

        var error = Assert.Throws<DomainException>(() => RequestFollower.Follow(request, Actors.OtherResident, Now));

        Assert.Equal("Request.FollowPublicOnly", error.Code);
    }

    [Fact]
    public void The_filer_does_not_follow_their_own_request()
    {
        var request = new ServiceRequestBuilder().At(Lobby).Build();

        var error = Assert.Throws<DomainException>(() => RequestFollower.Follow(request, Actors.Resident, Now));

        Assert.Equal("Request.FollowOwn", error.Code);
    }

    [Theory]
    [InlineData(ActorRole.FrontDesk)]
    [InlineData(ActorRole.Technician)]
    [InlineData(ActorRole.System)]
    public void Only_residents_say_me_too(ActorRole role)
    {
        var request = new ServiceRequestBuilder().At(Lobby).Build();

        var error = Assert.Throws<DomainException>(() => RequestFollower.Follow(request, new Actor("someone", "Someone", role), Now));

        Assert.Equal("Request.ResidentsOnly", error.Code);
    }
}
