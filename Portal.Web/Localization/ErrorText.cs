using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Common;
using Portal.Web.Resources;

namespace Portal.Web.Localization;

/// <summary>Turns the error codes of use cases and validators into sentences in the user's language.</summary>
public sealed class ErrorText(IStringLocalizer<SharedResource> l)
{
    public string For(Outcome outcome) => Code("Error." + outcome.ErrorCode, outcome.Args);

    public string For(FieldError error) => Code("Validation." + error.Code, error.Args);

    public string Code(string key, IEnumerable<object> args)
    {
        var text = l[key, [.. args]];
        return text.ResourceNotFound ? l["Error.Unexpected"] : text;
    }
}
