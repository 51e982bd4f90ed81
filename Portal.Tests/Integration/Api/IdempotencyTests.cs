using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration.Api;

/// <summary>A POST with an Idempotency-Key registers at most one request, however often it is sent.</summary>
public sealed class IdempotencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_an_idempotency_key_nothing_is_registered()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var missing = await client.PostRawAsync(System.Text.Json.JsonSerializer.Serialize(ApiTestSupport.Repair("No idempotency key")), idempotencyKey: null);
        var invalid = await client.PostRequestAsync(ApiTestSupport.Repair("Bad idempotency key"), "with spaces inside");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Api.IdempotencyKeyRequired", (await missing.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("Api.IdempotencyKeyInvalid", (await invalid.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(0, await factory.CountRequestsAsync("No idempotency key"));
    }

    [Fact]
    public async Task A_replay_with_the_same_key_and_body_returns_the_first_answer_and_registers_nothing_more()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);
        var body = ApiTestSupport.Repair("Balcony drain blocked, sent twice");

        var first = await client.PostRequestAsync(body, "order-4711");
        var second = await client.PostRequestAsync(body, "order-4711");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await factory.CountRequestsAsync("Balcony drain blocked, sent twice"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_registers_nothing()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var first = await client.PostRequestAsync(ApiTestSupport.Repair("Front door lock sticks"), "reused-key");
        var other = await client.PostRequestAsync(ApiTestSupport.Repair("Back door lock sticks"), "reused-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("Api.IdempotencyKeyReused", (await other.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(0, await factory.CountRequestsAsync("Back door lock sticks"));
    }

    [Fact]
    public async Task Keys_belong_to_one_api_key_so_two_integrations_may_use_the_same_string()
    {
        var wechat = factory.ApiClient((await factory.IssueKeyAsync()).Key);
        var phone = factory.ApiClient((await factory.IssueKeyAsync("Call-centre", Portal.Domain.Requests.Channel.Phone)).Key);

        var a = await wechat.PostRequestAsync(ApiTestSupport.Repair("Same key string, WeChat"), "shared-1");
        var b = await phone.PostRequestAsync(ApiTestSupport.Repair("Same key string, phone"), "shared-1");

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.NotEqual((await a.JsonAsync()).GetProperty("number").GetString(), (await b.JsonAsync()).GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_refused_call_frees_its_key_so_the_corrected_body_can_use_it()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);
        var body = ApiTestSupport.Repair("Fixed after a 400");
        body["category"] = "plumbin";

        var refused = await client.PostRequestAsync(body, "retry-after-fix");
        body["category"] = "plumbing";
        var accepted = await client.PostRequestAsync(body, "retry-after-fix");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(1, await factory.CountRequestsAsync("Fixed after a 400"));
    }

    [Fact]
    public async Task Concurrent_calls_with_one_key_register_exactly_one_request_and_all_get_its_answer()
    {
        var key = await factory.IssueKeyAsync();
        var body = ApiTestSupport.Repair("Water pouring from the ceiling, sent in a hurry");
        var clients = Enumerable.Range(0, 8).Select(_ => factory.ApiClient(key.Key)).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostRequestAsync(body, "burst-1")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("number").GetString()));
        Assert.Single(numbers.Distinct());
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await factory.CountRequestsAsync("Water pouring from the ceiling, sent in a hurry"));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_call_that_loses_the_race_for_its_key_inside_the_write_section_replays_the_winner()
    {
        // Two nodes (or a check that ran before the other call's commit) both found the key free;
        // the second write meets the unique index, tries again, and answers the first call's result.
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);
        var body = ApiTestSupport.Repair("Lift stuck between floors, two nodes");
        var store = factory.Get<IdempotencyStore>();
        var json = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(body));
        var (_, late) = await store.CheckAsync(key.Row.Id, "two-nodes", System.Security.Cryptography.SHA256.HashData(json), _ => new StoredAnswer(201, "{}", null));

        var first = await client.PostRawAsync(System.Text.Json.JsonSerializer.Serialize(body), "two-nodes");
        var resident = await factory.UserAsync(Portal.Infrastructure.Demo.DemoData.ResidentEmail);
        int unitId;
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            unitId = await db.Residencies.Where(r => r.UserId == resident.UserId).Select(r => r.UnitId).FirstAsync();
        }

        var draft = new Portal.Infrastructure.Requests.RegisterDraft
        {
            Type = Portal.Domain.Requests.RequestType.Repair,
            Category = Portal.Domain.Requests.RepairCategory.Plumbing,
            UnitId = unitId,
            EstateId = key.Row.EstateId,
            Description = "Lift stuck between floors, two nodes",
            ContactName = "Contact at 3-1304",
            ContactPhone = "13800138000",
            Channel = Portal.Domain.Requests.Channel.WeChat,
        };
        var (outcome, _) = await factory.Get<Portal.Infrastructure.Requests.RegisterRequest>().RegisterForIntegrationAsync(
            key.Row.EstateId, "late node", key.Row.Id, resident.UserId, draft, late);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(Portal.Infrastructure.Requests.RegisterRequest.StoppedByReceipt, outcome.ErrorCode);
        Assert.Equal(IdempotencyState.Replay, late.Claim!.State);
        Assert.Equal(await first.Content.ReadAsStringAsync(), late.Claim.ResponseBody);
        Assert.Equal(1, await factory.CountRequestsAsync("Lift stuck between floors, two nodes"));
    }

    [Fact]
    public async Task Keys_are_forgotten_after_a_day()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);
        Assert.Equal(HttpStatusCode.Created, (await client.PostRequestAsync(ApiTestSupport.Repair("Old key, first use"), "yesterday")).StatusCode);
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var aged = DateTimeOffset.UtcNow - IdempotencyStore.KeepFor - TimeSpan.FromMinutes(1);
            var rows = await db.IdempotencyRecords.Where(r => r.ApiKeyId == key.Row.Id).ToListAsync();
            foreach (var row in rows)
            {
                db.Entry(row).Property(r => r.CreatedAt).CurrentValue = aged;
            }

            await db.SaveChangesAsync();
        }

        // An expired key is free again for a new body even before the sweep…
        var reused = await client.PostRequestAsync(ApiTestSupport.Repair("Old key, new day"), "yesterday");
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
        Assert.False(reused.Headers.Contains("Idempotent-Replayed"));

        // …and the hourly sweep removes what is older than a day.
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var row = await db.IdempotencyRecords.SingleAsync(r => r.ApiKeyId == key.Row.Id);
            db.Entry(row).Property(r => r.CreatedAt).CurrentValue = DateTimeOffset.UtcNow - IdempotencyStore.KeepFor - TimeSpan.FromMinutes(1);
            await db.SaveChangesAsync();
        }

        Assert.True(await factory.Get<IdempotencyStore>().SweepAsync() >= 1);
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.ApiKeyId == key.Row.Id));
        }
    }
}
