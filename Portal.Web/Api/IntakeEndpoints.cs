using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Integrations;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;

namespace Portal.Web.Api;

/// <summary>
/// The intake API: other channels' systems (the WeChat bridge, a call-centre) register requests on
/// a resident's behalf and read their status, through the same use case as the desk. Authenticated
/// by <c>X-Api-Key</c>, limited per key, idempotent by <c>Idempotency-Key</c>; every refusal is a
/// problem document. See docs/integration-api.md.
/// </summary>
internal static class IntakeEndpoints
{
    public const string RequestsPath = "/api/v1/requests";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Far above any valid body (a description is at most 1,000 characters).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly HashSet<string> KnownFields = typeof(NewRequestBody).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static void MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup(RequestsPath)
            .RequireAuthorization(ApiKeyDefaults.Policy)
            .RequireRateLimiting(IntakeRateLimitPolicy.Name)
            .DisableAntiforgery()
            .AddEndpointFilter<ApiFailureFilter>()
            .WithTags("Requests");

        requests.MapPost("", CreateAsync)
            .WithName("RegisterRequest")
            .WithSummary("Register a request for a resident of the key's estate")
            .WithDescription("Registers a repair, complaint, suggestion, inquiry or praise with the key's channel. "
                + "Send a fresh Idempotency-Key with every new item and the same one when retrying it.")
            .Accepts<NewRequestBody>("application/json")
            .Produces<RequestCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        requests.MapGet("/{number}", GetAsync)
            .WithName("GetRequest")
            .WithSummary("Where a request of the key's estate stands")
            .WithDescription("Status, deadlines and the timeline (times and events only). A number of another estate is not found.")
            .Produces<RequestState>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        IdempotencyStore idempotency,
        IntakeQueries queries,
        RegisterRequest register,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return ApiProblems.Problem(l, StatusCodes.Status400BadRequest, "Api.IdempotencyKeyRequired");
        }

        if (idempotencyKey.Length > IdempotencyRecord.MaxKeyLength || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            return ApiProblems.Problem(l, StatusCodes.Status400BadRequest, "Api.IdempotencyKeyInvalid", IdempotencyRecord.MaxKeyLength);
        }

        if (!http.Request.HasJsonContentType())
        {
            return ApiProblems.Problem(l, StatusCodes.Status415UnsupportedMediaType, "Api.JsonOnly");
        }

        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return ApiProblems.Problem(l, StatusCodes.Status413PayloadTooLarge, "Api.TooLarge", MaxBodyBytes / 1024);
        }

        var caller = IntegrationClaims.Caller(http.User);
        var (earlier, receipt) = await idempotency.CheckAsync(
            caller.ApiKeyId, idempotencyKey, SHA256.HashData(body), filed => Created(http, filed, json.Value.SerializerOptions), ct);
        if (earlier is not null)
        {
            return Earlier(http, earlier, l);
        }

        // From here the call runs to the end even if the caller hangs up: the request and its stored
        // answer are saved together, so a retry with the same key finds one or the other, never half.
        var refused = await RegisterAsync(body, caller, queries, register, receipt, json.Value.SerializerOptions, l);
        if (refused is not null)
        {
            return refused;
        }

        if (receipt.Claim is { } claim)
        {
            // Another call with the same key got there first while this one was being checked.
            return Earlier(http, claim, l);
        }

        var answer = receipt.Answer!;
        return Stored(http, answer.StatusCode, answer.Body, answer.Location);
    }

    private static IResult Earlier(HttpContext http, IdempotencyClaim claim, IStringLocalizer l)
    {
        if (claim.State == IdempotencyState.Mismatch)
        {
            return ApiProblems.Problem(l, StatusCodes.Status422UnprocessableEntity, "Api.IdempotencyKeyReused");
        }

        http.Response.Headers[ReplayedHeader] = "true";
        return Stored(http, claim.StatusCode, claim.ResponseBody!, claim.Location);
    }

    /// <summary>The 201's body, built from what was just saved (reading the request back cost two queries per call).</summary>
    private static StoredAnswer Created(HttpContext http, FiledRequest filed, JsonSerializerOptions json)
    {
        var saved = filed.State!;
        var state = RequestState.From(new IntakeStatus(
            filed.Id, filed.Number, saved.Type, saved.Status, saved.SubmittedAt, saved.RespondBy, saved.ResolveBy,
            AnsweredAt: null, CompletedAt: null, saved.ClosedAt, filed.TimeZoneId, []));
        var created = new RequestCreated(
            state.Number, state.Type, state.Status, state.RespondBy, state.ResolveBy,
            $"{http.Request.Scheme}://{http.Request.Host}/requests/{filed.Id}");
        return new StoredAnswer(StatusCodes.Status201Created, JsonSerializer.Serialize(created, json), $"{RequestsPath}/{Uri.EscapeDataString(state.Number)}");
    }

    /// <summary>Parses, resolves and registers; a problem when refused, null when filed (or stopped by an earlier call with the key).</summary>
    private static async Task<IResult?> RegisterAsync(
        byte[] body, IntegrationCaller caller, IntakeQueries queries, RegisterRequest register, IFilingReceipt receipt, JsonSerializerOptions json, IStringLocalizer l)
    {
        var (parsed, parseProblem) = Parse(body, json, l);
        if (parsed is null)
        {
            return parseProblem;
        }

        var invalid = parsed.Validate();
        if (invalid.Count > 0)
        {
            return ApiProblems.Invalid(l, StatusCodes.Status400BadRequest, invalid);
        }

        var spot = NewRequestBody.Clean(parsed.PublicSpot);
        var (party, unresolved) = await queries.ResolveAsync(
            caller.EstateId, parsed.ResidentPhone!, NewRequestBody.Clean(parsed.Building), NewRequestBody.Clean(parsed.Unit), spot is not null, CancellationToken.None);
        if (party is null)
        {
            return Unprocessable(l, unresolved);
        }

        var draft = new RegisterDraft
        {
            Type = parsed.Type!.Value,
            ComplaintKind = parsed.ComplaintKind,
            Category = parsed.Category,
            InPublicArea = spot is not null,
            UnitId = party.UnitId,
            EstateId = caller.EstateId,
            PublicBuildingId = spot is not null ? party.BuildingId : null,
            Spot = spot,
            Description = NewRequestBody.Clean(parsed.Description),
            ContactName = NewRequestBody.Clean(parsed.ContactName) ?? party.ResidentName,
            ContactPhone = NewRequestBody.Clean(parsed.ContactPhone) ?? party.ResidentPhone,
            Channel = caller.Channel,
            Urgent = parsed.Urgent,
        };
        var (outcome, errors) = await register.RegisterForIntegrationAsync(
            caller.EstateId, caller.Name, caller.ApiKeyId, party.ResidentId, draft, receipt, party.Homes, CancellationToken.None);
        if (errors.Count > 0)
        {
            return Unprocessable(l, errors.Select(e => e with { Field = DraftField(e.Field) }));
        }

        if (outcome.Succeeded || outcome.ErrorCode == RegisterRequest.StoppedByReceipt)
        {
            return null;
        }

        return outcome.ErrorCode == Outcome.NotFound.ErrorCode
            ? Unprocessable(l, [new FieldError("ResidentPhone", "Api.ResidentUnknown")])
            : ApiProblems.Problem(l, StatusCodes.Status422UnprocessableEntity, outcome.ErrorCode!, [.. outcome.Args]);
    }

    private static async Task<IResult> GetAsync(string number, HttpContext http, IntakeQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var caller = IntegrationClaims.Caller(http.User);
        var status = number.Length <= 20 ? await queries.GetAsync(caller.EstateId, number, ct) : null;
        return status is null
            ? ApiProblems.Problem(l, StatusCodes.Status404NotFound, "Api.RequestNotFound")
            : TypedResults.Ok(RequestState.From(status));
    }

    /// <summary>
    /// Syntax first (400 "malformed"), then unknown fields and values of the wrong kind, each named
    /// by its JSON property, so a typo in a field name is reported rather than silently ignored.
    /// </summary>
    private static (NewRequestBody? Body, IResult? Problem) Parse(byte[] body, JsonSerializerOptions json, IStringLocalizer l)
    {
        List<string> unknown;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiProblems.Problem(l, StatusCodes.Status400BadRequest, "Api.MalformedJson"));
            }

            unknown = document.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !KnownFields.Contains(n)).ToList();
        }
        catch (JsonException)
        {
            return (null, ApiProblems.Problem(l, StatusCodes.Status400BadRequest, "Api.MalformedJson"));
        }

        if (unknown.Count > 0)
        {
            return (null, ApiProblems.Invalid(l, StatusCodes.Status400BadRequest, unknown.Select(n => new FieldError(n, "Api.UnknownField"))));
        }

        try
        {
            return (JsonSerializer.Deserialize<NewRequestBody>(body, json), null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            var property = typeof(NewRequestBody).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
            var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var error = type is { IsEnum: true }
                ? new FieldError(field, "Api.UnknownValue", string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)))
                : new FieldError(field, "Api.InvalidValue");
            return (null, ApiProblems.Invalid(l, StatusCodes.Status400BadRequest, [error]));
        }
    }

    /// <summary>"$.type" → "type"; the serializer names the property where the value was wrong.</summary>
    private static string FieldOf(string? path)
    {
        var name = path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "";
        var end = name.IndexOfAny(['.', '[']);
        return JsonNamingPolicy.CamelCase.ConvertName(end < 0 ? name : name[..end]);
    }

    /// <summary>The use case's field names (RegisterDraft's) as the JSON body spells them.</summary>
    private static string DraftField(string field) => field switch
    {
        nameof(RegisterDraft.UnitId) => "unit",
        nameof(RegisterDraft.PublicBuildingId) => "building",
        nameof(RegisterDraft.Spot) or nameof(RegisterDraft.InPublicArea) or nameof(RegisterDraft.EstateId) => "publicSpot",
        _ => ApiProblems.JsonName(field),
    };

    private static IResult Unprocessable(IStringLocalizer l, IEnumerable<FieldError> errors) =>
        ApiProblems.Invalid(l, StatusCodes.Status422UnprocessableEntity, errors.Select(e => e with { Field = ApiProblems.JsonName(e.Field) }));

    private static IResult Stored(HttpContext http, int status, string body, string? location)
    {
        if (location is not null)
        {
            http.Response.Headers.Location = location;
        }

        return Results.Content(body, "application/json; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The raw body (its hash is the idempotency fingerprint), or null when too large.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// Whatever goes wrong inside the API is logged and answered as a plain 500 problem document, in
/// every environment: a caller never sees a stack trace or the developer page.
/// </summary>
internal sealed class ApiFailureFilter(ILogger<ApiFailureFilter> logger, IStringLocalizer<SharedResource> l) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Intake API call {Method} {Path} failed.", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ApiProblems.Problem(l, StatusCodes.Status500InternalServerError, "Api.Failed");
        }
    }
}
