using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public sealed class AccountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_demo_resident_signs_in_and_reaches_her_requests()
    {
        var client = await factory.ClientForAsync(DemoData.ResidentEmail);
        var response = await client.GetAsync("/requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_resident_can_sign_in_with_her_phone_number()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await SignIn.PostLoginAsync(client, "138 0013 8000", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Pages_for_residents_send_strangers_to_sign_in()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/requests/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await RegisterAsync("lockout@example.com", "a quiet street by the river", code: null);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        for (var i = 0; i < 5; i++)
        {
            var wrong = await SignIn.PostLoginAsync(client, "lockout@example.com", "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await SignIn.PostLoginAsync(client, "lockout@example.com", "a quiet street by the river");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Registering_with_an_invitation_code_binds_the_unit()
    {
        var response = await RegisterAsync("newcomer@example.com", "lanterns over the harbour", DemoData.OpenInvitationCode.ToLowerInvariant().Replace("-", " "));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var bound = await (
            from u in db.Users
            join r in db.Residencies on u.Id equals r.UserId
            join unit in db.Units on r.UnitId equals unit.Id
            where u.Email == "newcomer@example.com"
            select unit.Number).SingleAsync();
        Assert.Equal("801", bound);
    }

    [Fact]
    public async Task A_common_password_is_refused_in_the_users_language_and_the_form_keeps_what_was_typed()
    {
        var response = await RegisterAsync("weak@example.com", "password1234", code: null, language: "zh-CN", phone: "13512345678");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("密码过于常见", html, StringComparison.Ordinal);
        Assert.Contains("value=\"weak@example.com\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"13512345678\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_password_is_refused_with_the_required_length()
    {
        var html = await (await RegisterAsync("short@example.com", "tiny pass", code: null, language: "en")).Content.ReadAsStringAsync();
        Assert.Contains("at least 12 characters", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_invitation_code_is_refused_before_any_account_is_made()
    {
        var html = await (await RegisterAsync("typo@example.com", "the long and winding road", "ABCD-EFGH", language: "en")).Content.ReadAsStringAsync();
        Assert.Contains("This code is not valid", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ABCD-EFGH\"", html, StringComparison.Ordinal);

        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "typo@example.com"));
    }

    [Fact]
    public async Task A_phone_number_already_registered_is_refused()
    {
        var html = await (await RegisterAsync("second@example.com", "a second long passphrase", code: null, language: "en", phone: "13800138000")).Content.ReadAsStringAsync();
        Assert.Contains("This phone number already has an account", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_named_in_the_users_language()
    {
        var html = await (await RegisterAsync("", "", code: null, language: "zh-CN", name: "", phone: "12")).Content.ReadAsStringAsync();
        Assert.Contains("请输入姓名", html, StringComparison.Ordinal);
        Assert.Contains("请输入有效的邮箱地址", html, StringComparison.Ordinal);
        Assert.Contains("电话号码格式不正确", html, StringComparison.Ordinal);
        Assert.Contains("请输入密码", html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> RegisterAsync(string email, string password, string? code, string language = "en", string name = "Test Resident", string? phone = null)
    {
        // Each account needs its own phone number (it is a sign-in name too).
        phone ??= "137" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var page = await client.GetStringAsync("/Account/Register");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Phone"] = phone,
            ["Input.Password"] = password,
            ["Input.InvitationCode"] = code ?? "",
        };
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(form));
    }
}

public sealed class SignInRateLimitTests : IClassFixture<SignInRateLimitTests.StrictFactory>
{
    private readonly StrictFactory _factory;

    public SignInRateLimitTests(StrictFactory factory) => _factory = factory;

    public sealed class StrictFactory : PortalFactory
    {
        public StrictFactory() => Settings["Portal:SignIn:PermitPerMinute"] = "3";
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429_and_a_message()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await SignIn.PostLoginAsync(client, "nobody@example.com", "whatever it is you typed");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("尝试次数过多", await last!.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }
}
