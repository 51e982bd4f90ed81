using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

public sealed class UrgentFilingTests
{
    private static ServiceRequest File(Priority? priority)
    {
        var at = ServiceRequestBuilder.DefaultFiledAt;
        return priority is { } p
            ? ServiceRequest.FileRepair("R261123-0001", Actors.Resident.UserId, RepairCategory.Lift, Location.InUnit(1, 3, 1304), "Someone is trapped in the lift", null, "Wang", "13800138000", Channel.Portal, [], Actors.Resident, at, p)
            : ServiceRequest.FileRepair("R261123-0001", Actors.Resident.UserId, RepairCategory.Lift, Location.InUnit(1, 3, 1304), "Someone is trapped in the lift", null, "Wang", "13800138000", Channel.Portal, [], Actors.Resident, at);
    }

    [Fact]
    public void An_emergency_is_urgent_from_the_moment_it_is_filed()
    {
        var request = File(Priority.Urgent);
        Assert.Equal(Priority.Urgent, request.Priority);
        Assert.Equal(request.SubmittedAt + TimeSpan.FromHours(4), request.DueAt);
    }

    [Fact]
    public void Without_a_flag_a_request_is_normal()
    {
        var request = File(null);
        Assert.Equal(Priority.Normal, request.Priority);
        // Without an estate calendar the opening-hours limit (36 working hours) counts round the clock.
        Assert.Equal(request.SubmittedAt + TimeSpan.FromHours(36), request.DueAt);
    }
}
