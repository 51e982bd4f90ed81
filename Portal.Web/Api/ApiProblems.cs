using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Common;
using Portal.Web.Resources;

namespace Portal.Web.Api;

/// <summary>
/// RFC 9457 (formerly 7807) problem details in the caller's language (Accept-Language), each with
/// a stable <c>code</c> a program can branch on. Field errors are keyed by JSON property name.
/// </summary>
internal static class ApiProblems
{
    /// <summary>A problem whose title is the text of <c>Error.{code}</c>.</summary>
    public static IResult Problem(IStringLocalizer l, int status, string code, params object[] args) =>
        Results.Problem(
            statusCode: status,
            title: Text(l, "Error." + code, args),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A validation problem: one localized message per field and the codes beside them.</summary>
    public static IResult Invalid(IStringLocalizer l, int status, IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        var problem = new HttpValidationProblemDetails(list
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => Text(l, "Validation." + e.Code, e.Args)).ToArray()))
        {
            Status = status,
            Title = Text(l, status == StatusCodes.Status400BadRequest ? "Error.Api.Invalid" : "Error.Api.CannotRegister", []),
        };
        problem.Extensions["code"] = status == StatusCodes.Status400BadRequest ? "Api.Invalid" : "Api.CannotRegister";
        problem.Extensions["errorCodes"] = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        return Results.Problem(problem);
    }

    /// <summary>A field name of the use cases ("ResidentPhone") as the JSON body spells it.</summary>
    public static string JsonName(string field) => JsonNamingPolicy.CamelCase.ConvertName(field);

    private static string Text(IStringLocalizer l, string key, IEnumerable<object> args)
    {
        var text = l[key, [.. args]];
        return text.ResourceNotFound ? l["Error.Unexpected"] : text;
    }
}
