using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Web.Api;
using Portal.Web.Hubs;
using Portal.Web.Live;
using Portal.Web.Components;
using Portal.Web.Components.Account;
using Portal.Web.Localization;

namespace Portal.Web;

public static class WebComposition
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    /// <summary>Blazor, MudBlazor, sign-in, localization and the rate limits.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            c.SnackbarConfiguration.PreventDuplicates = true;
        });
        // MudBlazor's localizer is transient and builds a ResourceManager per instance: 48 per board
        // circuit (docs/benchmarks.md, "Memory per circuit"). It keeps no state of its own and reads the
        // culture on each call, so one instance serves every circuit.
        services.Replace(ServiceDescriptor.Singleton<ILocalizationInterceptor>(
            sp => new DefaultLocalizationInterceptor(sp.GetRequiredService<ILoggerFactory>(), mudLocalizer: null)));
        services.AddLocalization();
        // Chinese text goes out as UTF-8, not as &#x…; entities: smaller pages, readable source.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<ErrorText>();
        services.AddSignalR();
        services.AddHostedService<HubRelay>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<IdentityRedirectManager>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // Machines (hub clients, photo requests) get a 401, not a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs") || context.Request.Path.StartsWithSegments("/photos"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();

        // Sign-in and registration attempts are limited per client address, on top of Identity's
        // per-account lockout, so one client cannot walk through passwords or invitation codes.
        var permitPerMinute = configuration.GetValue("Portal:SignIn:PermitPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && AccountPaths.IsRateLimited(http.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("open"));
            o.OnRejected = async (context, ct) =>
            {
                var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    zh ? "尝试次数过多，请一分钟后再试。" : "Too many attempts. Please try again in a minute.", ct);
            };
        });
        services.AddIntakeApi(configuration);
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("zh-CN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Cookie (the switcher) first, then the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageCultureProvider()];
        });
        // Explicitly here, after the culture is known, so a refused API key is answered in the caller's
        // language; still before the status-code pages, so a 401 or 403 is never re-executed as a page.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseIntakeApiStatusProblems();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapPhotoEndpoints();
        app.MapIntakeApi();
        app.MapOpenApi();
        app.MapHub<DispatchHub>(DispatchHub.Path);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
