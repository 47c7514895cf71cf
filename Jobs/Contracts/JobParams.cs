using System.Text.Json;

namespace TraceApp.Jobs.Contracts;

/// <summary>Parameter validators of the operations, field names prefixed with <c>params.</c>.</summary>
public static class JobParams
{
    public const int MaxPingCount = 10;

    private static readonly IReadOnlyDictionary<string, string[]> Valid = new Dictionary<string, string[]>();

    /// <summary>No parameters: nothing, <c>null</c> or an empty object.</summary>
    public static IReadOnlyDictionary<string, string[]> None(JsonElement? parameters)
    {
        if (parameters is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Valid;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return new Dictionary<string, string[]> { ["params"] = ["Must be a JSON object."] };
        }

        var unexpected = value.EnumerateObject().Select(p => p.Name).ToList();
        return unexpected.Count == 0
            ? Valid
            : new Dictionary<string, string[]> { ["params"] = [$"This operation takes no parameters (got {string.Join(", ", unexpected)})."] };
    }

    /// <summary><c>network.ping</c>: <c>{ "host": "&lt;RFC 1123 name or IP&gt;", "count": 1..10 }</c>.</summary>
    public static IReadOnlyDictionary<string, string[]> Ping(JsonElement? parameters)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } value)
        {
            return new Dictionary<string, string[]> { ["params"] = ["Must be a JSON object with 'host' and 'count'."] };
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!value.TryGetProperty("host", out var host) || host.ValueKind != JsonValueKind.String)
        {
            errors["params.host"] = ["Required: a host name or IP address."];
        }
        else if (!HostName.IsValid(host.GetString()) && !System.Net.IPAddress.TryParse(host.GetString(), out _))
        {
            errors["params.host"] = [$"'{host.GetString()}' is neither an RFC 1123 host name nor an IP address."];
        }

        if (!value.TryGetProperty("count", out var count) || count.ValueKind != JsonValueKind.Number)
        {
            errors["params.count"] = [$"Required: a whole number from 1 to {MaxPingCount}."];
        }
        else if (!count.TryGetInt32(out var n) || n < 1 || n > MaxPingCount)
        {
            errors["params.count"] = [$"Must be a whole number from 1 to {MaxPingCount}."];
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is not ("host" or "count"))
            {
                errors["params." + property.Name] = ["Unknown parameter."];
            }
        }

        return errors;
    }
}
