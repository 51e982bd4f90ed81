using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Infrastructure.Demo;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Three people in three browsers, nobody reloading: the resident files, the desk sees it on the
/// board and dispatches, the technician's phone shows the job and he completes it, and the
/// resident's page shows every step as it happens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveDispatchJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Resident_files_desk_dispatches_technician_completes_and_everyone_sees_it_live()
    {
        await using var deskContext = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US", TimezoneId = "Asia/Shanghai" });
        var desk = await deskContext.NewPageAsync();
        await desk.SignInAsync(DemoData.DeskEmail, DemoData.Password);
        await desk.GotoAsync("/staff/board");
        await desk.WaitForInteractiveAsync();

        await using var techContext = await browser.PhoneAsync("en-US");
        var tech = await techContext.NewPageAsync();
        await tech.SignInAsync(DemoData.TechnicianEmail, DemoData.Password);
        await tech.GotoAsync("/jobs");
        await tech.WaitForInteractiveAsync();

        await using var residentContext = await browser.PhoneAsync("en-US");
        var resident = await residentContext.NewPageAsync();
        await resident.SignInAsync(DemoData.ResidentEmail, DemoData.Password);
        await resident.GotoAsync("/requests/new");
        await resident.WaitForInteractiveAsync();
        await resident.Locator("[data-category=Plumbing]").ClickAsync();
        await resident.FillAsync("#repair-description", "Kitchen tap drips all night");
        await resident.GetByTestId("repair-next").ClickAsync();
        await resident.GetByTestId("readback-submit").ClickAsync();
        await resident.WaitForURLAsync(new Regex(@"/requests/\d+\?filed=1"));
        await resident.WaitForInteractiveAsync();
        var number = Regex.Match(await resident.GetByTestId("request-number").InnerTextAsync(), @"R\d{6}-\d{4}").Value;

        // The board shows it without a reload, in the New lane.
        var card = desk.Locator($"[data-lane=New] .board-card[data-number='{number}']");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await desk.ScreenshotAsync("20-board-new-request-desktop");

        await card.ClickAsync();
        await Expect(desk.GetByTestId("desk-accept")).ToBeVisibleAsync();
        // The detail panel lies over the board: it neither widens the page nor sits under the app bar.
        await desk.ScreenshotAsync("20a-board-detail-panel-desktop");
        Assert.True(await desk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the open panel widened the page");
        Assert.True(await desk.EvaluateAsync<bool>("() => document.querySelector('.mud-drawer--open').getBoundingClientRect().right <= window.innerWidth + 1"));
        await desk.GetByTestId("desk-accept").ClickAsync();
        var accepted = desk.Locator($"[data-lane=Accepted] .board-card[data-number='{number}']");
        await Expect(accepted).ToBeVisibleAsync();
        await Expect(resident.GetByTestId("timeline")).ToContainTextAsync("Accepted by the front desk");

        await accepted.ClickAsync();
        await desk.GetByTestId("dispatch-technician").Locator(".mud-input-control").ClickAsync();
        await desk.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Liu Qiang" }).ClickAsync();
        await desk.GetByTestId("desk-dispatch").ClickAsync();
        await Expect(desk.Locator($"[data-lane=Dispatched] .board-card[data-number='{number}']")).ToContainTextAsync("Liu Qiang");

        // The technician's phone shows the job without a reload.
        var job = tech.Locator($".request-card[data-number='{number}']");
        await Expect(job).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await tech.ScreenshotAsync("21-my-jobs-phone");
        await job.ClickAsync();
        await tech.WaitForInteractiveAsync();
        await Expect(tech.GetByTestId("job-phone")).ToContainTextAsync("138 0013 8000");
        await tech.GetByTestId("job-accept").ClickAsync();
        await tech.GetByTestId("job-setoff").ClickAsync();
        await Expect(resident.GetByTestId("timeline")).ToContainTextAsync("Technician on the way");
        await tech.ScreenshotAsync("22-job-on-the-way-phone");
        await tech.GetByTestId("job-start").ClickAsync();
        await Expect(desk.Locator($"[data-lane=InProgress] .board-card[data-number='{number}']")).ToBeVisibleAsync();

        await tech.GetByTestId("job-complete").ClickAsync();
        await tech.GetByTestId("job-complete-confirm").ClickAsync();
        await Expect(tech.GetByText("Say what was done.")).ToBeVisibleAsync();
        await tech.FillAsync("#complete-notes", "Replaced the tap washer");
        await tech.FillAsync("#complete-minutes", "25");
        await tech.ScreenshotAsync("23-job-complete-form-phone");
        await tech.GetByTestId("job-complete-confirm").ClickAsync();
        await Expect(tech.GetByTestId("job-gone")).ToBeVisibleAsync();

        // The resident's page shows it completed, live.
        await Expect(resident.Locator("[data-status=Completed]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(resident.GetByTestId("timeline")).ToContainTextAsync("Replaced the tap washer");
        await resident.ScreenshotAsync("24-resident-sees-completed-phone");
        await Expect(desk.Locator($"[data-lane=AwaitingFollowUp] .board-card[data-number='{number}']")).ToBeVisibleAsync();
        await desk.ScreenshotAsync("25-board-after-completion-desktop");
    }
}

[Collection(BrowserCollection.Name)]
public sealed class UrgentAnnouncementTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_new_urgent_request_announces_itself_on_the_board_with_a_sound_that_can_be_switched_off()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US" });
        var board = await context.NewPageAsync();
        await board.SignInAsync(DemoData.SupervisorEmail, DemoData.Password);
        await board.GotoAsync("/staff/board");
        await board.WaitForInteractiveAsync();
        await board.EvaluateAsync("() => { window.__beeps = 0; window.portal.beep = () => { window.__beeps++; }; }");

        var resident = await browser.App.UserAsync(DemoData.ResidentEmail);
        var draft = await browser.App.DraftAsync(resident);
        draft.Urgent = true;
        var first = await browser.App.FileAsync(resident, draft);

        await Expect(board.GetByText($"New URGENT request {first.Number}")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(board.Locator($".board-card[data-number='{first.Number}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("board-priority-urgent"));
        Assert.Equal(1, await board.EvaluateAsync<int>("() => window.__beeps"));
        await board.ScreenshotAsync("26-urgent-announced-desktop");

        await board.GetByTestId("sound-toggle").ClickAsync();
        var second = await browser.App.FileAsync(resident, draft);
        await Expect(board.GetByText($"New URGENT request {second.Number}")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(1, await board.EvaluateAsync<int>("() => window.__beeps"));
        Assert.Equal("off", await board.EvaluateAsync<string>("() => localStorage.getItem('portal.sound')"));
    }
}
