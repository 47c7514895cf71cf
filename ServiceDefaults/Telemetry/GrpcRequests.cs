namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// Recognises gRPC requests by content type (<c>application/grpc</c>, <c>application/grpc+proto</c>, …). TraceApp.Grpc
/// traces those calls itself (spans named <c>package.Service/Method</c>), so the HTTP instrumentations skip them
/// instead of adding a second span per call.
/// </summary>
public static class GrpcRequests
{
    public static bool IsGrpc(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
