using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Infrastructure.Demo;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The page shell every screen sits in (app bar, menu, language, tab bar), which is plain markup
/// rather than MudBlazor components so that a resident's circuit stays small: it must still work.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_resident_opens_the_menu_follows_a_link_switches_language_and_the_tab_bar_follows()
    {
        await using var context = await browser.PhoneAsync("en-US");
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoData.ResidentEmail, DemoData.Password);
        await page.WaitForInteractiveAsync();
        var tabs = page.Locator("nav.tab-bar a");
        await Expect(tabs).ToHaveCountAsync(3);
        await Expect(tabs.Nth(0)).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(page.GetByTestId("nav-drawer")).ToHaveCountAsync(0);

        // The menu: the resident's own links only, rendered while open, closed by the scrim.
        await page.GetByTestId("menu-button").ClickAsync();
        var drawer = page.GetByTestId("nav-drawer");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(page.GetByTestId("menu-button")).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(drawer).ToContainTextAsync("Wang Li");
        await Expect(drawer.Locator("a")).ToHaveTextAsync(["Home", "File a repair", "Complaint, suggestion or question", "My requests", "My homes"]);
        await Expect(drawer.Locator("a[href='/staff/board']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("60-shell-menu-phone");
        await page.Locator(".portal-drawer-overlay").ClickAsync(new() { Position = new() { X = 360, Y = 400 } });
        await Expect(drawer).ToHaveCountAsync(0);

        // Following a menu link closes the menu and moves the tab bar's mark.
        await page.GetByTestId("menu-button").ClickAsync();
        await drawer.Locator("a[href='/requests']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/requests$"));
        await Expect(drawer).ToHaveCountAsync(0);
        await Expect(tabs.Nth(2)).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(tabs.Nth(0)).Not.ToHaveClassAsync(new Regex(@"\bactive\b"));

        // The language switch keeps the page and says everything in Chinese.
        await page.GetByTestId("language").ClickAsync();
        // A full page load (the culture is a cookie the server sets): the new page says "EN".
        await Expect(page.GetByTestId("language")).ToHaveTextAsync("EN", new() { Timeout = 30_000 });
        await page.WaitForInteractiveAsync();
        Assert.EndsWith("/requests", page.Url, StringComparison.Ordinal);
        await Expect(tabs.Nth(2)).ToContainTextAsync("我的工单");
        await page.GetByTestId("menu-button").ClickAsync();
        await Expect(drawer.Locator("a").Nth(1)).ToHaveTextAsync("我要报修");
        await page.ScreenshotAsync("61-shell-menu-zh-phone");
    }

    [Fact]
    public async Task The_desk_sees_its_own_menu_and_no_tab_bar_and_signs_out_from_the_app_bar()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoData.DeskEmail, DemoData.Password);
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("nav.tab-bar")).ToHaveCountAsync(0);

        await page.GetByTestId("menu-button").ClickAsync();
        var links = page.GetByTestId("nav-drawer").Locator("a");
        await Expect(links).ToContainTextAsync(["Home", "Dispatch board", "Follow-up calls"]);
        await Expect(page.GetByTestId("nav-drawer").Locator("a[href='/requests/new']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("62-shell-menu-desk");
        await page.GetByTestId("nav-drawer").Locator("a[href='/staff/board']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/staff/board$"));
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/$|/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
    }
}
