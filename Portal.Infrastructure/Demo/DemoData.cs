using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Estates;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Demo;

/// <summary>
/// The demo estate and one login per role, created on the first run of the embedded SQLite
/// default only (never on SQL Server). The README lists the logins.
/// </summary>
public sealed class DemoData(PortalDbContext db, UserManager<PortalUser> users, TimeProvider clock)
{
    public const string Password = "portal-demo-2026";
    public const string ResidentEmail = "resident@portal.demo";
    public const string NeighbourEmail = "neighbour@portal.demo";
    public const string DeskEmail = "desk@portal.demo";
    public const string ButlerEmail = "butler@portal.demo";
    public const string TechnicianEmail = "tech@portal.demo";
    public const string SecondTechnicianEmail = "tech2@portal.demo";
    public const string SupervisorEmail = "supervisor@portal.demo";
    public const string ManagerEmail = "manager@portal.demo";
    public const string AdminEmail = "admin@portal.demo";

    /// <summary>A free unit (building 2, unit 801) whose code the README offers for trying registration.</summary>
    public const string OpenInvitationCode = "TRY3-HERE";

    /// <summary>Creates the demo estate and people on an empty database; the roles must exist.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Estates.AnyAsync(ct) || await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var estate = new Estate("Harbour View 海景花园", "HV", "Asia/Shanghai");
        db.Estates.Add(estate);
        await db.SaveChangesAsync(ct);

        var units = new Dictionary<string, Unit>();
        for (var b = 1; b <= 3; b++)
        {
            var building = new Building(estate.Id, b.ToString(System.Globalization.CultureInfo.InvariantCulture), b);
            db.Buildings.Add(building);
            await db.SaveChangesAsync(ct);
            for (var floor = 1; floor <= 15; floor++)
            {
                for (var door = 1; door <= 4; door++)
                {
                    var number = $"{floor}{door:00}";
                    var code = (b, number) == (2, "801") ? OpenInvitationCode : InvitationCode.Generate();
                    var unit = new Unit(building.Id, number, floor, code, now);
                    units[$"{b}-{number}"] = unit;
                    db.Units.Add(unit);
                }
            }
        }

        await db.SaveChangesAsync(ct);

        var resident = await CreateUserAsync(ResidentEmail, "王丽 Wang Li", "13800138000", Roles.Resident);
        var neighbour = await CreateUserAsync(NeighbourEmail, "陈明 Chen Ming", "13900139000", Roles.Resident);
        db.Residencies.Add(new Residency(resident.Id, units["3-1304"].Id, now));
        db.Residencies.Add(new Residency(neighbour.Id, units["1-502"].Id, now));

        foreach (var (email, name, phone, role) in new[]
                 {
                     (DeskEmail, "前台 李娜 Li Na", "13700137001", Roles.FrontDesk),
                     (ButlerEmail, "管家 张伟 Zhang Wei", "13700137002", Roles.Butler),
                     (TechnicianEmail, "维修 刘强 Liu Qiang", "13700137003", Roles.Technician),
                     (SecondTechnicianEmail, "维修 王刚 Wang Gang", "13700137006", Roles.Technician),
                     (SupervisorEmail, "主管 赵敏 Zhao Min", "13700137004", Roles.Supervisor),
                     (ManagerEmail, "主任 陈静 Chen Jing", "13700137007", Roles.Manager),
                     (AdminEmail, "管理员 Admin", "13700137005", Roles.Admin),
                 })
        {
            var staff = await CreateUserAsync(email, name, phone, role);
            db.StaffEstates.Add(new StaffEstate(staff.Id, estate.Id));
            if (role == Roles.Butler)
            {
                // One butler looks after every building of the demo estate.
                foreach (var building in await db.Buildings.Where(b => b.EstateId == estate.Id).ToListAsync(ct))
                {
                    db.BuildingButlers.Add(new BuildingButler(building.Id, staff.Id));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<PortalUser> CreateUserAsync(string email, string name, string phone, string role)
    {
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = phone,
            DisplayName = name,
            CreatedAt = clock.GetUtcNow(),
        };
        Ensure(await users.CreateAsync(user, Password));
        Ensure(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
