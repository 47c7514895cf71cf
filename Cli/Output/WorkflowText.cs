using System.Text.Json;

namespace TraceApp.Cli.Output;

/// <summary>The API's workflow JSON (<c>GET /workflows/{id}</c>, <c>GET /workflows</c>) as readable lines.</summary>
public static class WorkflowText
{
    /// <summary><c>GET /workflows/{id}</c>: the run's fields, one line per step, then its output or error.</summary>
    public static IEnumerable<string> Details(JsonElement run)
    {
        foreach (var (label, name) in new[]
        {
            ("run", "runId"), ("type", "type"), ("state", "state"), ("attempt", "attempt"), ("namespace", "namespace"),
            ("external", "externalId"), ("trace", "traceId"), ("retry of", "retryOf"), ("created", "createdAt"),
            ("wakes at", "wakeAt"), ("finished", "finishedAt"),
        })
        {
            if (JobText.Text(run, name) is { } value)
            {
                yield return $"{label,-10} {value}";
            }
        }

        if (Json(run, "input") is { } input)
        {
            yield return $"{"input",-10} {Compact(input)}";
        }

        var steps = Array(run, "steps").ToList();
        if (steps.Count > 0)
        {
            yield return "steps";
            var width = steps.Max(s => JobText.Text(s, "name")?.Length ?? 0);
            foreach (var step in steps)
            {
                var name = (JobText.Text(step, "name") ?? "?").PadRight(width);
                var outcome = JobText.Text(step, "error") is { } error ? $"error: {error}"
                    : Json(step, "output") is { } output ? JobText.Payload(output) : "";
                yield return $"  {name}  {JobText.Text(step, "state"),-9} attempt {JobText.Text(step, "attempt")}  {outcome}".TrimEnd();
            }
        }

        if (Json(run, "output") is { } result)
        {
            yield return $"{"output",-10} {JobText.Payload(result)}";
        }

        if (JobText.Text(run, "error") is { } failure)
        {
            yield return $"{"error",-10} {OneLine(failure)}";
        }
    }

    /// <summary><c>GET /workflows</c>: one line per run, newest first, then the next page's token if there is one.</summary>
    public static IEnumerable<string> List(JsonElement page)
    {
        foreach (var run in Array(page, "items"))
        {
            yield return $"{JobText.Text(run, "runId")}  {JobText.Text(run, "state"),-10} {JobText.Text(run, "type"),-16} attempt {JobText.Text(run, "attempt"),-3} {JobText.Text(run, "createdAt")}";
        }

        if (JobText.Text(page, "nextPageToken") is { } next)
        {
            yield return $"next page: --page-token {next}";
        }
    }

    public static bool IsFinished(string? state) => state is "completed" or "failed" or "cancelled";

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Compact(JsonElement json) => JsonSerializer.Serialize(json);

    private static JsonElement? Json(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];
}
