using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Bench.Hosting;
using Portal.Domain.Common;
using Portal.Domain.Estates;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Identity;

namespace Portal.Bench.Scenarios;

public sealed record SeedResult(
    int Requests, int OpenRequests, int Residents, int Units, int Estates, TimeSpan Elapsed, TimeSpan PeopleAndPlaces,
    int LargestEstateId, string LargestEstateName, int OpenInLargestEstate, int DemoResidentRequests);

/// <summary>
/// Fills the app's database (already migrated and seeded with the demo estate by the app) with a year
/// of requests, deterministically (fixed <see cref="Random"/> seed). Every request is a
/// <see cref="ServiceRequest"/> aggregate built through the domain's own methods (FileRepair, Accept,
/// Dispatch, Start, Complete, LogCallAttempt, RecordFollowUp, Rate, Close, Cancel, PutOnHold), so the
/// data is valid; they are inserted by EF in batches, one DbContext per batch, automatic change
/// detection off. People and places (2 more estates, units, 4,000 resident accounts) go in by EF too,
/// the accounts without passwords (they never sign in).
/// </summary>
public sealed class ScaleSeeder(BenchApp app, int totalRequests, int batchSize = 5_000, int seed = 20261123)
{
    public const int BenchResidents = 4_000;
    public const int OpenRequests = 400;
    public const int DemoResidentRequests = 50;

    private static readonly (RepairCategory Category, int Weight)[] Categories =
    [
        (RepairCategory.Plumbing, 30), (RepairCategory.Electrical, 22), (RepairCategory.AirConditioning, 20),
        (RepairCategory.DoorsAndWindows, 8), (RepairCategory.WallsAndFloors, 6), (RepairCategory.Lift, 5),
        (RepairCategory.PublicFacilities, 5), (RepairCategory.Other, 4),
    ];

    private static readonly (Channel Channel, int Weight)[] Channels =
        [(Channel.Portal, 60), (Channel.Phone, 25), (Channel.WeChat, 10), (Channel.WalkIn, 5)];

    private static readonly (RequestStatus Status, int Weight)[] OpenMix =
    [
        (RequestStatus.Submitted, 25), (RequestStatus.Accepted, 15), (RequestStatus.Dispatched, 20),
        (RequestStatus.InProgress, 15), (RequestStatus.OnHold, 10), (RequestStatus.Completed, 15),
    ];

    private static readonly string[] Spots =
        ["Lobby", "B2 car park, near lift 3", "Garden path by the fountain", "Stairwell, 5th floor", "Bicycle shed", "Main gate intercom"];

    private static readonly Dictionary<RepairCategory, string> Descriptions = new()
    {
        [RepairCategory.Plumbing] = "Kitchen tap drips and the sink drains slowly",
        [RepairCategory.Electrical] = "Bathroom light flickers and the breaker trips",
        [RepairCategory.AirConditioning] = "Bedroom air-conditioner is leaking water",
        [RepairCategory.DoorsAndWindows] = "Balcony door does not lock",
        [RepairCategory.WallsAndFloors] = "Crack in the living-room ceiling",
        [RepairCategory.Lift] = "Lift stops between floors",
        [RepairCategory.PublicFacilities] = "Street lamp out",
        [RepairCategory.Other] = "Something rattles in the wall at night",
    };

    private sealed record Resident(string Id, string Name, string Phone, int EstateId, int BuildingId, int UnitId);

    public async Task<SeedResult> SeedAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = DateTimeOffset.UtcNow;

        await using var db = await factory.CreateDbContextAsync(ct);
        var demo = await db.Estates.SingleAsync(e => e.Code == "HV", ct);
        var userIds = await db.Users.Where(u => u.Email!.EndsWith("@portal.demo")).ToDictionaryAsync(u => u.Email!, ct);
        var desk = userIds[DemoData.DeskEmail];
        var technicians = new[] { userIds[DemoData.TechnicianEmail], userIds[DemoData.SecondTechnicianEmail] };
        var deskActor = new Actor(desk.Id, desk.DisplayName, ActorRole.FrontDesk);
        var technicianActors = technicians.Select(t => new Actor(t.Id, t.DisplayName, ActorRole.Technician)).ToArray();
        var assignees = technicians.Select(t => Assignee.Technician(t.Id, t.DisplayName)).ToArray();

