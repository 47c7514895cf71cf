using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using TraceApp.Dashboard.Configuration;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Checks the <c>x-otlp-api-key</c> header against the primary and secondary keys. Both are always compared, in
/// constant time over SHA-256 digests, so neither the match nor a key's length shows in the timing.
/// </summary>
public sealed class OtlpApiKeyValidator
{
    public const string HeaderName = "x-otlp-api-key";

    private readonly bool _required;
    private readonly byte[] _primary;
    private readonly byte[]? _secondary;

    public OtlpApiKeyValidator(OtlpOptions options)
    {
        _required = options.AuthMode == OtlpAuthMode.ApiKey;
        _primary = Digest(options.PrimaryApiKey ?? "");
        _secondary = string.IsNullOrEmpty(options.SecondaryApiKey) ? null : Digest(options.SecondaryApiKey);
    }

    public OtlpKeyCheck Check(StringValues header)
    {
        if (!_required)
        {
            return OtlpKeyCheck.Accepted;
        }

        if (header.Count != 1 || string.IsNullOrEmpty(header[0]))
        {
            return OtlpKeyCheck.Missing;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(header[0]!), digest);
        var matches = CryptographicOperations.FixedTimeEquals(digest, _primary)
            | (_secondary is not null && CryptographicOperations.FixedTimeEquals(digest, _secondary));
        return matches ? OtlpKeyCheck.Accepted : OtlpKeyCheck.Wrong;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

public enum OtlpKeyCheck
{
    Accepted,
    Missing,
    Wrong,
}
