using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Tests.Components;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

/// <summary>
/// The real app on a real Kestrel port and Debian's Chromium driven by Playwright. The browser
/// download of Playwright is not used: the system Chromium is.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ScreenshotFolder = Path.Combine(ResourceTests.SolutionRoot(), "artifacts", "screenshots");

    private IPlaywright? _playwright;

    public PortalFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        BaseUrl = App.StartOnLoopbackPort().ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A phone (390×844) in its own browser context, i.e. its own cookies.</summary>
    public Task<IBrowserContext> PhoneAsync(string locale = "en-US") => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = locale,
        TimezoneId = "Asia/Shanghai",
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public static class PageExtensions
{
    /// <summary>Blazor pages render first without interactivity; wait until the circuit is live.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    public static async Task SignInAsync(this IPage page, string login, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-name", login);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 30_000 });
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
