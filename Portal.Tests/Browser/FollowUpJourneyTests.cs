using Microsoft.Playwright;
using Portal.Domain.Ratings;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.FollowUps;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The closed loop in three browsers: the desk logs a reached, resolved call; the resident's phone
/// shows the rating prompt without a reload; the resident rates; the supervisor's board shows it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Desk_calls_back_resident_rates_on_the_phone_and_the_supervisor_sees_it()
    {
        await browser.App.SetCallingHoursAsync(openNow: true);
        var filed = await browser.App.CompletedRepairAsync();

        await using var residentContext = await browser.PhoneAsync("zh-CN");
        var resident = await residentContext.NewPageAsync();
        await resident.SignInAsync(DemoData.ResidentEmail, DemoData.Password);
        await resident.GotoAsync($"/requests/{filed.Id}");
        await resident.WaitForInteractiveAsync();
        await Expect(resident.GetByTestId("rating-prompt")).ToHaveCountAsync(0);

        await using var supervisorContext = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US" });
        var supervisor = await supervisorContext.NewPageAsync();
        await supervisor.SignInAsync(DemoData.SupervisorEmail, DemoData.Password);
        await supervisor.GotoAsync("/staff/board");
        await supervisor.WaitForInteractiveAsync();

        await using var deskContext = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US" });
        var desk = await deskContext.NewPageAsync();
        await desk.SignInAsync(DemoData.DeskEmail, DemoData.Password);
        await desk.GotoAsync("/staff/followups");
        await desk.WaitForInteractiveAsync();
        await desk.Locator($".followup-item[data-number='{filed.Number}']").ClickAsync();
        await Expect(desk.GetByTestId("work-done")).ToHaveTextAsync("Replaced the drain hose");

        // Reached without an outcome is refused, and nothing typed is lost.
        await desk.FillAsync("#resident-words", "All good now, thanks");
        await desk.GetByTestId("call-save").ClickAsync();
        await Expect(desk.GetByTestId("call-error")).ToContainTextAsync("Choose how it ended");
        await Expect(desk.Locator("#resident-words")).ToHaveValueAsync("All good now, thanks");
        await desk.GetByText("Resolved", new() { Exact = true }).ClickAsync();
        await desk.ScreenshotAsync("30-followup-call-desktop");
        await desk.GetByTestId("call-save").ClickAsync();
        await Expect(desk.Locator($".followup-item[data-number='{filed.Number}']")).ToHaveCountAsync(0);

        // The resident's phone shows the prompt by itself.
        var prompt = resident.GetByTestId("rating-prompt");
        await Expect(prompt).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(resident.GetByTestId("resident-words")).ToContainTextAsync("All good now, thanks");
        await resident.ScreenshotAsync("31-rating-prompt-zh-phone");
        await resident.GetByTestId("rate-submit").ClickAsync();
        await Expect(resident.GetByTestId("rating-error")).ToContainTextAsync("请为四项都打分");
        foreach (var (id, stars) in new[] { ("rate-overall", 5), ("Rating.Speed", 4), ("Rating.Attitude", 5), ("Rating.Quality", 5) })
        {
            await resident.GetByTestId(id).Locator(".mud-rating-item").Nth(stars - 1).ClickAsync();
        }

        await resident.FillAsync("#rating-comment", "又快又好");
        await resident.GetByTestId("rate-submit").ClickAsync();
        await Expect(resident.GetByTestId("rating-thanks")).ToBeVisibleAsync();
        await Expect(resident.GetByTestId("rating-prompt")).ToHaveCountAsync(0);
        await resident.ScreenshotAsync("32-rated-zh-phone");

        await Expect(supervisor.GetByTestId("recent-ratings").Locator($"[data-number='{filed.Number}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await supervisor.ScreenshotAsync("33-board-shows-rating-desktop");

        // A second rating is refused: no prompt any more, and the use case says why.
        await resident.ReloadAsync();
        await resident.WaitForInteractiveAsync();
        await Expect(resident.GetByTestId("rating-shown")).ToBeVisibleAsync();
        await Expect(resident.GetByTestId("rating-prompt")).ToHaveCountAsync(0);
        var again = await browser.App.Get<RatingService>().RateAsync(await browser.App.UserAsync(DemoData.ResidentEmail), filed.Id, null, new RatingScores(1, 1, 1, 1, null));
        Assert.Equal("Rating.AlreadyRated", again.ErrorCode);
    }
}
