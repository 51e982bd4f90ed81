using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// A resident who has the same problem in a public area and follows a neighbour's request instead
/// of filing a duplicate ("me too", 我也遇到). The follower sees the request's progress, never the
/// filer's personal details, and cannot act on it.
/// </summary>
/// <remarks>
/// Deliberately outside the <see cref="ServiceRequest"/> aggregate: following does not move the
/// request. Writing it on the request would renew its concurrency stamp, so a clerk acting from an
/// open card would be told "changed meanwhile" each time a neighbour taps "me too", and a timeline
/// entry would copy the follower's name onto a record the filer and every other follower read
/// (PIPL). The count of followers is all anyone else learns.
/// </remarks>
public sealed class RequestFollower
{
    /// <summary>
    /// While the work is still to be done a neighbour can join; once it is completed (or cancelled)
    /// there is nothing left to be affected by, and a new problem is a new request.
    /// </summary>
    public static readonly RequestStatus[] FollowableStatuses =
    [
        RequestStatus.Submitted,
        RequestStatus.Accepted,
        RequestStatus.Reopened,
        RequestStatus.Dispatched,
        RequestStatus.InProgress,
        RequestStatus.OnHold,
    ];

    private RequestFollower(int serviceRequestId, string userId, DateTimeOffset followedAt)
    {
        ServiceRequestId = serviceRequestId;
        UserId = userId;
        FollowedAt = followedAt;
    }

    // For EF Core.
    private RequestFollower()
    {
        UserId = null!;
    }

    public int ServiceRequestId { get; private set; }

    /// <summary>User id of the resident who follows.</summary>
    public string UserId { get; private set; }

    public DateTimeOffset FollowedAt { get; private set; }

    public static bool IsFollowable(RequestStatus status) => Array.IndexOf(FollowableStatuses, status) >= 0;

    /// <summary>
    /// A resident says "me too" to a public-area request that is still open and not their own.
    /// Whether they live in the request's estate needs the database and is the use case's check.
    /// </summary>
    public static RequestFollower Follow(ServiceRequest request, Actor by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        if (by.Role != ActorRole.Resident)
        {
            throw new DomainException("Request.ResidentsOnly");
        }

        // A unit is somebody's home: its problems are never shared with neighbours.
        if (!request.Location.IsPublicArea)
        {
            throw new DomainException("Request.FollowPublicOnly");
        }

        if (request.BelongsTo(by.UserId))
        {
            throw new DomainException("Request.FollowOwn");
        }

        if (!IsFollowable(request.Status))
        {
            throw new DomainException("Request.FollowClosed", request.Status);
        }

        return new RequestFollower(request.Id, by.UserId, at);
    }
}
