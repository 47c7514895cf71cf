using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace TraceApp.ServiceDefaults.Logging;

/// <summary>
/// One JSON object per line: <c>timestamp</c>, <c>level</c>, <c>category</c>, <c>message</c>, <c>trace_id</c> and
/// <c>span_id</c> while a span is current, the message template's values under <c>attributes</c>, and
/// <c>exception</c>.
/// </summary>
public sealed class JsonLogFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "traceapp-json";

    // Reused per logging thread: formatting is synchronous and never re-entered on one thread.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var fields = LogEntryFields.From(logEntry, scopeProvider, options.CurrentValue.IncludeScopes);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        {
            json.WriteStartObject();
            json.WriteString("timestamp", LogEntryFields.FormatTimestamp(stackalloc char[LogEntryFields.TimestampLength]));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", fields.Message);
            if (fields.TraceId is not null)
            {
                json.WriteString("trace_id", fields.TraceId);
                json.WriteString("span_id", fields.SpanId);
            }

            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("event_id", logEntry.EventId.Id);
            }

            if (fields.Attributes.Count > 0)
            {
                json.WriteStartObject("attributes");
                foreach (var (key, value) in fields.Attributes)
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndObject();
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        json.Flush();
        WriteUtf8Line(textWriter, buffer.WrittenSpan);
    }

    private static void WriteUtf8Line(TextWriter output, ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length) + 1);
        var count = Encoding.UTF8.GetChars(utf8, chars);
        chars[count] = '\n';
        output.Write(chars, 0, count + 1);
        ArrayPool<char>.Shared.Return(chars);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
            default: json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
