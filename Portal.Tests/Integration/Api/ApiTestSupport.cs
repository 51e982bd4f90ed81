using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Estates;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration.Api;

/// <summary>A second estate with one building, one unit and one resident, for cross-estate checks.</summary>
public sealed record OtherEstate(int EstateId, string Building, string Unit, string ResidentPhone);

/// <summary>Keys are issued through the admin's use case, exactly as the admin page does.</summary>
public static class ApiTestSupport
{
    public const string Path = "/api/v1/requests";

    public static async Task<IssuedApiKey> IssueKeyAsync(this PortalFactory factory, string name = "WeChat bridge", Channel channel = Channel.WeChat, int? estateId = null)
    {
        var admin = await factory.UserAsync(DemoData.AdminEmail);
        var keys = factory.Get<ApiKeys>();
        var estate = estateId ?? (await keys.EstatesAsync(admin)).First(e => e.Name.StartsWith("Harbour View", StringComparison.Ordinal)).Id;
        var issued = await keys.IssueAsync(admin, name, estate, channel);
        Assert.True(issued.Succeeded, issued.ErrorCode);
        return issued.Value!;
    }

    /// <summary>A client that sends the key (and nothing else: no cookie) and asks for <paramref name="language"/>.</summary>
    public static HttpClient ApiClient(this PortalFactory factory, string? key, string language = "en")
    {
        var client = factory.CreateClient(factory.Client(handleCookies: false));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static Task<HttpResponseMessage> PostRequestAsync(this HttpClient client, object body, string? idempotencyKey = null) =>
        client.PostRawAsync(JsonSerializer.Serialize(body), idempotencyKey ?? Guid.NewGuid().ToString());

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string json, string? idempotencyKey, string contentType = "application/json")
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(json, System.Text.Encoding.UTF8, contentType) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(message);
    }

    /// <summary>A valid repair for the demo resident in building 3, unit 1304.</summary>
    public static Dictionary<string, object?> Repair(string description = "Kitchen tap drips all night") => new()
    {
        ["type"] = "repair",
        ["category"] = "plumbing",
        ["building"] = "3",
        ["unit"] = "1304",
        ["residentPhone"] = "13800138000",
        ["contactName"] = "Contact at 3-1304",
        ["contactPhone"] = "138 0013 8000",
        ["description"] = description,
        ["urgent"] = false,
    };

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    /// <summary>The messages of one field of a validation problem.</summary>
    public static string[] Errors(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : [];

    public static string[] ErrorCodes(this JsonElement problem, string field) =>
        problem.GetProperty("errorCodes").TryGetProperty(field, out var codes)
            ? codes.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : [];

    public static async Task<int> CountRequestsAsync(this PortalFactory factory, string description)
    {
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ServiceRequests.CountAsync(r => r.Description == description);
    }

    /// <summary>Creates another estate the demo admin also works for, with one resident.</summary>
    public static async Task<OtherEstate> OtherEstateAsync(this PortalFactory factory, string residentPhone)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var code = "GC" + Guid.NewGuid().ToString("N")[..6];
        var estate = new Estate("Garden Court 花园阁 " + code, code, "Asia/Shanghai");
        db.Estates.Add(estate);
        await db.SaveChangesAsync();
        var building = new Building(estate.Id, "A", 1);
        db.Buildings.Add(building);
        await db.SaveChangesAsync();
        var unit = new Unit(building.Id, "101", 1, InvitationCode.Generate(), DateTimeOffset.UtcNow);
        db.Units.Add(unit);
        var resident = new PortalUser { UserName = $"{code}@example.com", Email = $"{code}@example.com", DisplayName = "Garden Court resident", PhoneNumber = residentPhone };
        Assert.True((await users.CreateAsync(resident, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(resident, Roles.Resident)).Succeeded);
        await db.SaveChangesAsync();
        db.Residencies.Add(new Residency(resident.Id, unit.Id, DateTimeOffset.UtcNow));
        var admin = await users.FindByEmailAsync(DemoData.AdminEmail);
        db.StaffEstates.Add(new StaffEstate(admin!.Id, estate.Id));
        await db.SaveChangesAsync();
        return new OtherEstate(estate.Id, "A", "101", residentPhone);
    }
}
