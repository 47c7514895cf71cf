using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Shared;

/// <summary>
/// Reads what was typed in the filter boxes. A value that does not parse adds its error (shown beside the filters)
/// and is left out of the query instead of failing the page.
/// </summary>
public static class FilterText
{
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>One <c>key=value</c> filter, or none when the box is empty.</summary>
    public static IReadOnlyList<AttributeFilter> Attributes(string? text, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return [AttributeFilter.Parse(text)];
        }
        catch (FormatException exception)
        {
            errors.Add($"Attribute filter ignored: {exception.Message}");
            return [];
        }
    }

    public static DurationFilter? Duration(string? text, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return DurationFilter.Parse(text);
        }
        catch (FormatException exception)
        {
            errors.Add($"Duration filter ignored: {exception.Message}");
            return null;
        }
    }

    public static TraceId? TraceId(string? text, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Storage.TraceId.TryParse(text.Trim().ToLowerInvariant(), out var traceId))
        {
            return traceId;
        }

        errors.Add($"Trace id filter ignored: '{text}' is not a trace id (expected 32 hex digits).");
        return null;
    }
}
