using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portal.Web.Resources;

namespace Portal.Web.Api;

/// <summary>Services of the intake API: key sign-in, its policy, the per-key rate limit, JSON and OpenAPI.</summary>
internal static class IntakeApi
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddIntakeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .Validate(o => o.PermitsPerMinute is > 0 and <= 1_000_000, "Portal:Api:PermitsPerMinute must be 1-1000000.")
            .ValidateOnStart();

        // Enum values travel as camelCase names ("repair", "inProgress"), never as numbers, which
        // would change meaning if a member were ever inserted.
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.Policy, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser());
        services.AddRateLimiter(o => o.AddPolicy<string, IntakeRateLimitPolicy>(IntakeRateLimitPolicy.Name));
        services.AddOpenApi(DocumentName, Describe);
        return services;
    }

    /// <summary>
    /// On /api, a bare status from routing (415 for a body that is not JSON, 405, 404 for an unknown
    /// path) becomes a problem document, before the people's "not found" page could re-execute it.
    /// </summary>
    public static IApplicationBuilder UseIntakeApiStatusProblems(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.UseStatusCodePages(WriteStatusProblemAsync));

    private static Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = http.Response.StatusCode;
        var code = status switch
        {
            StatusCodes.Status404NotFound => "Api.NoSuchPath",
            StatusCodes.Status405MethodNotAllowed => "Api.MethodNotAllowed",
            StatusCodes.Status415UnsupportedMediaType => "Api.JsonOnly",
            _ => "Api.Refused",
        };
        return ApiProblems.Problem(l, status, code, status).ExecuteAsync(http);
    }

    /// <summary>/openapi/v1.json holds the intake API only, with its key scheme and headers.</summary>
    private static void Describe(OpenApiOptions o)
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Portal intake API";
            document.Info.Description = "Other channels (a WeChat official-account bridge, a call-centre) register requests "
                + "for residents of one estate and read their status. Problems are RFC 9457 documents in zh-CN or en (Accept-Language).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyDefaults.Header,
                Description = "The key an administrator issued at /staff/integrations: pk_{prefix}_{secret}.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyDefaults.Scheme, document)] = [],
            });
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == IntakeEndpoints.IdempotencyHeader))
            {
                parameter.Required = true;
                parameter.Description = "Unique per new item (a UUID is fine), at most 100 visible ASCII characters; "
                    + "send the same key to retry. Remembered for 24 hours once a request was created.";
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Accept-Language",
                In = ParameterLocation.Header,
                Description = "zh-CN (default) or en: the language of problem titles and field messages.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
    }
}
