namespace TraceApp.Dashboard.Otlp;

public enum OtlpTransport
{
    Grpc,
    Http,
}

/// <summary>
/// Marks an endpoint as an OTLP receiver of one transport, so <see cref="OtlpRequestGuardMiddleware"/> serves it
/// only on that transport's listener and only to exporters with a valid key.
/// </summary>
public sealed record OtlpEndpointMetadata(OtlpTransport Transport)
{
    public static readonly OtlpEndpointMetadata Grpc = new(OtlpTransport.Grpc);

    public static readonly OtlpEndpointMetadata Http = new(OtlpTransport.Http);
}
