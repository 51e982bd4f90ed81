using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Infrastructure.Demo;
using Portal.Tests.Infrastructure.Photos;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The resident's journey on a phone, through the real UI in headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResidentRepairJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_resident_files_a_repair_with_a_photo_reads_it_back_and_follows_it()
    {
        await using var context = await browser.PhoneAsync("en-US");
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoData.ResidentEmail, DemoData.Password);
        await page.ScreenshotAsync("01-home-phone");

        await page.GotoAsync("/requests/new");
        await page.WaitForInteractiveAsync();
        await page.Locator($"[data-category=AirConditioning]").ClickAsync();

        // Going on with fields missing names them, and loses nothing already chosen.
        await page.GetByTestId("repair-next").ClickAsync();
        await Expect(page.GetByText("Describe what is wrong.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("02-validation-phone");
        await Expect(page.Locator("[data-category=AirConditioning]")).ToHaveClassAsync(new Regex("mud-chip-selected"));

        await page.FillAsync("#repair-description", "Bedroom air-conditioner is leaking onto the floor");
        await page.GetByTestId("day").GetByText("Tomorrow").ClickAsync();
        await page.GetByTestId("slot").GetByText("Afternoon").ClickAsync();
        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "leak.jpg",
            MimeType = "image/jpeg",
            Buffer = PhotoTestImages.JpegWithGpsAndRightTopOrientation(),
        });
        await Expect(page.Locator("[data-testid=photo-grid] img")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.ScreenshotAsync("03-form-filled-phone");

        await page.GetByTestId("repair-next").ClickAsync();
        var readBack = page.GetByTestId("readback");
        await Expect(readBack).ToContainTextAsync("Building 3, unit 1304: Air-conditioning — Bedroom air-conditioner is leaking onto the floor");
        await Expect(readBack).ToContainTextAsync("14:00–18:00");
        await Expect(readBack).ToContainTextAsync("138 0013 8000");
        await page.ScreenshotAsync("04-readback-phone");

        // Back to the form and forward again: nothing is lost.
        await page.GetByTestId("readback-edit").ClickAsync();
        await Expect(page.Locator("#repair-description")).ToHaveValueAsync("Bedroom air-conditioner is leaking onto the floor");
        await Expect(page.Locator("[data-testid=photo-grid] img")).ToHaveCountAsync(1);
        await page.GetByTestId("repair-next").ClickAsync();

        await page.GetByTestId("readback-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/requests/\d+\?filed=1"), new() { Timeout = 30_000 });
        var banner = page.GetByTestId("filed-banner");
        await Expect(banner).ToContainTextAsync(new Regex(@"Your request number is R\d{6}-\d{4}"));
        await Expect(banner).ToContainTextAsync("The front desk will look at it by");
        var number = Regex.Match(await page.GetByTestId("request-number").InnerTextAsync(), @"R\d{6}-\d{4}").Value;
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Request filed");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("resident");
        await Expect(page.Locator("[data-testid=request-photos] img")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("05-request-detail-phone");

        await page.GotoAsync("/requests");
        var card = page.Locator($".request-card[data-number='{number}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("Submitted");
        await Expect(page.Locator(".request-card").First).ToHaveAttributeAsync("data-number", number);
        await page.ScreenshotAsync("06-my-requests-phone");

        await card.ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("cancel-request").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Cancelled");
        await Expect(page.GetByTestId("cancel-request")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("07-cancelled-phone");
    }

    [Fact]
    public async Task Wrong_type_and_oversize_photos_are_refused_with_the_limit_named_in_chinese()
    {
        await using var context = await browser.PhoneAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoData.NeighbourEmail, DemoData.Password);
        await page.GotoAsync("/requests/new");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("报修什么？")).ToBeVisibleAsync();

        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "not-a-photo.jpg",
            MimeType = "image/jpeg",
            Buffer = "just some text pretending to be a photo"u8.ToArray(),
        });
        await Expect(page.Locator("[data-error-for=photo]")).ToContainTextAsync("仅支持：JPEG, PNG, WebP, HEIC", new() { Timeout = 30_000 });

        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "huge.jpg",
            MimeType = "image/jpeg",
            Buffer = new byte[(10 * 1024 * 1024) + 1],
        });
        await Expect(page.Locator("[data-error-for=photo]")).ToContainTextAsync("每张不超过 10 MB");
        await Expect(page.Locator("[data-testid=photo-grid] img")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("08-photo-refused-zh-phone");
    }

    [Fact]
    public async Task Registration_and_binding_a_home_work_on_a_phone_in_chinese()
    {
        await using var context = await browser.PhoneAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.FillAsync("#reg-name", "新住户");
        await page.FillAsync("#reg-email", "phone-newcomer@example.com");
        await page.FillAsync("#reg-phone", "13612345678");
        await page.FillAsync("#reg-password", "short");
        await page.ClickAsync("#register-submit");
        await Expect(page.Locator("[data-field=Password]")).ToContainTextAsync("至少需要 12 个字符");
        await Expect(page.Locator("#reg-email")).ToHaveValueAsync("phone-newcomer@example.com");
        await page.ScreenshotAsync("09-register-error-zh-phone");

        await page.FillAsync("#reg-password", "a long walk along the harbour");
        await page.ClickAsync("#register-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("no-home")).ToBeVisibleAsync();

        await page.GotoAsync("/homes");
        await page.WaitForInteractiveAsync();
        await page.FillAsync("#invitation-code", "WXYZ-2345");
        await page.GetByTestId("bind-home").ClickAsync();
        await Expect(page.GetByText("邀请码无效")).ToBeVisibleAsync();
        await Expect(page.Locator("#invitation-code")).ToHaveValueAsync("WXYZ-2345");

        await page.FillAsync("#invitation-code", DemoData.OpenInvitationCode);
        await page.GetByTestId("bind-home").ClickAsync();
        await Expect(page.GetByTestId("home-list")).ToContainTextAsync("2栋 801");
        await page.ScreenshotAsync("10-my-homes-zh-phone");
    }
}
