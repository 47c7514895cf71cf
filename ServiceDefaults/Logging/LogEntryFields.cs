using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TraceApp.ServiceDefaults.Logging;

/// <summary>What both console formats print for one entry: message, structured fields and the current span.</summary>
internal readonly record struct LogEntryFields(
    string Message,
    List<KeyValuePair<string, object?>> Attributes,
    string? TraceId,
    string? SpanId)
{
    private const string OriginalFormat = "{OriginalFormat}";

    public static LogEntryFields From<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, bool includeScopes)
    {
        var message = entry.Formatter(entry.State, entry.Exception) ?? string.Empty;
        var attributes = new List<KeyValuePair<string, object?>>();
        if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> state)
        {
            foreach (var pair in state)
            {
                if (pair.Key != OriginalFormat)
                {
                    attributes.Add(pair);
                }
            }
        }

        if (includeScopes && scopes is not null)
        {
            scopes.ForEachScope(static (scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var pair in pairs)
                    {
                        if (pair.Key != OriginalFormat && !list.Exists(p => p.Key == pair.Key))
                        {
                            list.Add(pair);
                        }
                    }
                }
                else if (scope is not null)
                {
                    list.Add(new("scope", scope.ToString()));
                }
            }, attributes);
        }

        // The console logger formats on the logging thread, so the current activity is the caller's.
        var activity = Activity.Current;
        return activity is null
            ? new LogEntryFields(message, attributes, null, null)
            : new LogEntryFields(message, attributes, activity.TraceId.ToHexString(), activity.SpanId.ToHexString());
    }

    public const int TimestampLength = 24;

    /// <summary>Now, in UTC with milliseconds (2026-11-23T10:00:00.000Z), into <paramref name="destination"/>.</summary>
    public static ReadOnlySpan<char> FormatTimestamp(Span<char> destination)
    {
        DateTime.UtcNow.TryFormat(destination, out var written, "yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        return destination[..written];
    }

    public static string ShortLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRC",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        LogLevel.Error => "ERR",
        LogLevel.Critical => "CRT",
        _ => "???",
    };
}
