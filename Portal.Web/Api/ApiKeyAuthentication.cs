using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Domain.Requests;
using Portal.Infrastructure.Integrations;
using Portal.Web.Resources;

namespace Portal.Web.Api;

/// <summary>Names shared by the key scheme, its policy and the OpenAPI document.</summary>
internal static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Policy = "IntakeApi";
}

/// <summary>
/// Signs in an integration from its <c>X-Api-Key</c> header, for the intake API only: the cookie
/// of a signed-in person never counts there, and a key never counts anywhere else.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    IStringLocalizer<SharedResource> l)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[ApiKeyDefaults.Header];
        if (values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = values.Count == 1 ? await verifier.VerifyAsync(values[0], Context.RequestAborted) : null;
        if (caller is null)
        {
            return AuthenticateResult.Fail("The API key is not valid or was revoked.");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(IntegrationClaims.Of(caller), ApiKeyDefaults.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = ApiKeyDefaults.Scheme;
        var code = Request.Headers.ContainsKey(ApiKeyDefaults.Header) ? "Api.KeyInvalid" : "Api.KeyMissing";
        await ApiProblems.Problem(l, StatusCodes.Status401Unauthorized, code).ExecuteAsync(Context);
    }
}

/// <summary>The calling key as claims, and back.</summary>
internal static class IntegrationClaims
{
    private const string KeyId = "portal:api_key_id";
    private const string Name = "portal:api_key_name";
    private const string Estate = "portal:api_key_estate";
    private const string Channel = "portal:api_key_channel";
    public const string Prefix = "portal:api_key_prefix";

    public static IEnumerable<Claim> Of(IntegrationCaller caller) =>
    [
        new(KeyId, caller.ApiKeyId.ToString(CultureInfo.InvariantCulture)),
        new(Name, caller.Name),
        new(Estate, caller.EstateId.ToString(CultureInfo.InvariantCulture)),
        new(Channel, caller.Channel.ToString()),
        new(Prefix, caller.Prefix),
    ];

    public static IntegrationCaller Caller(ClaimsPrincipal user) => new(
        int.Parse(user.FindFirstValue(KeyId)!, CultureInfo.InvariantCulture),
        user.FindFirstValue(Name)!,
        int.Parse(user.FindFirstValue(Estate)!, CultureInfo.InvariantCulture),
        Enum.Parse<Channel>(user.FindFirstValue(Channel)!),
        user.FindFirstValue(Prefix)!);
}
