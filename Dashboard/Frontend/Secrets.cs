using System.Security.Cryptography;
using System.Text;

namespace TraceApp.Dashboard.Frontend;

/// <summary>Tokens and keys: generated from a CSPRNG, compared in constant time.</summary>
public static class Secrets
{
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="candidate"/> equals one of the configured secrets (null ones never match).</summary>
    public static bool Matches(string? candidate, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        var matched = false;
        var given = Encoding.UTF8.GetBytes(candidate);
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                matched |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(secret));
            }
        }

        return matched;
    }
}
