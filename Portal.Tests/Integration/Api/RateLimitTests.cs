using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Integration.Api;

/// <summary>The app with a budget of five API calls per key and three sign-in posts per address and minute.</summary>
public sealed class LowApiLimitFactory : PortalFactory
{
    public const int PermitsPerMinute = 5;

    public const int SignInPermitsPerMinute = 3;

    public LowApiLimitFactory()
    {
        Settings["Portal:Api:PermitsPerMinute"] = PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Portal:SignIn:PermitPerMinute"] = SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class RateLimitTests(LowApiLimitFactory factory) : IClassFixture<LowApiLimitFactory>
{
    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_and_other_keys_carry_on()
    {
        var busy = factory.ApiClient((await factory.IssueKeyAsync("Busy bridge")).Key);
        var quiet = factory.ApiClient((await factory.IssueKeyAsync("Quiet call-centre")).Key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LowApiLimitFactory.PermitsPerMinute; i++)
        {
            statuses.Add((await busy.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
        }

        var refused = await busy.PostRequestAsync(ApiTestSupport.Repair("Over the limit"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var problem = await refused.JsonAsync();
        Assert.Equal("Api.RateLimited", problem.GetProperty("code").GetString());
        Assert.Equal($"Too many calls with this API key. Try again in {(int)retryAfter.TotalSeconds} seconds.", problem.GetProperty("title").GetString());
        Assert.Equal(0, await factory.CountRequestsAsync("Over the limit"));

        Assert.Equal(HttpStatusCode.NotFound, (await quiet.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
    }

    [Fact]
    public async Task Sending_someone_elses_prefix_with_a_wrong_secret_does_not_spend_their_budget()
    {
        var victim = (await factory.IssueKeyAsync("Victim bridge")).Key;
        var forged = factory.ApiClient(victim[..^6] + "222222");

        for (var i = 0; i < LowApiLimitFactory.PermitsPerMinute * 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient(victim).GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
    }

    [Fact]
    public async Task The_api_budget_and_the_sign_in_limit_are_counted_apart()
    {
        var api = factory.ApiClient((await factory.IssueKeyAsync("Bridge beside sign-in")).Key);
        for (var i = 0; i < LowApiLimitFactory.PermitsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);

        // Sign-in posts from the same address still have their own allowance of three, and their own answer.
        using var browser = factory.CreateClient(factory.Client());
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < LowApiLimitFactory.SignInPermitsPerMinute + 1; i++)
        {
            last = await SignIn.PostLoginAsync(browser, "nobody@example.com", "not the password at all");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("text/plain", last!.Content.Headers.ContentType!.MediaType);
    }
}
