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

    /// <summary>A client holding the sign-in cookie of a demo account.</summary>
    public static async Task<HttpClient> ClientForAsync(this PortalFactory factory, string email, string password = DemoData.Password)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}.");
        }

        return client;
    }
}
