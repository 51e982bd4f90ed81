using Portal.Domain.Common;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

public sealed class CommonTests
{
    [Fact]
    public void A_domain_exception_carries_its_code_and_arguments_and_logs_both()
    {
        var ex = new DomainException("Request.IllegalTransition", RequestStatus.Closed, "Accept");

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { RequestStatus.Closed, "Accept" }, ex.Args);
        Assert.Equal("Request.IllegalTransition (Closed, Accept)", ex.Message);
    }

    [Fact]
    public void A_domain_exception_without_arguments_has_the_code_as_message()
    {
        var ex = new DomainException("Request.StaffOnly");

        Assert.Empty(ex.Args);
        Assert.Equal("Request.StaffOnly", ex.Message);
    }

    [Theory]
    [InlineData(ActorRole.Resident, false)]
    [InlineData(ActorRole.System, false)]
    [InlineData(ActorRole.FrontDesk, true)]
    [InlineData(ActorRole.Butler, true)]
    [InlineData(ActorRole.Technician, true)]
    [InlineData(ActorRole.Supervisor, true)]
    [InlineData(ActorRole.Admin, true)]
    public void Everyone_but_residents_and_the_system_is_staff(ActorRole role, bool isStaff)
    {
        Assert.Equal(isStaff, new Actor("u1", "Someone", role).IsStaff);
    }

    [Fact]
    public void The_system_actor_is_one_well_known_value()
    {
        Assert.Equal(ActorRole.System, Actor.System.Role);
        Assert.False(Actor.System.IsStaff);
        Assert.Same(Actor.System, Actor.System);
    }
}
