using System.Security.Cryptography;
using System.Text;

namespace Portal.Infrastructure.Integrations;

/// <summary>
/// Keys read "pk_{prefix}_{secret}". The prefix finds the key; the secret proves it. Both are drawn
/// from an alphabet without look-alikes (0/o, 1/l) and without '_' so a key splits one way only.
/// The secret carries about 215 random bits, so a fast hash (SHA-256) is enough: there is no
/// password to guess, unlike a person's, and verification stays cheap on every call.
/// </summary>
public static class ApiKeyFormat
{
    public const string Lead = "pk";
    public const int PrefixLength = 8;
    public const int SecretLength = 43;
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Longest string worth parsing; anything longer is refused before any work.</summary>
    public const int MaxLength = 3 + PrefixLength + 1 + SecretLength;

    public static (string Prefix, string Secret, string Key) Generate()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, PrefixLength);
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return (prefix, secret, $"{Lead}_{prefix}_{secret}");
    }

    public static bool TryParse(string? key, out string prefix, out string secret)
    {
        prefix = secret = "";
        if (key is null || key.Length != MaxLength || !key.StartsWith(Lead + "_", StringComparison.Ordinal) || key[3 + PrefixLength] != '_')
        {
            return false;
        }

        var p = key.Substring(3, PrefixLength);
        var s = key[(4 + PrefixLength)..];
        if (!p.All(Alphabet.Contains) || !s.All(Alphabet.Contains))
        {
            return false;
        }

        (prefix, secret) = (p, s);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>Constant-time, so the time taken says nothing about how much of a guess was right.</summary>
    public static bool Matches(byte[] storedHash, byte[] presentedHash) =>
        CryptographicOperations.FixedTimeEquals(storedHash, presentedHash);

    /// <summary>How the key is shown after issue: enough to tell keys apart, nothing to use.</summary>
    public static string Masked(string prefix) => $"{Lead}_{prefix}_…";
}
