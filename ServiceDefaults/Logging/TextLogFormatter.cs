using System.Globalization;
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
        // ConsoleLogger hands us a per-thread StringWriter and queues its text as one string, so writing the
        // pieces directly still yields one line written to the console in one call.
        var fields = LogEntryFields.From(logEntry, scopeProvider, options.CurrentValue.IncludeScopes);
        textWriter.Write(LogEntryFields.FormatTimestamp(stackalloc char[LogEntryFields.TimestampLength]));
        textWriter.Write(' ');
        textWriter.Write(LogEntryFields.ShortLevel(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(Escape(fields.Message));
        foreach (var (key, value) in fields.Attributes)
        {
            WriteField(textWriter, key, Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        WriteField(textWriter, "logger", logEntry.Category);
        if (logEntry.Exception is { } exception)
        {
            WriteField(textWriter, "error", exception.ToString());
        }

        if (fields.TraceId is not null)
        {
            textWriter.Write(" trace_id=");
            textWriter.Write(fields.TraceId);
            textWriter.Write(" span_id=");
            textWriter.Write(fields.SpanId);
        }

        textWriter.Write('\n');
    }

    private static void WriteField(TextWriter output, string key, string? value)
    {
        output.Write(' ');
        output.Write(key);
        output.Write('=');
        value ??= string.Empty;
        if (value.Length > 0 && !value.Any(c => c is ' ' or '"' or '=' || char.IsControl(c)))
        {
            output.Write(value);
            return;
        }

        output.Write('"');
        output.Write(Escape(value).Replace("\"", "\\\"", StringComparison.Ordinal));
        output.Write('"');
    }

    private static string Escape(string text) =>
        text.Contains('\n') || text.Contains('\r') || text.Contains('\t') || text.Contains('\\')
            ? text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\t", "\\t", StringComparison.Ordinal)
            : text;
}
