using Google.Protobuf;
using Grpc.Core;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// An OTLP/gRPC client over our channel, for the cases an exporter would not produce (wrong keys, raw bytes).
/// Dashboard generates server stubs only, so the three Export methods are described here by name.
/// </summary>
public sealed class OtlpGrpcTestClient(CallInvoker invoker)
{
    public const string TraceService = "opentelemetry.proto.collector.trace.v1.TraceService";
    public const string LogsService = "opentelemetry.proto.collector.logs.v1.LogsService";
    public const string MetricsService = "opentelemetry.proto.collector.metrics.v1.MetricsService";

    private static readonly Method<byte[], byte[]> RawTraceExport = new(MethodType.Unary, TraceService, "Export",
        Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes),
        Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes));

    public Task<ExportTraceServiceResponse> ExportAsync(ExportTraceServiceRequest request, string? apiKey = null) =>
        Call(TraceService, request, ExportTraceServiceResponse.Parser, apiKey);

    public Task<ExportLogsServiceResponse> ExportAsync(ExportLogsServiceRequest request, string? apiKey = null) =>
        Call(LogsService, request, ExportLogsServiceResponse.Parser, apiKey);

    public Task<ExportMetricsServiceResponse> ExportAsync(ExportMetricsServiceRequest request, string? apiKey = null) =>
        Call(MetricsService, request, ExportMetricsServiceResponse.Parser, apiKey);

    /// <summary>Sends <paramref name="message"/> as the TraceService Export request message, whatever its bytes.</summary>
    public async Task<byte[]> ExportTracesRawAsync(byte[] message, string? apiKey = null) =>
        await invoker.AsyncUnaryCall(RawTraceExport, null, Options(apiKey), message);

    private async Task<TResponse> Call<TRequest, TResponse>(string service, TRequest request, MessageParser<TResponse> parser, string? apiKey)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var method = new Method<TRequest, TResponse>(MethodType.Unary, service, "Export",
            Marshallers.Create((TRequest message) => message.ToByteArray(), _ => throw new NotSupportedException()),
            Marshallers.Create((TResponse message) => message.ToByteArray(), parser.ParseFrom));
        return await invoker.AsyncUnaryCall(method, null, Options(apiKey), request);
    }

    private static CallOptions Options(string? apiKey) => new(
        headers: apiKey is null ? null : new Metadata { { "x-otlp-api-key", apiKey } },
        deadline: DateTime.UtcNow.AddSeconds(30));
}
