using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>Look-ups over the stored attribute lists, which are short enough that a linear search wins.</summary>
public static class TelemetryAttributes
{
    public static string? Find(ImmutableArray<KeyValuePair<string, string>> attributes, string key)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Key == key)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    public static bool Contains(ImmutableArray<KeyValuePair<string, string>> attributes, string key, string value)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Key == key && attribute.Value == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a key or a value contains <paramref name="text"/>, ignoring case.</summary>
    public static bool ContainsText(ImmutableArray<KeyValuePair<string, string>> attributes, string text)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Key.Contains(text, StringComparison.OrdinalIgnoreCase)
                || attribute.Value.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
