using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A complaint's closed loop in three browsers, nobody reloading: the desk takes it on the phone and
/// reads it back; the butler's phone shows it at once; he answers; the desk calls the resident back;
/// the resident's phone shows the answer and she rates it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ComplaintJourneyTests(BrowserFixture browser)
{
    private const string Description = "Rubbish bags left outside the lift on floor 13 for three days";
    private const string Answer = "The bags are gone; the cleaners now check the lift halls twice a day.";

    [GeneratedRegex(@"C\d{6}-\d{4}")]
    private static partial Regex ComplaintNumber();

    [Fact]
    public async Task Desk_registers_a_phone_complaint_the_butler_answers_the_desk_calls_back_and_the_resident_rates()
    {
        await browser.App.SetCallingHoursAsync(openNow: true);

        // The butler has his list open on his phone.
        await using var butlerContext = await browser.PhoneAsync("en-US");
        var butler = await butlerContext.NewPageAsync();
        await butler.SignInAsync(DemoData.ButlerEmail, DemoData.Password);
        await butler.GotoAsync("/staff/complaints");
        await butler.WaitForInteractiveAsync();

        // The desk takes the call: finds the resident, chooses complaint and kind, writes it down, reads it back.
        await using var deskContext = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US", TimezoneId = "Asia/Shanghai" });
        var desk = await deskContext.NewPageAsync();
        await desk.SignInAsync(DemoData.DeskEmail, DemoData.Password);
        await desk.GotoAsync("/staff/requests/new");
        await desk.WaitForInteractiveAsync();
        await desk.FillAsync("#resident-search", "3-1304");
        await desk.GetByTestId("resident-matches").Locator(".mud-list-item").Filter(new() { HasText = "Wang Li" }).ClickAsync();
        await desk.Locator($"[data-testid=register-type] [data-type={RequestType.Complaint}]").ClickAsync();
        await Expect(desk.GetByTestId("complaint-kind")).ToBeVisibleAsync();
        await Expect(desk.Locator("#feedback-answer")).ToHaveCountAsync(0); // a complaint is never closed at the desk

        // Without a kind it is not read back.
        await desk.FillAsync("#feedback-description", Description);
        await desk.GetByTestId("feedback-next").ClickAsync();
        await Expect(desk.Locator("[data-error-for=ComplaintKind]")).ToContainTextAsync("Choose what the complaint is about.");
        await desk.Locator($"[data-kind={ComplaintKind.PropertyManagement}]").ClickAsync();
        await Expect(desk.Locator("#feedback-description")).ToHaveValueAsync(Description);
        await Expect(desk.Locator("#feedback-contact-phone")).ToHaveValueAsync("13800138000");
        await desk.ScreenshotAsync("40-register-complaint-form-desktop");
        await desk.GetByTestId("feedback-next").ClickAsync();

        var readBack = desk.GetByTestId("feedback-readback");
        await Expect(readBack).ToContainTextAsync("Complaint · Property management");
        await Expect(readBack).ToContainTextAsync(Description);
        await Expect(readBack).ToContainTextAsync("138 0013 8000");
        await Expect(desk.Locator(".readback-table")).ToContainTextAsync("By phone");
        await desk.ScreenshotAsync("41-register-complaint-readback-desktop");
        await desk.GetByTestId("feedback-submit").ClickAsync();
        await desk.WaitForURLAsync(new Regex(@"/requests/\d+\?filed=1"));
        await desk.WaitForInteractiveAsync();
        var number = ComplaintNumber().Match(await desk.GetByTestId("request-number").InnerTextAsync()).Value;
        Assert.NotEmpty(number);
        await Expect(desk.GetByTestId("filed-promise")).ToContainTextAsync("The butler will answer by");
        var id = int.Parse(Regex.Match(desk.Url, @"/requests/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // The butler's phone shows it without a reload, with the time his answer is due.
        var row = butler.Locator($".request-card[data-number='{number}']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(row).ToContainTextAsync("Complaint · Property management");
        await Expect(row.GetByTestId("answer-clock")).ToContainTextAsync("Answer by");
        await butler.ScreenshotAsync("42-butler-complaint-arrives-phone");

        // He opens it and answers the desk.
        await row.ClickAsync();
        await butler.WaitForURLAsync(new Regex($"/requests/{id}$"));
        await butler.WaitForInteractiveAsync();
        await Expect(butler.GetByTestId("respond-by")).ToBeVisibleAsync();
        await Expect(butler.GetByTestId("assignee").Locator("th")).ToHaveTextAsync("Butler");
        await butler.FillAsync("#complaint-answer", Answer);
        await butler.ScreenshotAsync("43-butler-answers-phone");
        await butler.GetByTestId("answer").ClickAsync();
        await Expect(butler.GetByTestId("answer-shown")).ToContainTextAsync(Answer);
        await Expect(butler.Locator("[data-status=Completed]")).ToBeVisibleAsync();
        await butler.ScreenshotAsync("44-butler-answered-phone");

        // The resident has the complaint open on her phone.
        await using var residentContext = await browser.PhoneAsync("zh-CN");
        var resident = await residentContext.NewPageAsync();
        await resident.SignInAsync(DemoData.ResidentEmail, DemoData.Password);
        await resident.GotoAsync($"/requests/{id}");
        await resident.WaitForInteractiveAsync();
        await Expect(resident.GetByTestId("answer-shown")).ToContainTextAsync(Answer);
        await Expect(resident.GetByTestId("rating-prompt")).ToHaveCountAsync(0);
        await Expect(resident.GetByTestId("complaint-actions")).ToHaveCountAsync(0);
        await Expect(resident.GetByTestId("assignee").Locator("th")).ToHaveTextAsync("管家");
        await Expect(resident.GetByTestId("timeline")).Not.ToContainTextAsync("报修"); // a complaint is not a repair
        await resident.ScreenshotAsync("45-resident-sees-answer-zh-phone");

        // The desk's follow-up queue has it; the clerk calls, reaches her, and writes down her words.
        await desk.GotoAsync("/staff/followups");
        await desk.WaitForInteractiveAsync();
        await desk.Locator($".followup-item[data-number='{number}']").ClickAsync();
        await Expect(desk.GetByTestId("call-phone")).ToContainTextAsync("138 0013 8000");
        await Expect(desk.GetByTestId("call-panel")).ToContainTextAsync($"{number} · Complaint");
        await Expect(desk.GetByTestId("work-done")).ToHaveTextAsync(Answer); // the butler's answer is what the clerk reads out
        await desk.GetByText("Partly resolved, accepted by the resident", new() { Exact = true }).ClickAsync();
        await desk.FillAsync("#resident-words", "Much better; she will keep an eye on it");
        await desk.ScreenshotAsync("46-followup-complaint-desktop");
        await desk.GetByTestId("call-save").ClickAsync();
        await Expect(desk.Locator($".followup-item[data-number='{number}']")).ToHaveCountAsync(0);

        // Her phone offers the rating by itself; she rates.
        await Expect(resident.GetByTestId("rating-prompt")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(resident.GetByTestId("resident-words")).ToContainTextAsync("Much better");
        await resident.ScreenshotAsync("47-resident-rating-prompt-zh-phone");
        foreach (var (testId, stars) in new[] { ("rate-overall", 4), ("Rating.Speed", 5), ("Rating.Attitude", 5), ("Rating.Quality", 4) })
        {
            await resident.GetByTestId(testId).Locator(".mud-rating-item").Nth(stars - 1).ClickAsync();
        }

        await resident.FillAsync("#rating-comment", "答复很快");
        await resident.GetByTestId("rate-submit").ClickAsync();
        await Expect(resident.GetByTestId("rating-thanks")).ToBeVisibleAsync();
        await Expect(resident.GetByTestId("rating-shown")).ToBeVisibleAsync();
        await resident.ScreenshotAsync("48-resident-rated-zh-phone");

        // The butler's list has let go of it: answered, called back and rated.
        await butler.GotoAsync("/staff/complaints");
        await butler.WaitForInteractiveAsync();
        await Expect(butler.Locator($".request-card[data-number='{number}']")).ToHaveCountAsync(0);
        var detail = await browser.App.Get<RequestQueries>().GetAsync(await browser.App.UserAsync(DemoData.ResidentEmail), id);
        Assert.Equal((RequestStatus.Rated, 4), (detail!.Summary.Status, detail.Rating!.Overall));
    }
}
