using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration.Api;

/// <summary>Only administrators issue, see and revoke keys, for their own estates.</summary>
public sealed class ApiKeyAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_admin_issues_a_key_whose_secret_is_shown_once_and_stored_only_as_a_hash()
    {
        var issued = await factory.IssueKeyAsync("Hash check bridge");

        Assert.Matches("^pk_[a-z2-9]{8}_[a-z2-9]{43}$", issued.Key);
        Assert.Equal(issued.Key[3..11], issued.Row.Prefix);
        var admin = await factory.UserAsync(DemoData.AdminEmail);
        var listed = (await factory.Get<ApiKeys>().ListAsync(admin)).Single(k => k.Id == issued.Row.Id);
        Assert.Equal(("Hash check bridge", Channel.WeChat, null as DateTimeOffset?), (listed.Name, listed.Channel, listed.RevokedAt));
        Assert.Equal(admin.DisplayName, listed.CreatedByName);

        await using var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var row = await db.ApiKeys.SingleAsync(k => k.Id == issued.Row.Id);
        var secret = issued.Key[12..];
        Assert.Equal(32, row.SecretHash.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret)), row.SecretHash);
        var everyText = string.Join("|", row.Name, row.Prefix, row.CreatedById, row.CreatedByName);
        Assert.DoesNotContain(secret, everyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Front_desk_and_supervisors_can_neither_issue_nor_see_nor_revoke_keys()
    {
        var issued = await factory.IssueKeyAsync("Admin only");
        var keys = factory.Get<ApiKeys>();
        foreach (var email in new[] { DemoData.DeskEmail, DemoData.SupervisorEmail, DemoData.ResidentEmail })
        {
            var user = await factory.UserAsync(email);

            var issue = await keys.IssueAsync(user, "Sneaky bridge", issued.Row.EstateId, Channel.WeChat);
            var revoke = await keys.RevokeAsync(user, issued.Row.Id);

            Assert.Equal("NotFound", issue.ErrorCode);
            Assert.Equal("NotFound", revoke.ErrorCode);
            Assert.Empty(await keys.ListAsync(user));
            Assert.Empty(await keys.EstatesAsync(user));
        }

        var admin = await factory.UserAsync(DemoData.AdminEmail);
        var all = await keys.ListAsync(admin);
        Assert.DoesNotContain(all, k => k.Name == "Sneaky bridge");
        Assert.Null(all.Single(k => k.Id == issued.Row.Id).RevokedAt);
    }

    [Fact]
    public async Task The_page_is_for_administrators_only()
    {
        using var desk = await factory.ClientForAsync(DemoData.DeskEmail);
        using var admin = await factory.ClientForAsync(DemoData.AdminEmail);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var refused = await desk.GetAsync("/staff/integrations");
        var page = await admin.GetStringAsync("/staff/integrations");

        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("Integrations and API keys", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuing_is_refused_without_a_name_for_the_portal_channel_and_for_an_estate_not_the_admins()
    {
        var admin = await factory.UserAsync(DemoData.AdminEmail);
        var keys = factory.Get<ApiKeys>();
        var estate = (await keys.EstatesAsync(admin))[0].Id;

        Assert.Equal("ApiKey.NameRequired", (await keys.IssueAsync(admin, "  ", estate, Channel.WeChat)).ErrorCode);
        Assert.Equal("ApiKey.NameTooLong", (await keys.IssueAsync(admin, new string('n', 101), estate, Channel.WeChat)).ErrorCode);
        Assert.Equal("ApiKey.ChannelNotAllowed", (await keys.IssueAsync(admin, "Portal itself", estate, Channel.Portal)).ErrorCode);
        Assert.Equal("NotFound", (await keys.IssueAsync(admin, "Elsewhere", 9999, Channel.WeChat)).ErrorCode);
    }

    [Fact]
    public async Task Revoking_stops_the_key_at_once_and_shows_who_revoked_it()
    {
        var issued = await factory.IssueKeyAsync("To be revoked");
        using var client = factory.ApiClient(issued.Key);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
        var admin = await factory.UserAsync(DemoData.AdminEmail);

        Assert.True((await factory.Get<ApiKeys>().RevokeAsync(admin, issued.Row.Id)).Succeeded);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);
        var row = (await factory.Get<ApiKeys>().ListAsync(admin)).Single(k => k.Id == issued.Row.Id);
        Assert.NotNull(row.RevokedAt);
        Assert.Equal(admin.DisplayName, row.RevokedByName);
        Assert.True((await factory.Get<ApiKeys>().RevokeAsync(admin, issued.Row.Id)).Succeeded);
    }
}
