using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>An attribute that must be present with exactly this value, as typed in a filter box: <c>key=value</c>.</summary>
public sealed record AttributeFilter(string Key, string Value)
{
    /// <summary>Splits at the first '=', so the value may itself contain '='.</summary>
    public static AttributeFilter Parse(string text)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new FormatException($"'{text}' is not an attribute filter: expected key=value, e.g. 'http.route=/api/jobs'.");
        }

        var key = text[..separator].Trim();
        if (key.Length == 0)
        {
            throw new FormatException($"'{text}' has no attribute key before '=': expected key=value, e.g. 'http.route=/api/jobs'.");
        }

        return new AttributeFilter(key, text[(separator + 1)..].Trim());
    }

    public bool IsMatch(ImmutableArray<KeyValuePair<string, string>> attributes) =>
        TelemetryAttributes.Contains(attributes, Key, Value);

    public override string ToString() => $"{Key}={Value}";
}
