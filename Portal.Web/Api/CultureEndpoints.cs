using Microsoft.AspNetCore.Localization;

namespace Portal.Web.Api;

/// <summary>The language switcher: remembers the choice in the culture cookie and goes back.</summary>
internal static class CultureEndpoints
{
    public static void MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!WebComposition.SupportedCultures.Any(c => c.Name == culture))
            {
                return Results.BadRequest();
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(LocalPath.OrHome(returnUrl));
        });
    }
}
