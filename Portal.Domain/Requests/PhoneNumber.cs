using System.Text.RegularExpressions;

namespace Portal.Domain.Requests;

/// <summary>
/// Contact phone rules (联系电话). The desk must be able to call back, so a number that cannot be
/// dialled is refused at filing rather than discovered at the follow-up call.
/// </summary>
public static partial class PhoneNumber
{
    /// <summary>
    /// Mainland mobile (1[3-9] + 9 digits), landline with area code (0 + 2–3 digit area + 7–8
    /// digits, e.g. 010-12345678 or 0755-1234567) or international (+ and 8–15 digits).
    /// Spaces and dashes are ignored.
    /// </summary>
    public static bool IsValid(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }

        var compact = string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c != '-'));
        return ValidPattern().IsMatch(compact);
    }

    /// <summary>Removes whitespace; keeps '+' and '-' because people read the number back that way.</summary>
    public static string Normalize(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
    }

    // [0-9] rather than \d: \d also matches Arabic-Indic and full-width digits.
    [GeneratedRegex(@"^(?:1[3-9][0-9]{9}|0[0-9]{2,3}[0-9]{7,8}|\+[0-9]{8,15})$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidPattern();
}
