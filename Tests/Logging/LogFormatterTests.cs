using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TraceApp.ServiceDefaults.Logging;

namespace TraceApp.Tests.Logging;

public sealed class LogFormatterTests : IDisposable
{
    private static readonly IOptionsMonitor<ConsoleFormatterOptions> Options =
        new OptionsMonitor<ConsoleFormatterOptions>(
            new OptionsFactory<ConsoleFormatterOptions>([], []), [], new OptionsCache<ConsoleFormatterOptions>());

    private readonly ActivitySource _source = new("TraceApp.Tests.Logging");
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "TraceApp.Tests.Logging",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public LogFormatterTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }

    private static KeyValuePair<string, object?> Field(string key, object? value) => new(key, value);

    private static string Write(ConsoleFormatter formatter, string message, Exception? exception = null,
        params KeyValuePair<string, object?>[] state)
    {
        IReadOnlyList<KeyValuePair<string, object?>> values = [.. state, new("{OriginalFormat}", message)];
        var output = new StringWriter();
        formatter.Write(
            new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(
                LogLevel.Warning, "TraceApp.Tests", default, values, exception, (_, _) => message),
            scopeProvider: null, output);
        return output.ToString();
    }

    [Fact]
    public void Text_line_inside_a_span_carries_trace_and_span_ids()
    {
        using var activity = _source.StartActivity("work")!;

        var line = Write(new TextLogFormatter(Options), "processing job", null, Field("job_id", "abc123"));

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z WRN processing job job_id=abc123 logger=TraceApp.Tests", line);
        Assert.EndsWith($" trace_id={activity.TraceId.ToHexString()} span_id={activity.SpanId.ToHexString()}\n", line);
    }

    [Fact]
    public void Text_line_outside_a_span_has_no_trace_fields()
    {
        Assert.Null(Activity.Current);

        var line = Write(new TextLogFormatter(Options), "idle");

        Assert.DoesNotContain("trace_id", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_entry_stays_on_one_line_with_multi_line_message_values_and_exception()
    {
        using var activity = _source.StartActivity("work")!;
        Exception exception;
        try
        {
            throw new InvalidOperationException("boom\nsecond line");
        }
        catch (InvalidOperationException thrown)
        {
            exception = thrown;
        }

        var line = Write(new TextLogFormatter(Options), "first\nsecond", exception, Field("path", "a b=\"c\""));

        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(@"first\nsecond", line, StringComparison.Ordinal);
        Assert.Contains(@"path=""a b=\""c\""""", line, StringComparison.Ordinal);
        Assert.Contains("error=\"System.InvalidOperationException: boom\\nsecond line", line, StringComparison.Ordinal);
        Assert.Contains($"trace_id={activity.TraceId.ToHexString()}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_line_has_trace_ids_level_message_and_attributes()
    {
        using var activity = _source.StartActivity("work")!;

        var line = Write(new JsonLogFormatter(Options), "processing job", null, Field("job_id", "abc123"), Field("attempt", 2));

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Warning", root.GetProperty("level").GetString());
        Assert.Equal("TraceApp.Tests", root.GetProperty("category").GetString());
        Assert.Equal("processing job", root.GetProperty("message").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), root.GetProperty("trace_id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), root.GetProperty("span_id").GetString());
        Assert.Equal("abc123", root.GetProperty("attributes").GetProperty("job_id").GetString());
        Assert.Equal(2, root.GetProperty("attributes").GetProperty("attempt").GetInt32());
        Assert.False(root.GetProperty("attributes").TryGetProperty("{OriginalFormat}", out var _));
    }
}
