using System.Text.Json;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>Spans as ServiceDefaults' stdout exporter writes them: one JSON object per line.</summary>
public static class ExportedSpans
{
    public static List<JsonElement> Parse(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.StartsWith("{\"name\":", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement)];

    public static string Name(this JsonElement span) => span.GetProperty("name").GetString()!;

    public static string SpanId(this JsonElement span) => span.GetProperty("span_id").GetString()!;

    public static string TraceId(this JsonElement span) => span.GetProperty("trace_id").GetString()!;

    public static string? ParentId(this JsonElement span) =>
        span.TryGetProperty("parent_span_id", out var parent) ? parent.GetString() : null;

    public static string Status(this JsonElement span) => span.GetProperty("status").GetString()!;

    public static DateTimeOffset Start(this JsonElement span) => span.GetProperty("start_time").GetDateTimeOffset();

    public static string? Tag(this JsonElement span, string name) =>
        span.GetProperty("attributes").TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static bool HasEvent(this JsonElement span, string name) =>
        span.TryGetProperty("events", out var events) && events.EnumerateArray().Any(e => e.GetProperty("name").GetString() == name);

    /// <summary>Whether <paramref name="ancestorId"/> is on the parent chain of <paramref name="span"/> within <paramref name="all"/>.</summary>
    public static bool DescendsFrom(this JsonElement span, string ancestorId, IReadOnlyCollection<JsonElement> all)
    {
        var byId = all.GroupBy(s => s.SpanId()).ToDictionary(g => g.Key, g => g.First());
        var parent = span.ParentId();
        for (var depth = 0; parent is not null && depth < 50; depth++)
        {
            if (parent == ancestorId)
            {
                return true;
            }

            parent = byId.TryGetValue(parent, out var next) ? next.ParentId() : null;
        }

        return false;
    }
}
