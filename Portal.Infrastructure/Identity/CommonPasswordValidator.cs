using Microsoft.AspNetCore.Identity;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Current guidance (NIST SP 800-63B) favours length over composition rules and asks that
/// passwords be checked against lists of commonly used or compromised values. Length is enforced
/// by <see cref="IdentityOptions"/>; this validator refuses the well-known ones and passwords that
/// merely repeat the account name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    // Frequent entries of published leak corpora, including those common among Chinese users.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789abc", "1q2w3e4r5t6y",
        "qwertyuiop12", "qwertyuiop123", "qwerty123456", "password1234", "password12345",
        "password123456", "passw0rd1234", "iloveyou1234", "abc123456789", "abcdef123456",
        "a12345678910", "aa123456789", "aaaaaaaaaaaa", "111111111111", "000000000000",
        "123123123123", "woaini131420", "woaini520520", "woaini1314520", "5201314520",
        "1314520520", "qq1234567890", "zxcvbnm12345", "asdfghjkl123", "1qaz2wsx3edc",
        "1qaz2wsx3edc4rfv", "qazwsxedcrfv", "letmein12345", "welcome12345", "admin1234567",
        "administrator", "changeme1234", "portal123456", "property1234", "88888888888",
        "888888888888", "666666666666", "987654321000", "0987654321ab", "abcd12345678",
        "helloworld12", "sunshine1234", "football1234", "baseball1234", "dragon123456",
        "monkey123456", "princess1234", "trustno11234", "superman1234", "starwars1234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lowered = password.ToLowerInvariant();
        var localPart = (user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        var tooCommon = Common.Contains(password)
            || password.Distinct().Count() <= 2
            || (localPart.Length >= 4 && lowered.Contains(localPart, StringComparison.Ordinal));

        return Task.FromResult(tooCommon
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "This password is too common or too close to the account name." })
            : IdentityResult.Success);
    }
}
