using System.Text.RegularExpressions;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A complaint about a public area of a building, taken by phone: the desk names the building, and
/// the complaint goes to that building's butler like one about a home.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicAreaComplaintTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_desk_names_the_building_of_a_public_area_complaint_and_its_butler_gets_it()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US", TimezoneId = "Asia/Shanghai" });
        var desk = await context.NewPageAsync();
        await desk.SignInAsync(DemoData.DeskEmail, DemoData.Password);
        await desk.GotoAsync("/staff/requests/new");
        await desk.WaitForInteractiveAsync();
        await desk.FillAsync("#resident-search", "3-1304");
        await desk.GetByTestId("resident-matches").Locator(".mud-list-item").Filter(new() { HasText = "Wang Li" }).ClickAsync();
        await desk.Locator($"[data-testid=register-type] [data-type={RequestType.Complaint}]").ClickAsync();
        await desk.Locator($"[data-kind={ComplaintKind.PropertyManagement}]").ClickAsync();
        await desk.GetByTestId("feedback-where").GetByText("A public area of the estate").ClickAsync();

        await desk.Locator(".mud-select").Filter(new() { Has = desk.GetByTestId("feedback-building") }).First.ClickAsync();
        await desk.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Building 3" }).ClickAsync();
        await desk.FillAsync("#feedback-spot", "Lift hall, ground floor");
        await desk.FillAsync("#feedback-description", "The lift hall lights have been off for two nights");
        await desk.GetByTestId("feedback-next").ClickAsync();
        await Expect(desk.GetByTestId("feedback-readback")).ToContainTextAsync("Building 3, public area: Lift hall, ground floor");
        await desk.GetByTestId("feedback-submit").ClickAsync();
        await desk.WaitForURLAsync(new Regex(@"/requests/\d+\?filed=1"));
        await desk.WaitForInteractiveAsync();

        await Expect(desk.GetByTestId("assignee")).ToContainTextAsync("Zhang Wei");
        await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("Handed to the butler");
        await desk.ScreenshotAsync("53-public-area-complaint-desktop");
    }
}
