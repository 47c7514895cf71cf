using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace TraceApp.ServiceDefaults.Logging;

/// <summary>
/// One line per entry, logfmt-style fields after the message, so <c>grep trace_id=&lt;hex&gt;</c> finds every
/// line of a request: <c>2026-11-23T10:00:00.000Z INF serving version version=0.1.0 logger=Api trace_id=… span_id=…</c>.
/// Newlines inside messages and exceptions are escaped to keep that promise.
/// </summary>
public sealed class TextLogFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "traceapp-text";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var fields = LogEntryFields.From(logEntry, scopeProvider, options.CurrentValue.IncludeScopes);
        var line = new StringBuilder(128);
        line.Append(LogEntryFields.Timestamp())
            .Append(' ').Append(LogEntryFields.ShortLevel(logEntry.LogLevel))
            .Append(' ').Append(Escape(fields.Message));
        foreach (var (key, value) in fields.Attributes)
        {
            AppendField(line, key, Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        AppendField(line, "logger", logEntry.Category);
        if (logEntry.Exception is { } exception)
        {
            AppendField(line, "error", exception.ToString());
        }

        if (fields.TraceId is not null)
        {
            line.Append(" trace_id=").Append(fields.TraceId).Append(" span_id=").Append(fields.SpanId);
        }

        line.Append('\n');
        textWriter.Write(line.ToString());
    }

    private static void AppendField(StringBuilder line, string key, string? value)
    {
        line.Append(' ').Append(key).Append('=');
        value ??= string.Empty;
        if (value.Length > 0 && !value.Any(c => c is ' ' or '"' or '=' || char.IsControl(c)))
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(Escape(value).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Escape(string text) =>
        text.Contains('\n') || text.Contains('\r') || text.Contains('\t') || text.Contains('\\')
            ? text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\t", "\\t", StringComparison.Ordinal)
            : text;
}
