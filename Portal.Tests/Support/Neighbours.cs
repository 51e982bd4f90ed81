using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Estates;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Tests.Support;

/// <summary>An estate of a test's own: two buildings, a resident in each, no requests yet.</summary>
public sealed record TestEstate(int EstateId, int FirstBuildingId, int SecondBuildingId, CurrentUser Filer, CurrentUser Neighbour);

/// <summary>Residents who share public areas, and the public-area repairs they file.</summary>
public static class Neighbours
{
    public const string FilerName = "冯秀英 Feng Xiuying";
    public const string FilerPhone = "13612340001";

    /// <summary>A new estate, so a test sees exactly the requests it files and nobody else's.</summary>
    public static async Task<TestEstate> NewEstateAsync(this PortalFactory factory)
    {
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var code = "T" + Guid.NewGuid().ToString("N")[..7];
        var estate = new Estate($"Test estate {code}", code, "Asia/Shanghai");
        db.Estates.Add(estate);
        await db.SaveChangesAsync();
        var first = new Building(estate.Id, "1", 1);
        var second = new Building(estate.Id, "2", 2);
        db.Buildings.AddRange(first, second);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var home = new Unit(first.Id, "101", 1, InvitationCode.Generate(), now);
        var nextDoor = new Unit(second.Id, "202", 2, InvitationCode.Generate(), now);
        db.Units.AddRange(home, nextDoor);
        await db.SaveChangesAsync();
        var filer = await ResidentAsync(db, home, $"filer-{code}", FilerName, FilerPhone);
        var neighbour = await ResidentAsync(db, nextDoor, $"neighbour-{code}", "Neighbour " + code, "13612340002");
        return new TestEstate(estate.Id, first.Id, second.Id, filer, neighbour);
    }

    private static async Task<CurrentUser> ResidentAsync(PortalDbContext db, Unit unit, string name, string displayName, string phone)
    {
        var user = new PortalUser { UserName = $"{name}@example.com", Email = $"{name}@example.com", DisplayName = displayName, PhoneNumber = phone };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        db.Residencies.Add(new Residency(user.Id, unit.Id, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return new CurrentUser(user.Id, user.DisplayName, new HashSet<string> { Roles.Resident });
    }

    /// <summary>A repair at a public spot of the resident's estate, in a building or estate-wide.</summary>
    public static async Task<FiledRequest> FilePublicAsync(this PortalFactory factory, CurrentUser resident, int? buildingId, string spot, string description = "The light has been flickering for two days", params Guid[] photos)
    {
        var homes = factory.Get<ResidentHomes>();
        var home = (await homes.ListAsync(resident))[0];
        var (name, phone) = await homes.ContactOfAsync(resident);
        return await factory.FileAsync(resident, new RepairDraft
        {
            Category = RepairCategory.Electrical,
            InPublicArea = true,
            EstateId = home.EstateId,
            PublicBuildingId = buildingId,
            Spot = spot,
            Description = description,
            ContactName = name,
            ContactPhone = phone,
            PhotoIds = [.. photos],
        });
    }

    /// <summary>Takes a request to Completed the way the desk would, straight on the aggregate.</summary>
    public static async Task CompleteAsync(this PortalFactory factory, int id)
    {
        var desk = new Actor("desk-test", "Desk", ActorRole.FrontDesk);
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var request = await db.ServiceRequests.Include(r => r.WorkOrders).SingleAsync(r => r.Id == id);
        var at = DateTimeOffset.UtcNow;
        request.Accept(desk, at, Priority.Normal, null);
        request.Dispatch(desk, at, Assignee.Team("Electricians"), null);
        request.Start(desk, at);
        request.Complete(desk, at, new CompletionReport("Replaced the tube", 20));
        await db.SaveChangesAsync();
    }
}
