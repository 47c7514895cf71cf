using Microsoft.AspNetCore.Server.Kestrel.Core;
using TraceApp.Dashboard.Configuration;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// The two Kestrel listeners of the OTLP receivers: gRPC on an HTTP/2-only endpoint (cleartext HTTP/2 needs one)
/// and HTTP on HTTP/1.1 (Http1AndHttp2 without TLS is HTTP/1.1 anyway, with a Kestrel warning at every start).
/// A configured port 0 becomes the port Kestrel chose, readable here once the application has started.
/// </summary>
public sealed class DashboardOtlpEndpoints(OtlpOptions options)
{
    private readonly KestrelEndpoint _grpc = new(options.GrpcEndpointUrl, HttpProtocols.Http2);
    private readonly KestrelEndpoint _http = new(options.HttpEndpointUrl, HttpProtocols.Http1);

    /// <summary>Where OTLP/gRPC exporters send (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with protocol grpc).</summary>
    public Uri Grpc => _grpc.Address;

    /// <summary>The OTLP/HTTP base address (exporters append <c>/v1/traces</c> etc.).</summary>
    public Uri Http => _http.Address;

    /// <summary>The listener's port (the guard asks on every request).</summary>
    internal int PortOf(OtlpTransport transport) => (transport == OtlpTransport.Grpc ? _grpc : _http).Port;

    internal void Listen(KestrelServerOptions kestrel)
    {
        _grpc.Listen(kestrel);
        _http.Listen(kestrel);
    }
}
