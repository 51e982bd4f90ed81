using Portal.Domain.FollowUps;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.WorkOrders;

namespace Portal.Tests.Support;

/// <summary>Takes a request to "completed" and through the follow-up call with the real use cases.</summary>
public static class FollowingUp
{
    public static async Task<FiledRequest> CompletedRepairAsync(this PortalFactory factory, string residentEmail = DemoData.ResidentEmail)
    {
        var resident = await factory.UserAsync(residentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var tech = await factory.UserAsync(DemoData.TechnicianEmail);
        var jobs = factory.Get<TechnicianJobs>();
        Assert.True((await jobs.StartAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp)).Succeeded);
        var done = await jobs.CompleteAsync(tech, filed.Id, (await factory.JobAsync(tech, filed.Id)).Stamp, "Replaced the drain hose", 30, [], []);
        Assert.True(done.Succeeded, done.ErrorCode);
        return filed;
    }

    public static async Task<Portal.Infrastructure.Common.Outcome<RequestStatus>> CallAsync(this PortalFactory factory, int id, CallLog call)
    {
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        return await factory.Get<FollowUpCalls>().LogAsync(desk, id, await factory.StampAsync(desk, id), call);
    }

    /// <summary>Moves the demo estate's calling hours so "now" is inside (or outside) them, whatever the clock says.</summary>
    public static async Task SetCallingHoursAsync(this PortalFactory factory, bool openNow)
    {
        await using var db = await factory.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Infrastructure.Data.PortalDbContext>>().CreateDbContextAsync();
        var estate = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Estates, e => e.Code == "HV");
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, estate.GetTimeZone()).DateTime);
        var (from, to) = openNow
            ? (local.AddHours(-2) < local ? local.AddHours(-2) : new TimeOnly(0, 0), local.AddHours(2) > local ? local.AddHours(2) : new TimeOnly(23, 59))
            : (local.AddHours(1) > local ? (local.AddHours(1), local.AddHours(2) > local.AddHours(1) ? local.AddHours(2) : new TimeOnly(23, 59)) : (new TimeOnly(0, 0), local.AddHours(-1)));
        if (from >= to)
        {
            (from, to) = openNow ? (new TimeOnly(0, 0), new TimeOnly(23, 59)) : (local.AddMinutes(30), local.AddMinutes(31));
        }

        estate.SetFollowUpRules(from, to, estate.FollowUpDueHours, estate.MaxFailedCallAttempts, estate.RatingWindowDays);
        await db.SaveChangesAsync();
    }
}
