using System.Text.Json;

namespace TraceApp.Cli.Output;

/// <summary>The API's job JSON (<c>GET /job/{id}</c>, <c>GET /job</c>, <c>GET /job/status</c>) as readable lines.</summary>
public static class JobText
{
    /// <summary>One line per worker result: <c>worker: payload</c>, or <c>worker: error: message</c>.</summary>
    public static IEnumerable<string> Results(JsonElement job)
    {
        foreach (var result in Array(job, "results"))
        {
            var worker = Text(result, "worker") ?? Text(result, "host") ?? "?";
            yield return Text(result, "error") is { } error
                ? $"{worker}: error: {error}"
                : $"{worker}: {Payload(result.TryGetProperty("payload", out var payload) ? payload : default)}";
        }
    }

    /// <summary>
    /// A payload in one line: a lone value as itself (<c>{"hostname":"a"}</c> → <c>a</c>), an object of plain values
    /// as <c>key=value</c> pairs, anything else as compact JSON.
    /// </summary>
    public static string Payload(JsonElement payload)
    {
        switch (payload.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return "(no payload)";
            case JsonValueKind.String:
                return payload.GetString()!;
            case JsonValueKind.Object:
                var properties = payload.EnumerateObject().ToList();
                if (properties.Count == 1 && IsPlain(properties[0].Value))
                {
                    return Plain(properties[0].Value);
                }

                if (properties.Count > 0 && properties.All(p => IsPlain(p.Value)))
                {
                    return string.Join(' ', properties.Select(p => $"{p.Name}={Plain(p.Value)}"));
                }

                return payload.GetRawText().Contains('\n', StringComparison.Ordinal) ? JsonSerializer.Serialize(payload) : payload.GetRawText();
            default:
                return JsonSerializer.Serialize(payload);
        }
    }

    /// <summary><c>GET /job/{id}</c>: the job's fields, its events and its results.</summary>
    public static IEnumerable<string> Details(JsonElement job)
    {
        yield return $"job        {Text(job, "id")}";
        yield return $"operation  {Text(job, "operation")}";
        yield return $"target     {Text(job, "target")}";
        yield return $"status     {Text(job, "status")}";
        if (job.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            yield return $"params     {Payload(parameters)}";
        }

        foreach (var (label, name) in new[] { ("worker", "worker"), ("trace", "traceId"), ("retry of", "retryOf"), ("attempts", "attempts"), ("created", "createdAt"), ("finished", "finishedAt"), ("error", "error") })
        {
            if (Text(job, name) is { } value)
            {
                yield return $"{label,-10} {value}";
            }
        }

        var events = Array(job, "events").ToList();
        if (events.Count > 0)
        {
            yield return "events";
            foreach (var e in events)
            {
                yield return string.Join(' ', new[] { "  " + Text(e, "time"), Text(e, "type"), Text(e, "worker"), Text(e, "message") }.Where(p => p is not null));
            }
        }

        var results = Results(job).ToList();
        if (results.Count > 0)
        {
            yield return "results";
            foreach (var line in results)
            {
                yield return "  " + line;
            }
        }
    }

    /// <summary><c>GET /job</c>: one line per job, newest first, then the next page's token if there is one.</summary>
    public static IEnumerable<string> List(JsonElement page)
    {
        foreach (var job in Array(page, "items"))
        {
            yield return $"{Text(job, "id")}  {Text(job, "status"),-12} {Text(job, "operation"),-14} {Text(job, "target"),-12} {Text(job, "createdAt")}";
        }

        if (Text(page, "nextPageToken") is { } next)
        {
            yield return $"next page: --page-token {next}";
        }
    }

    /// <summary><c>GET /job/status</c>: one line per state, then the total.</summary>
    public static IEnumerable<string> Counts(JsonElement counts)
    {
        if (counts.TryGetProperty("counts", out var byStatus) && byStatus.ValueKind == JsonValueKind.Object)
        {
            foreach (var status in byStatus.EnumerateObject())
            {
                yield return $"{status.Name,-12} {status.Value}";
            }
        }

        yield return $"{"total",-12} {Text(counts, "total")}";
    }

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static bool IsPlain(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Plain(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
