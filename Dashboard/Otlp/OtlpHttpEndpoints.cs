using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP with protobuf bodies (optionally gzip-encoded): <c>POST /v1/traces</c>, <c>/v1/logs</c>,
/// <c>/v1/metrics</c>. A body that does not parse is answered 400 and the receiver keeps serving.
/// </summary>
public static class OtlpHttpEndpoints
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, ReceivedTelemetry telemetry)
    {
        endpoints.MapPost("/v1/traces", context => Receive(context, ExportTraceServiceRequest.Parser,
            request => telemetry.Add(request, Headers(context)), new ExportTraceServiceResponse()));
        endpoints.MapPost("/v1/logs", context => Receive(context, ExportLogsServiceRequest.Parser,
            request => telemetry.Add(request, Headers(context)), new ExportLogsServiceResponse()));
        endpoints.MapPost("/v1/metrics", context => Receive(context, ExportMetricsServiceRequest.Parser,
            request => telemetry.Add(request, Headers(context)), new ExportMetricsServiceResponse()));
        return endpoints;
    }

    private static async Task Receive<TRequest>(
        HttpContext context, MessageParser<TRequest> parser, Action<TRequest> store, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (!string.Equals(context.Request.ContentType, ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Send OTLP as {ProtobufContentType}.").ExecuteAsync(context);
            return;
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(await ReadBodyAsync(context.Request));
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidDataException)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body is not a valid OTLP message.")
                .ExecuteAsync(context);
            return;
        }

        store(request);
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        var body = request.Headers.ContentEncoding.ToString() == "gzip"
            ? new GZipStream(request.Body, CompressionMode.Decompress)
            : request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException("OTLP body too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, string> Headers(HttpContext context) =>
        context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
}
