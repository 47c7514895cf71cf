using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Api;

/// <summary>
/// The JSON read API used by the CLI and tests: <c>GET /api/telemetry/resources|traces|traces/{traceId}|spans|logs</c>,
/// spans and logs in OTLP/JSON's shape, lists newest first with <c>totalCount</c> (what matched) and, where the
/// store evicts, <c>evicted</c> (what is gone). Bad filters answer 400 with a validation problem.
/// </summary>
public static class TelemetryApi
{
    public static RouteGroupBuilder MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/telemetry");
        api.MapGet("/resources", (HttpContext context, TelemetryStore store) => WriteAsync(context, json =>
        {
            json.WriteStartArray("data");
            foreach (var summary in store.GetResources())
            {
                json.WriteStartObject();
                json.WriteString("id", summary.Resource.Id);
                json.WriteString("name", summary.Resource.Name);
                json.WriteString("instanceId", summary.Resource.InstanceId);
                json.WriteString("displayName", summary.DisplayName);
                json.WriteBoolean("hasTraces", summary.HasTraces);
                json.WriteBoolean("hasLogs", summary.HasLogs);
                json.WriteBoolean("hasMetrics", summary.HasMetrics);
                OtlpJsonWriter.WriteResource(json, summary.Resource);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));
        api.MapGet("/traces", (HttpContext context, TelemetryStore store) =>
        {
            var query = new TelemetryApiQuery(context.Request.Query);
            var traceQuery = new TraceQuery
            {
                Resource = query.Resource, Name = query.Name, Attributes = query.Attributes, Duration = query.Duration,
                From = query.From, To = query.To, ErrorsOnly = query.ErrorsOnly, Skip = query.Skip, Take = query.Take(50),
            };
            return query.Errors.Count > 0 ? Results.ValidationProblem(query.Errors) : WriteAsync(context, json =>
            {
                var page = store.GetTraces(traceQuery);
                json.WriteNumber("totalCount", page.TotalCount);
                json.WriteNumber("evicted", store.GetStats().EvictedTraces);
                json.WriteStartArray("data");
                foreach (var trace in page.Items)
                {
                    WriteTraceSummary(json, trace);
                }

                json.WriteEndArray();
            });
        });
        api.MapGet("/traces/{traceId}", (HttpContext context, TelemetryStore store, string traceId) =>
        {
            if (!TraceId.TryParse(traceId, out var id))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["traceId"] = ["A trace id is 32 hex digits."] });
            }

            var detail = store.GetTrace(id);
            return detail is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No trace {traceId} is stored (it may have been evicted).")
                : WriteAsync(context, json =>
                {
                    json.WriteString("traceId", id.ToString());
                    OtlpJsonWriter.WriteResourceSpans(json, detail.Spans.Select(node => node.Span));
                    OtlpJsonWriter.WriteResourceLogs(json, detail.Logs);
                });
        });
        api.MapGet("/spans", (HttpContext context, TelemetryStore store) =>
        {
            var query = new TelemetryApiQuery(context.Request.Query);
            var spanQuery = new SpanQuery
            {
                Resource = query.Resource, TraceId = query.TraceId, Name = query.Name, From = query.From, To = query.To,
                Skip = query.Skip, Take = query.Take(100),
            };
            return query.Errors.Count > 0 ? Results.ValidationProblem(query.Errors) : WriteAsync(context, json =>
            {
                var page = store.GetSpans(spanQuery);
                json.WriteNumber("totalCount", page.TotalCount);
                OtlpJsonWriter.WriteResourceSpans(json, page.Items);
            });
        });
        api.MapGet("/logs", (HttpContext context, TelemetryStore store) =>
        {
            var query = new TelemetryApiQuery(context.Request.Query);
            var logQuery = new LogQuery
            {
                Resource = query.Resource, MinSeverity = query.MinSeverity, Text = query.Search, Attributes = query.Attributes,
                TraceId = query.TraceId, From = query.From, To = query.To, Skip = query.Skip, Take = query.Take(100),
            };
            return query.Errors.Count > 0 ? Results.ValidationProblem(query.Errors) : WriteAsync(context, json =>
            {
                var page = store.GetLogs(logQuery);
                json.WriteNumber("totalCount", page.TotalCount);
                json.WriteNumber("evicted", store.GetStats().EvictedLogRecords);
                OtlpJsonWriter.WriteResourceLogs(json, page.Items);
            });
        });
        return api;
    }

    private static void WriteTraceSummary(Utf8JsonWriter json, TraceSummary trace)
    {
        json.WriteStartObject();
        json.WriteString("traceId", trace.TraceId.ToString());
        json.WriteString("rootName", trace.RootName);
        json.WriteString("rootResource", trace.RootResource.Name);
        json.WriteBoolean("hasRoot", trace.HasRoot);
        json.WriteString("startTime", trace.StartTime);
        json.WriteNumber("durationMs", trace.Duration.TotalMilliseconds);
        json.WriteNumber("spanCount", trace.SpanCount);
        json.WriteBoolean("hasError", trace.HasError);
        json.WriteStartArray("resources");
        foreach (var resource in trace.Resources)
        {
            json.WriteStartObject();
            json.WriteString("name", resource.Resource.Name);
            json.WriteString("id", resource.Resource.Id);
            json.WriteNumber("spanCount", resource.SpanCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static IResult WriteAsync(HttpContext context, Action<Utf8JsonWriter> write) => Results.Stream(async body =>
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        write(json);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }, "application/json");
}