        // Two more estates, each 10 buildings × 30 floors × 6 doors, with the demo staff on them.
        var estates = new List<Estate> { demo };
        foreach (var (name, code) in new[] { ("Riverside 江畔苑", "RS"), ("Garden Court 花园阁", "GC") })
        {
            var estate = new Estate(name, code, "Asia/Shanghai");
            db.Estates.Add(estate);
            await db.SaveChangesAsync(ct);
            estates.Add(estate);
            var buildings = Enumerable.Range(1, 10).Select(b => new Building(estate.Id, b.ToString(CultureInfo.InvariantCulture), b)).ToList();
            db.Buildings.AddRange(buildings);
            await db.SaveChangesAsync(ct);
            foreach (var building in buildings)
            {
                for (var floor = 1; floor <= 30; floor++)
                {
                    for (var door = 1; door <= 6; door++)
                    {
                        db.Units.Add(new Unit(building.Id, $"{floor}{door:00}", floor, InvitationCode.Generate(), now));
                    }
                }
            }

            foreach (var staff in new[] { DemoData.DeskEmail, DemoData.TechnicianEmail, DemoData.SecondTechnicianEmail, DemoData.SupervisorEmail, DemoData.AdminEmail })
            {
                db.StaffEstates.Add(new StaffEstate(userIds[staff].Id, estate.Id));
            }

            await db.SaveChangesAsync(ct);
        }

        var units = await (
            from u in db.Units
            join b in db.Buildings on u.BuildingId equals b.Id
            orderby b.EstateId, b.SortOrder, u.Id
            select new { u.Id, u.BuildingId, b.EstateId }).ToListAsync(ct);

