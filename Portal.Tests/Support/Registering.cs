using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Estates;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Tests.Support;

/// <summary>A second estate with its own resident, desk clerk, butler and supervisor, for tests of who may see what.</summary>
public sealed record OtherEstate(int EstateId, int BuildingId, int UnitId, string ResidentEmail, string DeskEmail, string ButlerEmail, string SupervisorEmail);

/// <summary>Registers complaints, suggestions, inquiries and praise through the same use case the pages call.</summary>
public static class Registering
{
    public const string OtherEstateCode = "RS";

    /// <summary>A complete draft for the resident's first home, as the desk takes it on the phone.</summary>
    public static async Task<RegisterDraft> FeedbackDraftAsync(this PortalFactory factory, CurrentUser resident, RequestType type = RequestType.Complaint, Channel channel = Channel.Phone)
    {
        var home = (await factory.Get<ResidentHomes>().ListAsync(resident))[0];
        return new RegisterDraft
        {
            Type = type,
            ComplaintKind = type == RequestType.Complaint ? ComplaintKind.PropertyManagement : null,
            UnitId = home.UnitId,
            EstateId = home.EstateId,
            Description = "Rubbish bags left outside the lift for three days",
            ContactName = resident.DisplayName,
            ContactPhone = "13800138000",
            Channel = channel,
        };
    }

    /// <summary>The desk (or another member of staff) registers for a resident; the registration must succeed.</summary>
    public static async Task<FiledRequest> RegisterForAsync(this PortalFactory factory, string residentEmail, RegisterDraft draft, string staffEmail = DemoData.DeskEmail)
    {
        var staff = await factory.UserAsync(staffEmail);
        var resident = await factory.UserAsync(residentEmail);
        var (outcome, errors) = await factory.Get<RegisterRequest>().RegisterOnBehalfAsync(staff, resident.UserId, draft);
        Assert.Empty(errors);
        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        return outcome.Value!;
    }

    /// <summary>The resident rings the desk with a complaint about property management.</summary>
    public static async Task<FiledRequest> PhoneComplaintAsync(this PortalFactory factory, string residentEmail = DemoData.ResidentEmail)
    {
        var resident = await factory.UserAsync(residentEmail);
        return await factory.RegisterForAsync(residentEmail, await factory.FeedbackDraftAsync(resident));
    }

    public static async Task<int> RequestCountAsync(this PortalFactory factory)
    {
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ServiceRequests.CountAsync();
    }

    /// <summary>Creates a person with one role; staff work for <paramref name="estateId"/>. Reuses the account if it exists.</summary>
    public static async Task<CurrentUser> CreateUserAsync(this PortalFactory factory, string email, string name, string phone, string role, int? estateId = null)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, PhoneNumber = phone, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
                Ensure(await users.CreateAsync(user, DemoData.Password));
                Ensure(await users.AddToRoleAsync(user, role));
                if (estateId is { } estate)
                {
                    await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
                    db.StaffEstates.Add(new StaffEstate(user.Id, estate));
                    await db.SaveChangesAsync();
                }
            }
        }

        return await factory.UserAsync(email);
    }

    public static async Task<int> DemoEstateIdAsync(this PortalFactory factory)
    {
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Estates.Where(e => e.Code == "HV").Select(e => e.Id).SingleAsync();
    }

    /// <summary>A second estate of the company, created once per app: one building, one unit, one resident and its own staff.</summary>
    public static async Task<OtherEstate> OtherEstateAsync(this PortalFactory factory)
    {
        int estateId, buildingId, unitId;
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var estate = await db.Estates.FirstOrDefaultAsync(e => e.Code == OtherEstateCode);
            if (estate is null)
            {
                estate = new Estate("Riverside 江畔苑", OtherEstateCode, "Asia/Shanghai");
                db.Estates.Add(estate);
                await db.SaveChangesAsync();
                var building = new Building(estate.Id, "A", 1);
                db.Buildings.Add(building);
                await db.SaveChangesAsync();
                db.Units.Add(new Unit(building.Id, "101", 1, InvitationCode.Generate(), DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }

            estateId = estate.Id;
            buildingId = await db.Buildings.Where(b => b.EstateId == estateId).Select(b => b.Id).SingleAsync();
            unitId = await db.Units.Where(u => u.BuildingId == buildingId).Select(u => u.Id).SingleAsync();
        }

        var other = new OtherEstate(estateId, buildingId, unitId, "resident@riverside.test", "desk@riverside.test", "butler@riverside.test", "supervisor@riverside.test");
        var resident = await factory.CreateUserAsync(other.ResidentEmail, "江畔住户 Riverside Resident", "13600136000", Roles.Resident);
        var butler = await factory.CreateUserAsync(other.ButlerEmail, "江畔管家 Riverside Butler", "13600136002", Roles.Butler, estateId);
        await factory.CreateUserAsync(other.DeskEmail, "江畔前台 Riverside Desk", "13600136001", Roles.FrontDesk, estateId);
        await factory.CreateUserAsync(other.SupervisorEmail, "江畔主管 Riverside Supervisor", "13600136003", Roles.Supervisor, estateId);
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            if (!await db.Residencies.AnyAsync(r => r.UserId == resident.UserId))
            {
                db.Residencies.Add(new Residency(resident.UserId, unitId, DateTimeOffset.UtcNow));
                db.BuildingButlers.Add(new BuildingButler(buildingId, butler.UserId));
                await db.SaveChangesAsync();
            }
        }

        return other;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
