using System.Text.RegularExpressions;
using Portal.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>A resident makes a suggestion from the phone in Chinese: the same register, a concrete promise.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResidentFeedbackJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_resident_makes_a_suggestion_in_chinese_keeps_what_she_typed_through_an_error_and_gets_a_promise()
    {
        await using var context = await browser.PhoneAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoData.ResidentEmail, DemoData.Password);

        await Expect(page.GetByTestId("home-file-feedback")).ToHaveAttributeAsync("href", "/requests/new/feedback");
        await page.GotoAsync("/requests/new/feedback");
        await page.WaitForInteractiveAsync();
        await page.ScreenshotAsync("49-feedback-form-zh-phone");
        await page.Locator("[data-testid=feedback-type] [data-type=Suggestion]").ClickAsync();
        await page.FillAsync("#feedback-description", "装");

        // Too short: the error is in Chinese, and the type and the text stay.
        await page.GetByTestId("feedback-next").ClickAsync();
        await Expect(page.GetByText("请至少写 5 个字。")).ToBeVisibleAsync();
        await page.ScreenshotAsync("50-suggestion-error-zh-phone");
        await Expect(page.Locator("#feedback-description")).ToHaveValueAsync("装");
        await Expect(page.Locator("[data-testid=feedback-type] [data-type=Suggestion]")).ToHaveClassAsync(new Regex("mud-chip-selected"));

        await page.FillAsync("#feedback-description", "建议在3栋大堂装一个快递柜，方便老人取件");
        await page.GetByTestId("feedback-next").ClickAsync();
        await Expect(page.GetByTestId("feedback-readback")).ToContainTextAsync("建议在3栋大堂装一个快递柜");
        await page.ScreenshotAsync("51-suggestion-readback-zh-phone");

        await page.GetByTestId("feedback-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/requests/\d+\?filed=1"), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("filed-banner")).ToContainTextAsync(new Regex(@"S\d{6}-\d{4}"));
        await Expect(page.GetByTestId("filed-promise")).ToContainTextAsync("前台将于");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("建议");
        await page.ScreenshotAsync("52-suggestion-filed-zh-phone");
    }
}
