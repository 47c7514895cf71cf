namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>The OTLP header list format: comma-separated <c>key=value</c> pairs (values may be percent-encoded).</summary>
public static class OtlpHeaderList
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"'{part}' is not a key=value pair.");
            }

            result.Add(new(part[..equals].Trim(), Uri.UnescapeDataString(part[(equals + 1)..].Trim())));
        }

        return result;
    }

    public static bool IsValid(string text)
    {
        try
        {
            return Parse(text).Count > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
