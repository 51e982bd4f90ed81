using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Estates;

/// <summary>
/// The code printed on a unit's welcome letter (邀请码) that binds a resident's account to the
/// unit. Everyone in the household may use it; staff reissue it when the home changes hands.
/// Format "ABCD-EFGH".
/// </summary>
public static class InvitationCode
{
    /// <summary>No I, L, O, 0 or 1: they are read aloud over the phone and copied by hand.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private const int CharCount = 8;
    private const int GroupLength = 4;

    /// <summary>A new random code; cryptographic randomness because the code grants access to a home.</summary>
    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetString(Alphabet, CharCount);
        return string.Concat(chars.AsSpan(0, GroupLength), "-", chars.AsSpan(GroupLength));
    }

    /// <summary>
    /// Upper-cases, drops spaces and dashes, and puts the dash back after four characters when
    /// eight remain, so "abcd efgh" becomes "ABCD-EFGH". Anything else is returned without a dash
    /// and then fails <see cref="IsWellFormed"/>.
    /// </summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        // Compatibility form first: phone keyboards in Chinese mode type full-width "ＡＢ－１".
        var folded = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        if (builder.Length == CharCount)
        {
            builder.Insert(GroupLength, '-');
        }

        return builder.ToString();
    }

    public static bool IsWellFormed(string? input)
    {
        var normalized = Normalize(input);
        if (normalized.Length != CharCount + 1 || normalized[GroupLength] != '-')
        {
            return false;
        }

        for (var i = 0; i < normalized.Length; i++)
        {
            if (i != GroupLength && !Alphabet.Contains(normalized[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