        // Resident accounts: one (or two) per unit, spread over the three estates.
        var residentRole = await db.Roles.SingleAsync(r => r.Name == Roles.Resident, ct);
        var residents = new List<Resident>(BenchResidents);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < BenchResidents; i++)
        {
            var unit = units[i % units.Count];
            var email = $"r{i:0000}@bench.portal";
            var user = new PortalUser
            {
                Id = new Guid(i + 1, 0, 0, new byte[8]).ToString(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PhoneNumber = $"139{i:00000000}",
                DisplayName = $"Resident {i:0000}",
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now.AddYears(-2),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = residentRole.Id });
            db.Residencies.Add(new Residency(user.Id, unit.Id, now.AddYears(-2)));
            residents.Add(new Resident(user.Id, user.DisplayName, user.PhoneNumber, unit.EstateId, unit.BuildingId, unit.Id));
        }

        await db.SaveChangesAsync(ct);
        var demoResident = userIds[DemoData.ResidentEmail];
        var demoHome = await (
            from r in db.Residencies
            where r.UserId == demoResident.Id
            join u in db.Units on r.UnitId equals u.Id
            join b in db.Buildings on u.BuildingId equals b.Id
            select new Resident(demoResident.Id, demoResident.DisplayName, demoResident.PhoneNumber!, b.EstateId, b.Id, u.Id)).SingleAsync(ct);
        var buildingsByEstate = units.GroupBy(u => u.EstateId).ToDictionary(g => g.Key, g => g.Select(u => u.BuildingId).Distinct().ToArray());
        var peopleAndPlaces = clock.Elapsed;

        // A year of filing times, up to now: more by day than by night (Asia/Shanghai, UTC+8).
        var start = now.AddDays(-365);
        var times = new DateTimeOffset[totalRequests];
        for (var i = 0; i < totalRequests; i++)
        {
            var day = start.AddDays(random.Next(365)).Date;
            var localHour = random.NextDouble() < 0.9 ? 8 + random.Next(14) : random.Next(24);
            times[i] = new DateTimeOffset(day, TimeSpan.Zero).AddHours(localHour - 8).AddSeconds(random.Next(3600));
        }

        Array.Sort(times);
        var demoSlots = Enumerable.Range(0, totalRequests).OrderBy(_ => random.Next()).Take(DemoResidentRequests).ToHashSet();
        var sequences = new Dictionary<DateOnly, int>();
        var policy = FollowUpPolicy.Default(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var batch = new List<ServiceRequest>(batchSize);
        var largest = estates[1];
        var openInLargest = 0;
        for (var i = 0; i < totalRequests; i++)
        {
            var at = times[i];
            var who = demoSlots.Contains(i) ? demoHome : residents[random.Next(residents.Count)];
            var localDate = DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var sequence = sequences[localDate] = sequences.GetValueOrDefault(localDate) + 1;
            var isPublic = random.NextDouble() < 0.15;
            var category = isPublic && random.NextDouble() < 0.4
                ? (random.NextDouble() < 0.5 ? RepairCategory.Lift : RepairCategory.PublicFacilities)
                : Pick(random, Categories);
            var location = isPublic
                ? Location.PublicArea(who.EstateId, random.NextDouble() < 0.7 ? buildingsByEstate[who.EstateId][random.Next(buildingsByEstate[who.EstateId].Length)] : null, Spots[random.Next(Spots.Length)])
                : Location.InUnit(who.EstateId, who.BuildingId, who.UnitId);
            var channel = Pick(random, Channels);
            var priority = random.Next(100) switch { < 10 => Priority.Low, < 90 => Priority.Normal, < 97 => Priority.High, _ => Priority.Urgent };
            var residentActor = new Actor(who.Id, who.Name, ActorRole.Resident);
            var request = ServiceRequest.FileRepair(
                RequestNumber.Create(RequestType.Repair, localDate, sequence), who.Id, category, location, Descriptions[category], null,
                who.Name, who.Phone, channel, [], channel == Channel.Portal ? residentActor : deskActor, at, priority);

            var open = i >= totalRequests - OpenRequests;
            if (open)
            {
                Advance(request, Pick(random, OpenMix), random, at, residentActor, deskActor, technicianActors, assignees, policy, minutes: 5);
                if (who.EstateId == largest.Id)
                {
                    openInLargest++;
                }
            }
            else
            {
                var final = random.Next(100) switch
                {
                    < 3 => RequestStatus.Cancelled,
                    < 5 => RequestStatus.FollowedUp,
                    < 25 => RequestStatus.Rated,
                    _ => RequestStatus.Closed,
                };
                Advance(request, final, random, at, residentActor, deskActor, technicianActors, assignees, policy, minutes: 60);
            }

            batch.Add(request);
            if (batch.Count == batchSize || i == totalRequests - 1)
            {
                await using var batchDb = await factory.CreateDbContextAsync(ct);
                batchDb.ChangeTracker.AutoDetectChangesEnabled = false;
                batchDb.ServiceRequests.AddRange(batch);
                await batchDb.SaveChangesAsync(ct);
                batch.Clear();
                if ((i + 1) % 50_000 < batchSize)
                {
                    Console.Error.WriteLine($"[queries] seeded {i + 1:N0} requests in {clock.Elapsed.TotalSeconds:0} s");
                }
            }
        }

        return new SeedResult(
            totalRequests, OpenRequests, BenchResidents + 2, units.Count, estates.Count, clock.Elapsed, peopleAndPlaces,
            largest.Id, largest.Name, openInLargest, DemoResidentRequests);
    }

    /// <summary>Walks one request through the life cycle up to <paramref name="target"/>, as the staff would.</summary>
    private static void Advance(
        ServiceRequest r, RequestStatus target, Random random, DateTimeOffset at, Actor resident, Actor desk,
        Actor[] technicians, Assignee[] assignees, FollowUpPolicy policy, int minutes)
    {
        if (target == RequestStatus.Submitted)
        {
            return;
        }

        DateTimeOffset Next() => at = at.AddMinutes(1 + random.Next(minutes));
        if (target == RequestStatus.Cancelled)
        {
            r.Cancel(resident, Next(), "Fixed it myself");
            return;
        }

        r.Accept(desk, Next(), r.Priority, null);
        if (target == RequestStatus.Accepted)
        {
            return;
        }

        var who = random.Next(technicians.Length);
        r.Dispatch(desk, Next(), assignees[who], null);
        if (target == RequestStatus.Dispatched)
        {
            return;
        }

        r.Start(technicians[who], Next());
        if (target == RequestStatus.InProgress)
        {
            return;
        }

        if (target == RequestStatus.OnHold)
        {
            r.PutOnHold(HoldReason.AwaitingParts, technicians[who], Next(), "Part ordered");
            return;
        }

        r.Complete(technicians[who], Next(), new CompletionReport("Found the cause and repaired it", 15 + random.Next(120)));
        if (target == RequestStatus.Completed)
        {
            return;
        }

        at = at.AddHours(20 + random.Next(24));
        r.LogCallAttempt(desk, at, CallResult.Reached, policy, OutOfHoursReason.AgreedWithResident);
        r.RecordFollowUp(random.Next(10) == 0 ? FollowUpOutcome.PartlyResolvedAccepted : FollowUpOutcome.Resolved, desk, Next(), null, policy);
        if (target == RequestStatus.FollowedUp)
        {
            return;
        }

        var rate = target == RequestStatus.Rated || random.Next(100) < 40;
        if (rate)
        {
            at = at.AddHours(1 + random.Next(72));
            var overall = random.Next(100) < 70 ? 5 : random.Next(100) < 80 ? 4 : 3;
            r.Rate(resident, at, new RatingScores(overall, overall, overall, overall, null));
        }

        if (target == RequestStatus.Closed)
        {
            r.Close(desk, at.AddHours(1), null);
        }
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
