using System.Security.Cryptography;
using System.Text;

namespace TraceApp.Dashboard.Configuration;

/// <summary>
/// The keys or tokens a caller may present (an OTLP key pair, the read API's key pair, the browser token). Every
/// configured one is compared, in constant time over SHA-256 digests, so neither which one matched nor a key's
/// length shows in the timing. Unset (null or empty) ones never match.
/// </summary>
public sealed class SecretSet
{
    private readonly byte[][] _digests;

    public SecretSet(params string?[] secrets) =>
        _digests = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => Digest(s!))];

    public bool Matches(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), digest);
        var matched = false;
        foreach (var secret in _digests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(digest, secret);
        }

        return matched;
    }

    /// <summary>A random token of 32 hex digits from a CSPRNG.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
