using System.Net;
using System.Text.Json;

namespace TraceApp.Cli.Http;

/// <summary>A failed answer as one line: status, ProblemDetails title and detail, field errors, the job id of a 504.</summary>
public static class ProblemText
{
    public static string Describe(HttpStatusCode status, JsonElement? body, HttpRequestMessage? request = null)
    {
        var parts = new List<string> { $"{(int)status} {Text(body, "title") ?? status.ToString()}" };
        if (Text(body, "detail") is { } detail)
        {
            parts.Add(detail);
        }

        if (body is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            parts.AddRange(errors.EnumerateObject().Select(field =>
                $"{field.Name}: {string.Join(" ", field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(m => m.ToString()) : [field.Value.ToString()])}"));
        }

        if (Text(body, "jobId") is { } jobId)
        {
            parts.Add($"job {jobId} (see: traceapp client job get {jobId})");
        }

        if (status == HttpStatusCode.Unauthorized && request?.Headers.Authorization is null)
        {
            parts.Add("no token: pass --token, set TRACEAPP_TOKEN, or run the AppHost (it writes .traceapp/cli.json)");
        }

        return string.Join(": ", parts);
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null
            ? value.ToString()
            : null;
}
