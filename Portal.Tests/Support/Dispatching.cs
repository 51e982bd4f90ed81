using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.WorkOrders;

namespace Portal.Tests.Support;

/// <summary>Moves a request along through the same use cases the desk and technician pages call.</summary>
public static class Dispatching
{
    public static async Task<Guid> StampAsync(this PortalFactory factory, CurrentUser user, int id) =>
        (await factory.Get<RequestQueries>().GetAsync(user, id))!.ConcurrencyStamp;

    public static async Task AcceptAsync(this PortalFactory factory, int id, Priority priority = Priority.Normal)
    {
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var outcome = await factory.Get<DispatchDesk>().AcceptAsync(desk, id, await factory.StampAsync(desk, id), priority, null, null);
        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    public static async Task DispatchToAsync(this PortalFactory factory, int id, string technicianEmail = DemoData.TechnicianEmail)
    {
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var technician = await factory.UserAsync(technicianEmail);
        var outcome = await factory.Get<DispatchDesk>().DispatchAsync(desk, id, await factory.StampAsync(desk, id), technician.UserId, null, null);
        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    public static async Task<JobView> JobAsync(this PortalFactory factory, CurrentUser technician, int id) =>
        (await factory.Get<TechnicianJobs>().ListMineAsync(technician)).Single(j => j.RequestId == id);
}
