using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration.Api;

/// <summary>Registering and reading requests through the intake API, over real HTTP and SQLite.</summary>
public sealed partial class IntakeApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [GeneratedRegex(@"^R\d{6}-\d{4}$")]
    private static partial Regex NumberPattern();

    [Fact]
    public async Task A_registered_repair_answers_201_with_its_number_deadline_and_where_to_read_it()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var response = await client.PostRequestAsync(ApiTestSupport.Repair("Bathroom tap drips, registered by WeChat"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var number = body.GetProperty("number").GetString()!;
        Assert.Matches(NumberPattern(), number);
        Assert.Equal("repair", body.GetProperty("type").GetString());
        Assert.Equal("submitted", body.GetProperty("status").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", body.GetProperty("resolveBy").GetString());
        Assert.Matches(@"^http://localhost/requests/\d+$", body.GetProperty("url").GetString());
        Assert.Equal($"/api/v1/requests/{number}", response.Headers.Location!.OriginalString);

        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await db.ServiceRequests.Include(r => r.Timeline).SingleAsync(r => r.Number == number);
        Assert.Equal(Channel.WeChat, stored.Channel);
        Assert.Equal(RepairCategory.Plumbing, stored.Category);
        Assert.Equal("13800138000", stored.ContactPhone);
        var filed = Assert.Single(stored.Timeline);
        Assert.Equal("WeChat bridge", filed.ActorName);
    }

    [Fact]
    public async Task The_status_shows_the_timeline_without_names_phones_or_notes()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);
        var created = await (await client.PostRequestAsync(ApiTestSupport.Repair("Hall light flickers since Monday"))).JsonAsync();
        var number = created.GetProperty("number").GetString()!;

        var response = await client.GetAsync($"/api/v1/requests/{number}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var state = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(number, state.GetProperty("number").GetString());
        Assert.Equal("submitted", state.GetProperty("status").GetString());
        Assert.True(state.TryGetProperty("submittedAt", out _));
        Assert.True(state.TryGetProperty("resolveBy", out _));
        Assert.False(state.TryGetProperty("completedAt", out _));
        var entry = Assert.Single(state.GetProperty("timeline").EnumerateArray());
        Assert.Equal("submitted", entry.GetProperty("event").GetString());
        Assert.Equal(["at", "event"], entry.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.DoesNotContain("Contact at 3-1304", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("WeChat bridge", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("flickers", raw, StringComparison.Ordinal);

        var lower = await client.GetAsync($"/api/v1/requests/{number.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
    }

    [Fact]
    public async Task A_public_spot_is_registered_in_the_estate_and_a_missing_place_means_the_residents_home()
    {
        var key = await factory.IssueKeyAsync(channel: Channel.Phone);
        using var client = factory.ApiClient(key.Key);

        var spot = await client.PostRequestAsync(new
        {
            type = "repair", category = "lift", building = "2", publicSpot = "Lobby, left lift", residentPhone = "13900139000",
            description = "Left lift door does not close",
        });
        var home = await client.PostRequestAsync(new { type = "repair", category = "electrical", residentPhone = "13900139000", description = "No power in the kitchen sockets" });

        Assert.Equal(HttpStatusCode.Created, spot.StatusCode);
        Assert.Equal(HttpStatusCode.Created, home.StatusCode);
        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var publicRequest = await db.ServiceRequests.SingleAsync(r => r.Description == "Left lift door does not close");
        Assert.True(publicRequest.Location.IsPublicArea);
        Assert.Equal("Lobby, left lift", publicRequest.Location.Spot);
        Assert.Equal(await db.Buildings.Where(b => b.Name == "2").Select(b => (int?)b.Id).FirstAsync(), publicRequest.Location.BuildingId);
        Assert.Equal("陈明 Chen Ming", publicRequest.ContactName);
        Assert.Equal(Channel.Phone, publicRequest.Channel);
        var homeRequest = await db.ServiceRequests.SingleAsync(r => r.Description == "No power in the kitchen sockets");
        var unit502 = await (from u in db.Units join b in db.Buildings on u.BuildingId equals b.Id where b.Name == "1" && u.Number == "502" select u.Id).SingleAsync();
        Assert.Equal(unit502, homeRequest.Location.UnitId);
    }

    [Fact]
    public async Task The_resident_is_found_whether_the_phone_has_spaces_dashes_or_the_country_code()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        foreach (var phone in new[] { "138 0013 8000", "138-0013-8000", "+86 138 0013 8000" })
        {
            var body = ApiTestSupport.Repair($"Found by {phone}");
            body["residentPhone"] = phone;
            Assert.Equal(HttpStatusCode.Created, (await client.PostRequestAsync(body)).StatusCode);
        }
    }

    [Fact]
    public async Task A_complaint_needs_its_kind_and_takes_no_category()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var response = await client.PostRequestAsync(new
        {
            type = "complaint", category = "plumbing", residentPhone = "13800138000", description = "Nobody answered the desk phone",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(["Api.Required"], problem.ErrorCodes("complaintKind"));
        Assert.Equal(["Only for repairs."], problem.Errors("category"));

        var fixedUp = await client.PostRequestAsync(new
        {
            type = "complaint", complaintKind = "customerService", residentPhone = "13800138000", description = "Nobody answered the desk phone",
        });
        Assert.Equal(HttpStatusCode.Created, fixedUp.StatusCode);
    }

    [Fact]
    public async Task Missing_and_invalid_fields_are_one_400_problem_keyed_by_json_name()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var response = await client.PostRequestAsync(new { building = "3", unit = "1304", publicSpot = "Roof", residentPhone = "12345", contactPhone = "abc", description = "Hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Some fields are missing or not valid.", problem.GetProperty("title").GetString());
        Assert.Equal(["Required."], problem.Errors("type"));
        Assert.Equal(["Api.UnitOrSpot"], problem.ErrorCodes("publicSpot"));
        Assert.Equal(["PhoneInvalid"], problem.ErrorCodes("residentPhone"));
        Assert.Equal(["PhoneInvalid"], problem.ErrorCodes("contactPhone"));
        Assert.Equal(["At least 5 characters."], problem.Errors("description"));
        Assert.Equal(0, await factory.CountRequestsAsync("Hi"));
    }

    [Fact]
    public async Task Unknown_enum_values_fields_and_wrong_types_are_named()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var badType = await (await client.PostRawAsync("""{"type":"repare","residentPhone":"13800138000","description":"Tap drips"}""", "e1")).JsonAsync();
        var typo = await (await client.PostRawAsync("""{"type":"repair","descripton":"Tap drips","colour":1}""", "e2")).JsonAsync();
        var wrongType = await (await client.PostRawAsync("""{"type":"repair","category":"plumbing","residentPhone":"13800138000","description":"Tap drips","urgent":"yes"}""", "e3")).JsonAsync();
        var number = await (await client.PostRawAsync("""{"type":1}""", "e4")).JsonAsync();

        Assert.Equal(["Use one of: repair, complaint, suggestion, inquiry, praise."], badType.Errors("type"));
        Assert.Equal(["Unknown field."], typo.Errors("descripton"));
        Assert.Equal(["Unknown field."], typo.Errors("colour"));
        Assert.Equal(["Api.InvalidValue"], wrongType.ErrorCodes("urgent"));
        Assert.Equal(["Api.UnknownValue"], number.ErrorCodes("type"));
    }

    [Fact]
    public async Task Malformed_json_a_wrong_content_type_and_a_huge_body_are_problems_never_stack_traces()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);

        var malformed = await client.PostRawAsync("""{"type":"repair", """, "m1");
        var array = await client.PostRawAsync("[1,2]", "m2");
        var text = await client.PostRawAsync("type=repair", "m3", "text/plain");
        var huge = await client.PostRawAsync($$"""{"description":"{{new string('x', 70_000)}}"}""", "m4");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = await malformed.JsonAsync();
        Assert.Equal("Api.MalformedJson", problem.GetProperty("code").GetString());
        Assert.Equal("The body is not a valid JSON object.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("   at ", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("Api.JsonOnly", (await text.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType!.MediaType);

        var put = await client.PutAsync("/api/v1/requests", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var nowhere = await client.GetAsync("/api/v1/nowhere");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("Api.MethodNotAllowed", (await put.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("Api.NoSuchPath", (await nowhere.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Problems_speak_chinese_when_the_caller_asks_for_it()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key, "zh-CN");
        var stranger = ApiTestSupport.Repair("Unknown resident, in Chinese");
        stranger["residentPhone"] = "13612345679";

        var invalid = await (await client.PostRequestAsync(new { type = "repair", category = "plumbing", residentPhone = "13800138000" })).JsonAsync();
        var unknown = await (await client.PostRequestAsync(stranger)).JsonAsync();
        using var anonymous = factory.ApiClient(null, "zh-CN");
        var noKey = await (await anonymous.GetAsync("/api/v1/requests/R261123-0001")).JsonAsync();

        Assert.Equal("部分字段缺失或无效。", invalid.GetProperty("title").GetString());
        Assert.Equal(["必填。"], invalid.Errors("description"));
        Assert.Equal("该诉求无法按所提交的内容登记。", unknown.GetProperty("title").GetString());
        Assert.Equal(["本小区没有使用该手机号的住户。"], unknown.Errors("residentPhone"));
        Assert.Equal("请在 X-Api-Key 请求头中提供接口密钥。", noKey.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Someone_who_is_not_a_resident_of_the_estate_or_not_of_that_unit_is_422()
    {
        var key = await factory.IssueKeyAsync();
        using var client = factory.ApiClient(key.Key);
        var stranger = ApiTestSupport.Repair("Stranger asks for a repair");
        stranger["residentPhone"] = "13612345678";
        var desk = ApiTestSupport.Repair("Staff phone is not a resident's");
        desk["residentPhone"] = "13700137001";
        var notHers = ApiTestSupport.Repair("Resident of another unit");
        notHers["unit"] = "1303";
        var noSuchBuilding = ApiTestSupport.Repair("Building that does not exist");
        noSuchBuilding["building"] = "9";

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["stranger"] = await client.PostRequestAsync(stranger),
            ["desk"] = await client.PostRequestAsync(desk),
            ["notHers"] = await client.PostRequestAsync(notHers),
            ["noSuchBuilding"] = await client.PostRequestAsync(noSuchBuilding),
        };

        Assert.All(responses.Values, r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(["No resident of this estate has this phone number."], (await responses["stranger"].JsonAsync()).Errors("residentPhone"));
        Assert.Equal(["Api.ResidentUnknown"], (await responses["desk"].JsonAsync()).ErrorCodes("residentPhone"));
        Assert.Equal(["Api.ResidentNotAtUnit"], (await responses["notHers"].JsonAsync()).ErrorCodes("unit"));
        Assert.Equal(["Api.BuildingUnknown"], (await responses["noSuchBuilding"].JsonAsync()).ErrorCodes("building"));
        Assert.Equal(0, await factory.CountRequestsAsync("Stranger asks for a repair"));
    }

    [Fact]
    public async Task A_key_of_one_estate_cannot_register_for_or_read_another_estates_requests()
    {
        var other = await factory.OtherEstateAsync("13612340001");
        var ours = await factory.IssueKeyAsync();
        var theirs = await factory.IssueKeyAsync("Garden Court call-centre", Channel.Phone, other.EstateId);
        using var ourClient = factory.ApiClient(ours.Key);
        using var theirClient = factory.ApiClient(theirs.Key);
        var created = await (await ourClient.PostRequestAsync(ApiTestSupport.Repair("Harbour View only"))).JsonAsync();
        var number = created.GetProperty("number").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await ourClient.GetAsync($"/api/v1/requests/{number}")).StatusCode);
        var sequence = int.Parse(number[8..]);
        for (var n = 1; n <= sequence + 2; n++)
        {
            var guess = $"{number[..8]}{n:D4}";
            var response = await theirClient.GetAsync($"/api/v1/requests/{guess}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Api.RequestNotFound", (await response.JsonAsync()).GetProperty("code").GetString());
        }

        // Harbour View's resident is nobody in Garden Court, and Garden Court's unit is not Harbour View's.
        var crossResident = await theirClient.PostRequestAsync(ApiTestSupport.Repair("Cross-estate registration"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crossResident.StatusCode);
        var ownResident = await theirClient.PostRequestAsync(new
        {
            type = "inquiry", building = other.Building, unit = other.Unit, residentPhone = other.ResidentPhone, description = "When is the water off?",
        });
        Assert.Equal(HttpStatusCode.Created, ownResident.StatusCode);
        var theirNumber = (await ownResident.JsonAsync()).GetProperty("number").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await ourClient.GetAsync($"/api/v1/requests/{theirNumber}")).StatusCode);
    }

    [Fact]
    public async Task No_key_a_wrong_key_and_a_revoked_key_are_401_with_the_scheme_named()
    {
        var key = await factory.IssueKeyAsync();
        var revoked = await factory.IssueKeyAsync("Old call-centre");
        using var revokedClient = factory.ApiClient(revoked.Key);
        Assert.Equal(HttpStatusCode.NotFound, (await revokedClient.GetAsync("/api/v1/requests/R000000-0000")).StatusCode); // works, and is cached
        var admin = await factory.UserAsync(Portal.Infrastructure.Demo.DemoData.AdminEmail);
        Assert.True((await factory.Get<Portal.Infrastructure.Integrations.ApiKeys>().RevokeAsync(admin, revoked.Row.Id)).Succeeded);

        var wrongSecret = key.Key[..^4] + (key.Key.EndsWith("aaaa", StringComparison.Ordinal) ? "bbbb" : "aaaa");
        var attempts = new Dictionary<string, HttpResponseMessage>
        {
            ["none"] = await factory.ApiClient(null).PostRequestAsync(ApiTestSupport.Repair()),
            ["garbage"] = await factory.ApiClient("hello").GetAsync("/api/v1/requests/R000000-0000"),
            ["wrong"] = await factory.ApiClient(wrongSecret).PostRequestAsync(ApiTestSupport.Repair()),
            ["revoked"] = await revokedClient.PostRequestAsync(ApiTestSupport.Repair("Sent with a revoked key")),
        };

        foreach (var (name, response) in attempts)
        {
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{name}: {(int)response.StatusCode}");
            Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal("Api.KeyMissing", (await attempts["none"].JsonAsync()).GetProperty("code").GetString());
        Assert.Equal("Api.KeyInvalid", (await attempts["revoked"].JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(0, await factory.CountRequestsAsync("Sent with a revoked key"));
    }

    [Fact]
    public async Task A_signed_in_persons_cookie_is_not_an_api_key()
    {
        using var admin = await factory.ClientForAsync(Portal.Infrastructure.Demo.DemoData.AdminEmail);

        var response = await admin.PostRequestAsync(ApiTestSupport.Repair("Posted with a cookie"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await factory.CountRequestsAsync("Posted with a cookie"));
    }
}
