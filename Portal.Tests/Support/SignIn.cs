using System.Net;
using System.Text.RegularExpressions;
using Portal.Infrastructure.Demo;

namespace Portal.Tests.Support;

public static partial class SignIn
{
    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string AntiforgeryToken(string html) => TokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>Posts the real sign-in form, as a browser would, and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string login, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Login"] = login,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The "Cookie" header value a signed-in browser of this account would send.</summary>
    public static async Task<string> CookieHeaderAsync(this PortalFactory factory, string email, string password = DemoData.Password)
    {
        var cookies = new CookieContainer();
        HttpMessageHandler handler = factory.KestrelAddress is null
            ? new CookieJar(cookies, factory.Server.CreateHandler())
            : new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        var baseAddress = factory.KestrelAddress ?? factory.Server.BaseAddress;
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        var response = await PostLoginAsync(client, email, password);
        var auth = cookies.GetCookies(baseAddress).FirstOrDefault(c => c.Name == ".AspNetCore.Identity.Application");
        return auth is not null
            ? $"{auth.Name}={auth.Value}"
            : throw new InvalidOperationException($"Sign-in of {email} set no cookie ({(int)response.StatusCode}).");
    }

    /// <summary>Keeps cookies for a client of the in-memory test server, as a browser would.</summary>
    private sealed class CookieJar(CookieContainer cookies, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(request.RequestUri!, setCookie);
                }
            }

            return response;
        }
    }

    /// <summary>A client holding the sign-in cookie of a demo account.</summary>
    public static async Task<HttpClient> ClientForAsync(this PortalFactory factory, string email, string password = DemoData.Password)
    {
        var client = factory.CreateClient(factory.Client());
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}.");
        }

        return client;
    }
}
