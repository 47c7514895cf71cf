using System.Globalization;
using Microsoft.AspNetCore.Http;
using TraceApp.Dashboard.Storage;
using TraceApp.ServiceDefaults.Configuration;

namespace TraceApp.Dashboard.Api;

/// <summary>
/// Reads the read API's query string (<c>resource</c>, <c>traceId</c>, <c>from</c>/<c>to</c> as ISO 8601,
/// <c>name</c>, <c>attribute=key=value</c> (repeatable), <c>duration</c> such as <c>&gt;250ms</c>, <c>errors</c>,
/// <c>level</c>, <c>text</c>, <c>skip</c>, <c>take</c>), collecting every problem instead of stopping at the first.
/// </summary>
internal sealed class TelemetryApiQuery(IQueryCollection query)
{
    public const int MaxTake = 1000;

    public Dictionary<string, string[]> Errors { get; } = [];

    public string? Resource => Text("resource");

    public string? Name => Text("name");

    public string? Search => Text("text");

    public bool ErrorsOnly => Text("errors") is { } value && Parse<bool>("errors", value, bool.TryParse, out var errors) && errors;

    public int Skip => Text("skip") is { } value && Parse<int>("skip", value, int.TryParse, out var skip) ? Math.Max(0, skip) : 0;

    public int Take(int fallback) =>
        Text("take") is { } value && Parse<int>("take", value, int.TryParse, out var take) ? Math.Clamp(take, 0, MaxTake) : fallback;

    public DateTimeOffset? From => Time("from");

    public DateTimeOffset? To => Time("to");

    public TraceId? TraceId => Text("traceId") is { } value
        ? Storage.TraceId.TryParse(value, out var id) ? id : Invalid<TraceId>("traceId", "a trace id is 32 hex digits")
        : null;

    public DurationFilter? Duration => Text("duration") is { } value
        ? Try("duration", () => DurationFilter.Parse(value))
        : null;

    public IReadOnlyList<AttributeFilter> Attributes =>
        [.. query["attribute"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Try("attribute", () => AttributeFilter.Parse(v!))).OfType<AttributeFilter>()];

    public LogSeverity? MinSeverity => Text("level") is { } value
        ? EnumNames.TryParse<LogSeverity>(value, out var level)
            ? level
            : Invalid<LogSeverity>("level", $"allowed values are {string.Join(", ", Enum.GetNames<LogSeverity>())}")
        : null;

    private string? Text(string key) => query[key] is { Count: > 0 } values && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private DateTimeOffset? Time(string key) => Text(key) is { } value
        ? DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : Invalid<DateTimeOffset>(key, "use an ISO 8601 time such as 2026-11-23T10:00:00Z")
        : null;

    private delegate bool TryParser<T>(string text, out T value);

    private bool Parse<T>(string key, string text, TryParser<T> parse, out T value)
    {
        if (parse(text, out value))
        {
            return true;
        }

        Errors[key] = [$"'{text}' is not a valid {key}."];
        return false;
    }

    private T? Try<T>(string key, Func<T> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (FormatException exception)
        {
            Errors[key] = [exception.Message];
            return null;
        }
    }

    private T? Invalid<T>(string key, string hint)
        where T : struct
    {
        Errors[key] = [$"'{query[key]}' is not valid: {hint}."];
        return null;
    }
}
