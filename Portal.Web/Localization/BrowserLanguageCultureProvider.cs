using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Portal.Web.Localization;

/// <summary>
/// Maps whatever Chinese or English the browser asks for (zh, zh-Hans, zh-TW, en-GB…) onto the two
/// cultures Portal ships, so a phone set to "zh" is not shown the English fallback.
/// </summary>
public sealed class BrowserLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in header.OrderByDescending(h => h.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            var culture = tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN"
                : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en"
                : null;
            if (culture is not null)
            {
                return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
            }
        }

        return NullProviderCultureResult;
    }
}
