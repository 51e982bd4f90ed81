using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Portal.Bench.Hosting;

/// <summary>
/// The browser side of the memory scenario, run as a <b>separate process</b> of the bench
/// (<c>Portal.Bench browser-driver BASE-URL</c>), so that the Playwright .NET client, its Node driver
/// and Chromium all stay out of the process whose memory is measured (the one hosting the app).
/// One headless Debian Chromium (the Playwright browser download does not work here), driven by
/// Playwright for .NET with the same launch arguments as the browser tests.
/// <para>
/// It signs in once per role through the real <c>/Account/Login</c> form, keeps that storage state in
/// one browser context per role, and then obeys one-line commands on stdin, answering each with one
/// line starting with <see cref="Reply"/> on stdout (anything else on stdout is not an answer):
/// </para>
/// <list type="bullet">
/// <item><c>open resident|board N</c>: opens N new tabs at once (the resident home page <c>/</c>, or the
/// dispatch board <c>/staff/board</c>), each waited for until its circuit works (see
/// <see cref="OpenAsync"/>); answers <c>ok MS</c>.</item>
/// <item><c>check</c>: every open tab still shows the interactive marker and no reconnect dialog; answers <c>ok N</c>.</item>
/// <item><c>close</c>: closes every tab (which disposes their circuits); answers <c>ok</c>.</item>
/// <item><c>quit</c> (or end of input): closes the browser and exits.</item>
/// </list>
/// </summary>
public static class BrowserDriver
{
    public const string Command = "browser-driver";

    public const string Reply = "@@ ";

    public const string Password = "portal-demo-2026";

    public const string ResidentLogin = "resident@portal.demo";

    public const string DeskLogin = "desk@portal.demo";

    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count < 1)
        {
            Console.Error.WriteLine($"{Command} needs the app's base address.");
            return 2;
        }

        var baseUrl = args[0].TrimEnd('/');
        var extraArgs = args.Skip(1).ToArray();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", .. extraArgs],
        });

        var roles = new Dictionary<string, Role>(StringComparer.Ordinal)
        {
            ["resident"] = new(await SignedInContextAsync(browser, baseUrl, ResidentLogin, phone: true), "/", "[data-testid=home-file-repair]"),
            ["board"] = new(await SignedInContextAsync(browser, baseUrl, DeskLogin, phone: false), "/staff/board", "[data-testid=board]"),
        };
        Answer("ready");

        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            if (words[0] == "quit")
            {
                break;
            }

            try
            {
                switch (words[0])
                {
                    case "open" when words.Length == 3 && roles.TryGetValue(words[1], out var role):
                        var clock = Stopwatch.StartNew();
                        var count = int.Parse(words[2], CultureInfo.InvariantCulture);
                        role.Pages.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => OpenAsync(role))));
                        Answer(string.Create(CultureInfo.InvariantCulture, $"ok {clock.ElapsedMilliseconds}"));
                        break;
                    case "check":
                        var all = roles.Values.SelectMany(r => r.Pages).ToList();
                        var live = await Task.WhenAll(all.Select(IsLiveAsync));
                        var dead = live.Count(ok => !ok);
                        Answer(dead == 0 ? $"ok {all.Count}" : $"error {dead} of {all.Count} tabs lost their circuit");
                        break;
                    case "close":
                        foreach (var r in roles.Values)
                        {
                            await Task.WhenAll(r.Pages.Select(p => p.CloseAsync()));
                            r.Pages.Clear();
                        }

                        Answer("ok");
                        break;
                    default:
                        Answer($"error unknown command '{line}'");
                        break;
                }
            }
            catch (Exception ex)
            {
                Answer($"error {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }

        foreach (var role in roles.Values)
        {
            await role.Context.CloseAsync();
        }

        return 0;
    }

    private static void Answer(string text)
    {
        Console.Out.WriteLine(Reply + text);
        Console.Out.Flush();
    }

    private sealed record Role(IBrowserContext Context, string Path, string PageSelector)
    {
        public List<IPage> Pages { get; } = [];
    }

    /// <summary>
    /// Signs in through the real form in a throw-away context, then returns a new context with that
    /// context's storage state (the identity cookie), so that every tab of the role shares one sign-in.
    /// </summary>
    private static async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, string baseUrl, string login, bool phone)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1440, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        };
        string state;
        await using (var signIn = await browser.NewContextAsync(options))
        {
            var page = await signIn.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#login-name", login);
            await page.FillAsync("#login-password", Password);
            await page.ClickAsync("#login-submit");
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 60_000 });
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            state = await signIn.StorageStateAsync();
            await page.CloseAsync();
        }

        options.StorageState = state;
        return await browser.NewContextAsync(options);
    }

    /// <summary>
    /// A new tab at the role's page, returned once its circuit works: <c>window.Blazor</c> is there,
    /// the page's own content and the layout's interactive marker (rendered only by the circuit, never
    /// by the prerender) are in the DOM, and a click on the app bar's menu button opens the drawer
    /// (an event sent over the circuit and a render batch back), and a second click closes it again.
    /// </summary>
    private static async Task<IPage> OpenAsync(Role role)
    {
        var page = await role.Context.NewPageAsync();
        page.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
        await page.GotoAsync(role.Path, new() { Timeout = (float)PageTimeout.TotalMilliseconds });
        if (page.Url.Contains("/Account/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{role.Path} sent the tab to {page.Url}: not signed in.");
        }

        await page.WaitForFunctionAsync("() => !!window.Blazor");
        await page.Locator(role.PageSelector).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var menu = page.Locator("[data-testid=menu-button]");
        await menu.ClickAsync();
        await page.Locator("[data-testid=nav-drawer]").WaitForAsync();
        // The open drawer covers the button: a click event straight on it toggles the drawer back.
        await menu.DispatchEventAsync("click");
        await page.Locator("[data-testid=nav-drawer]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        return page;
    }

    private static async Task<bool> IsLiveAsync(IPage page)
    {
        if (page.IsClosed || await page.Locator("[data-testid=interactive]").CountAsync() == 0)
        {
            return false;
        }

        // Blazor's default reconnect UI (no custom one in the app) is shown while the circuit is cut off.
        var reconnect = page.Locator("#components-reconnect-modal");
        return await reconnect.CountAsync() == 0 || !await reconnect.IsVisibleAsync();
    }
}
