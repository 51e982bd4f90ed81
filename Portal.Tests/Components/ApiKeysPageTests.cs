using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Integrations;
using Portal.Tests.Integration.Api;
using Portal.Tests.Support;
using ApiKeysPage = Portal.Web.Components.Pages.Admin.ApiKeys;

namespace Portal.Tests.Components;

/// <summary>The admin page over the real use case and database: a key is shown once, then never again.</summary>
public sealed class ApiKeysPageTests : PortalComponentContext, IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ApiKeysPageTests(PortalFactory factory) : base("en")
    {
        _factory = factory;
        Services.AddSingleton(factory.Get<ApiKeys>());
    }

    private async Task SignInAsAdminAsync()
    {
        var admin = await _factory.UserAsync(DemoData.AdminEmail);
        AddAuthorization().SetAuthorized(admin.DisplayName).SetRoles(Roles.Admin)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.UserId), new Claim(PortalClaimTypes.DisplayName, admin.DisplayName));
    }

    [Fact]
    public async Task Issuing_shows_the_full_key_once_and_the_list_afterwards_shows_only_its_prefix()
    {
        await SignInAsAdminAsync();
        var page = Render<ApiKeysPage>();
        page.WaitForElement("[data-testid=keys-table]");

        page.Find("#key-name").Change("Page-issued WeChat bridge");
        page.Find("[data-testid=issue-key]").Click();

        var key = page.WaitForElement("[data-testid=issued-key-value]").TextContent.Trim();
        Assert.Matches("^pk_[a-z2-9]{8}_[a-z2-9]{43}$", key);
        Assert.Contains("This is the only time the full key is shown.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Page-issued WeChat bridge", page.Find("[data-testid=keys-table]").TextContent, StringComparison.Ordinal);

        // The key works against the API at once…
        using var client = _factory.ApiClient(key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/requests/R000000-0000")).StatusCode);

        // …and a fresh visit to the page lists it without the secret.
        var again = Render<ApiKeysPage>();
        again.WaitForElement("[data-testid=keys-table]");
        Assert.DoesNotContain(key, again.Markup, StringComparison.Ordinal);
        Assert.Contains(ApiKeyFormat.Masked(key[3..11]), again.Markup, StringComparison.Ordinal);
        Assert.Empty(again.FindAll("[data-testid=issued-key]"));
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_on_the_page()
    {
        await SignInAsAdminAsync();
        var page = Render<ApiKeysPage>();
        page.WaitForElement("[data-testid=keys-table]");

        page.Find("[data-testid=issue-key]").Click();

        Assert.Equal("Name the system the key is for.", page.WaitForElement("[data-testid=issue-error]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=issued-key]"));
    }
}
