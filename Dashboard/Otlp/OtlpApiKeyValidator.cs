using Microsoft.Extensions.Primitives;
using TraceApp.Dashboard.Configuration;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Checks the <c>x-otlp-api-key</c> header against the primary and secondary keys (both always compared, see
/// <see cref="SecretSet"/>).
/// </summary>
public sealed class OtlpApiKeyValidator(OtlpOptions options)
{
    public const string HeaderName = "x-otlp-api-key";

    private readonly bool _required = options.AuthMode == OtlpAuthMode.ApiKey;
    private readonly SecretSet _keys = new(options.PrimaryApiKey, options.SecondaryApiKey);

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

        return _keys.Matches(header[0]) ? OtlpKeyCheck.Accepted : OtlpKeyCheck.Wrong;
    }
}

public enum OtlpKeyCheck
{
    Accepted,
    Missing,
    Wrong,
}
