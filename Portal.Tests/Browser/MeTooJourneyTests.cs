using System.Text.RegularExpressions;
using Portal.Infrastructure.Demo;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// "Me too" (我也遇到) on two phones: the neighbour reports a broken barrier in the garage, the
/// resident starts reporting the same thing, finds it already reported, follows it instead, and
/// watches the desk take it on without reloading.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeTooJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_resident_says_me_too_to_a_neighbours_report_finds_it_in_my_requests_and_sees_the_desk_accept_it_live()
    {
        await using var neighbourContext = await browser.PhoneAsync("zh-CN");
        var neighbour = await neighbourContext.NewPageAsync();
        await neighbour.SignInAsync(DemoData.NeighbourEmail, DemoData.Password);
        await neighbour.GotoAsync("/requests/new");
        await neighbour.WaitForInteractiveAsync();
        await neighbour.Locator("[data-category=PublicFacilities]").ClickAsync();
        await neighbour.GetByText("小区公共区域").ClickAsync();
        await neighbour.FillAsync("#repair-spot", "Garage B2, ramp barrier");
        await neighbour.FillAsync("#repair-description", "The barrier arm at the B2 ramp is stuck open");
        await neighbour.GetByTestId("repair-next").ClickAsync();
        await neighbour.GetByTestId("readback-submit").ClickAsync();
        await neighbour.WaitForURLAsync(new Regex(@"/requests/\d+\?filed=1"), new() { Timeout = 30_000 });
        var id = int.Parse(Regex.Match(neighbour.Url, @"/requests/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var number = Regex.Match(await neighbour.GetByTestId("request-number").InnerTextAsync(), @"R\d{6}-\d{4}").Value;

        await using var residentContext = await browser.PhoneAsync("en-US");
        var resident = await residentContext.NewPageAsync();
        await resident.SignInAsync(DemoData.ResidentEmail, DemoData.Password);
        await resident.GotoAsync("/requests/new");
        await resident.WaitForInteractiveAsync();
        await resident.GetByText("A public area of the estate").ClickAsync();
        await resident.Locator("#repair-spot").PressSequentiallyAsync("B2 ramp");

        // The neighbour's report is first in the list, with nothing on it that names the neighbour.
        var card = resident.Locator($"[data-testid=spot-issue][data-number='{number}']");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(resident.Locator("[data-testid=spot-issue]").First).ToHaveAttributeAsync("data-number", number);
        await Expect(card).ToContainTextAsync("Public area: Garage B2, ramp barrier");
        await Expect(card).ToContainTextAsync("The barrier arm at the B2 ramp is stuck open");
        await Expect(card).ToContainTextAsync("Me too: 0");
        await card.ScrollIntoViewIfNeededAsync();
        await resident.ScreenshotAsync("30-me-too-on-the-repair-form-phone");

        await card.GetByTestId("me-too").ClickAsync();
        await resident.WaitForURLAsync(new Regex(@"/requests\?followed=\d+"), new() { Timeout = 30_000 });
        await Expect(resident.GetByTestId("followed-banner")).ToContainTextAsync(number);
        var followed = resident.Locator($".followed-card[data-number='{number}']");
        await Expect(followed).ToContainTextAsync("Following");
        await Expect(followed).ToContainTextAsync("Me too: 1");
        await followed.ScrollIntoViewIfNeededAsync();
        await resident.ScreenshotAsync("31-followed-in-my-requests-phone");

        await followed.Locator("a").ClickAsync();
        await resident.WaitForURLAsync(new Regex($@"/requests/followed/{id}$"));
        await resident.WaitForInteractiveAsync();
        await Expect(resident.Locator("[data-status=Submitted]").First).ToBeVisibleAsync();
        await Expect(resident.GetByTestId("timeline")).ToContainTextAsync("Request filed");
        var shown = await resident.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Chen Ming", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("陈明", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("139 0013 9000", shown, StringComparison.Ordinal);
        Assert.Empty(await resident.GetByTestId("cancel-request").AllAsync());
        await resident.ScreenshotAsync("32-follower-page-phone");

        // The desk accepts the report; the follower's page moves on by itself.
        await browser.App.AcceptAsync(id);
        await Expect(resident.Locator("[data-status=Accepted]").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(resident.GetByTestId("timeline")).ToContainTextAsync("Accepted by the front desk");
        await resident.ScreenshotAsync("33-follower-sees-it-accepted-live-phone");

        // The neighbour sees how many are affected, never who; and, reporting again, finds it marked as hers.
        await neighbour.ReloadAsync();
        await Expect(neighbour.GetByTestId("affected")).ToContainTextAsync("2 位住户");
        await neighbour.ScreenshotAsync("34-filer-sees-two-affected-zh-phone");
        await neighbour.GotoAsync("/requests/new");
        await neighbour.WaitForInteractiveAsync();
        await neighbour.GetByText("小区公共区域").ClickAsync();
        var own = neighbour.Locator($"[data-testid=spot-issue][data-number='{number}']");
        await Expect(own).ToContainTextAsync("您报的");
        await Expect(own).ToContainTextAsync("1 人也遇到");
        await Expect(own.GetByTestId("me-too")).ToHaveCountAsync(0);
        await own.ScrollIntoViewIfNeededAsync();
        await neighbour.ScreenshotAsync("35-own-report-on-the-form-zh-phone");
    }
}
