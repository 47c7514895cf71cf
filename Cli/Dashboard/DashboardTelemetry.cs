using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TraceApp.Cli.Dashboard;

/// <summary>One span as the Aspire dashboard holds it, flattened from its OTLP JSON.</summary>
public sealed record DashboardSpan(
    string ServiceName,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    IReadOnlyDictionary<string, string> Attributes,
    ulong StartTimeUnixNano = 0,
    ulong EndTimeUnixNano = 0,
    int StatusCode = 0,
    string? StatusMessage = null)
{
    /// <summary>OTLP's SPAN_KIND_SERVER.</summary>
    public const int KindServer = 2;

    /// <summary>OTLP's SPAN_KIND_CLIENT.</summary>
    public const int KindClient = 3;

    /// <summary>OTLP's SPAN_KIND_PRODUCER.</summary>
    public const int KindProducer = 4;

    /// <summary>OTLP's STATUS_CODE_ERROR.</summary>
    public const int StatusError = 2;

    public bool IsError => StatusCode == StatusError;

    public TimeSpan Duration => EndTimeUnixNano > StartTimeUnixNano
        ? TimeSpan.FromTicks((long)((EndTimeUnixNano - StartTimeUnixNano) / 100))
        : TimeSpan.Zero;

    public override string ToString() =>
        $"{ServiceName}: '{Name}' kind={Kind} trace={TraceId} span={SpanId} parent={ParentSpanId ?? "-"}";

    /// <summary>True when following parent ids through <paramref name="trace"/> from this span reaches <paramref name="ancestor"/>.</summary>
    public bool IsDescendantOf(DashboardSpan ancestor, IReadOnlyList<DashboardSpan> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var current = this; current.ParentSpanId is { } parent && byId.TryGetValue(parent, out var next); current = next)
        {
            if (next.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One structured log record as the Aspire dashboard holds it.</summary>
public sealed record DashboardLog(string ServiceName, string Body, string? TraceId, string? SpanId)
{
    public override string ToString() => $"{ServiceName}: '{Body}' trace={TraceId ?? "-"} span={SpanId ?? "-"}";
}

/// <summary>
/// The Aspire dashboard's telemetry HTTP API (<c>/api/telemetry/…</c>, header <c>x-api-key</c>): what the dashboard
/// received, which is what it shows. Waits use its push stream (<c>follow=true</c>, one OTLP JSON object per line):
/// the dashboard sends what it has, then every new item as it arrives, so nothing is polled.
/// </summary>
public sealed class DashboardTelemetry : IDisposable
{
    private readonly HttpClient _http;

    public DashboardTelemetry(Uri dashboard, string apiKey)
    {
        _http = new HttpClient { BaseAddress = dashboard, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Status and body of a GET, for assertions on the API itself.</summary>
    public async Task<(int Status, string Body)> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Error, $"cannot reach the dashboard at {_http.BaseAddress}: {e.Message}");
        }
    }

    /// <summary>The spans of trace <paramref name="traceId"/> the dashboard has now (<c>/api/telemetry/traces/{id}</c>).</summary>
    public async Task<IReadOnlyList<DashboardSpan>> GetTraceAsync(string traceId)
    {
        var (status, body) = await GetAsync($"/api/telemetry/traces/{traceId}");
        if (status != 200)
        {
            throw new InvalidOperationException($"The dashboard answered {status} to /api/telemetry/traces/{traceId}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return [.. Spans(document.RootElement.GetProperty("data"))];
    }

    /// <summary>
    /// Follows the dashboard's spans (only <paramref name="traceId"/>'s, unless null) until those received satisfy
    /// <paramref name="complete"/>; after <paramref name="timeout"/>, a <see cref="TimeoutException"/> that lists them.
    /// </summary>
    public Task<IReadOnlyList<DashboardSpan>> WaitForSpansAsync(
        string? traceId, Func<IReadOnlyList<DashboardSpan>, bool> complete, TimeSpan timeout, string what) =>
        WaitAsync("spans", traceId, Spans, s => (s.TraceId, s.SpanId), complete, timeout, what);

    /// <summary>As <see cref="WaitForSpansAsync"/>, for structured logs.</summary>
    public Task<IReadOnlyList<DashboardLog>> WaitForLogsAsync(
        string? traceId, Func<IReadOnlyList<DashboardLog>, bool> complete, TimeSpan timeout, string what) =>
        WaitAsync("logs", traceId, Logs, l => l, complete, timeout, what);

    private async Task<IReadOnlyList<T>> WaitAsync<T, TKey>(
        string signal,
        string? traceId,
        Func<JsonElement, IEnumerable<T>> parse,
        Func<T, TKey> key,
        Func<IReadOnlyList<T>, bool> complete,
        TimeSpan timeout,
        string what)
    {
        var received = new List<T>();
        var seen = new HashSet<TKey>();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var item in FollowAsync(signal, traceId, parse, deadline.Token))
            {
                if (seen.Add(key(item)))
                {
                    received.Add(item);
                    if (complete(received))
                    {
                        return received;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException(
            $"Timed out after {timeout} waiting for {what} at the dashboard. {signal} received{(traceId is null ? "" : $" for trace {traceId}")}:"
            + Environment.NewLine + string.Join(Environment.NewLine, received));
    }

    private async IAsyncEnumerable<T> FollowAsync<T>(
        string signal, string? traceId, Func<JsonElement, IEnumerable<T>> parse, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = $"/api/telemetry/{signal}?follow=true" + (traceId is null ? "" : $"&traceId={traceId}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(query, UriKind.Relative));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The dashboard answered {(int)response.StatusCode} to {query}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                using var document = JsonDocument.Parse(line);
                foreach (var item in parse(document.RootElement))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>The spans of an OTLP JSON traces object (<c>{"resourceSpans":[…]}</c>).</summary>
    public static IEnumerable<DashboardSpan> Spans(JsonElement traces)
    {
        foreach (var (service, scope) in Scopes(traces, "resourceSpans", "scopeSpans"))
        {
            foreach (var span in Items(scope, "spans"))
            {
                yield return new DashboardSpan(
                    service,
                    Text(span, "traceId") ?? "",
                    Text(span, "spanId") ?? "",
                    Text(span, "parentSpanId"),
                    Text(span, "name") ?? "",
                    span.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.Number ? kind.GetInt32() : 0,
                    Attributes(span),
                    UnixNano(span, "startTimeUnixNano"),
                    UnixNano(span, "endTimeUnixNano"),
                    span.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                        && status.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : 0,
                    span.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? Text(s, "message") : null);
            }
        }
    }

    /// <summary>The records of an OTLP JSON logs object (<c>{"resourceLogs":[…]}</c>).</summary>
    public static IEnumerable<DashboardLog> Logs(JsonElement logs)
    {
        foreach (var (service, scope) in Scopes(logs, "resourceLogs", "scopeLogs"))
        {
            foreach (var record in Items(scope, "logRecords"))
            {
                var body = record.TryGetProperty("body", out var b) ? Value(b) : "";
                yield return new DashboardLog(service, body, Text(record, "traceId"), Text(record, "spanId"));
            }
        }
    }

    private static IEnumerable<(string Service, JsonElement Scope)> Scopes(JsonElement root, string resources, string scopes)
    {
        foreach (var resource in Items(root, resources))
        {
            var attributes = resource.TryGetProperty("resource", out var r) ? Attributes(r) : new Dictionary<string, string>();
            var service = attributes.GetValueOrDefault("service.name", "");
            foreach (var scope in Items(resource, scopes))
            {
                yield return (service, scope);
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    /// <summary>A fixed64 time: OTLP JSON writes it as a string, some writers as a number.</summary>
    private static ulong UnixNano(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? 0
        : value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number) ? number
        : value.ValueKind == JsonValueKind.String && ulong.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
        : 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static Dictionary<string, string> Attributes(JsonElement element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in Items(element, "attributes"))
        {
            result[Text(attribute, "key") ?? ""] = attribute.TryGetProperty("value", out var value) ? Value(value) : "";
        }

        return result;
    }

    /// <summary>An OTLP AnyValue (<c>{"stringValue":"…"}</c>, <c>{"intValue":"3"}</c>…) as text.</summary>
    private static string Value(JsonElement anyValue)
    {
        foreach (var property in anyValue.EnumerateObject())
        {
            return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
        }

        return "";
    }

    public void Dispose() => _http.Dispose();
}
