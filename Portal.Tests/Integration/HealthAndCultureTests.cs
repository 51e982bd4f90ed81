using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public sealed class HealthAndCultureTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_reports_the_database_provider_and_migrations()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var data = json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("data");
        Assert.Equal("Sqlite", data.GetProperty("provider").GetString());
        Assert.Equal(0, data.GetProperty("pendingMigrations").GetInt32());
        Assert.True(data.GetProperty("appliedMigrations").GetInt32() >= 1);
    }

    [Fact]
    public async Task The_embedded_database_runs_in_wal_mode()
    {
        factory.CreateClient();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "登录", "lang=\"zh-CN\"")]
    [InlineData("zh", "登录", "lang=\"zh-CN\"")]
    [InlineData("en-GB,en;q=0.8", "Sign in", "lang=\"en\"")]
    public async Task The_browser_language_picks_the_culture(string acceptLanguage, string text, string htmlLang)
    {
        var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains(text, html, StringComparison.Ordinal);
        Assert.Contains(htmlLang, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switcher_cookie_wins_over_the_browser_language()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var switched = await client.GetAsync("/culture/en?returnUrl=%2FAccount%2FLogin");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login", switched.Headers.Location?.OriginalString);

        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("Sign in", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_switcher_never_redirects_off_site(string returnUrl)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/culture/zh-CN?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_culture_is_refused()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/culture/xx-YY");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
