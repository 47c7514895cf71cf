using System.Net;
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
    private ListenOptions? _grpc;
    private ListenOptions? _http;
    private int _grpcPort;
    private int _httpPort;

    /// <summary>Where OTLP/gRPC exporters send (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with protocol grpc).</summary>
    public Uri Grpc => Address(options.GrpcEndpointUrl, _grpc);

    /// <summary>The OTLP/HTTP base address (exporters append <c>/v1/traces</c> etc.).</summary>
    public Uri Http => Address(options.HttpEndpointUrl, _http);

    /// <summary>The listener's port, read once per transport (the guard asks on every request).</summary>
    internal int PortOf(OtlpTransport transport)
    {
        ref var port = ref transport == OtlpTransport.Grpc ? ref _grpcPort : ref _httpPort;
        if (port == 0)
        {
            port = (transport == OtlpTransport.Grpc ? Grpc : Http).Port;
        }

        return port;
    }

    internal void Listen(KestrelServerOptions kestrel)
    {
        _grpc = Listen(kestrel, options.GrpcEndpointUrl, HttpProtocols.Http2);
        _http = Listen(kestrel, options.HttpEndpointUrl, HttpProtocols.Http1);
    }

    private static ListenOptions? Listen(KestrelServerOptions kestrel, Uri url, HttpProtocols protocols)
    {
        if (url.Host == "localhost")
        {
            kestrel.ListenLocalhost(url.Port, listen => listen.Protocols = protocols); // a fixed port: the reader allows no 0 here
            return null;
        }

        ListenOptions? bound = null;
        kestrel.Listen(IPAddress.Parse(url.DnsSafeHost), url.Port, listen =>
        {
            listen.Protocols = protocols;
            bound = listen;
        });
        return bound;
    }

    private static Uri Address(Uri configured, ListenOptions? listen)
    {
        if (configured.Port != 0)
        {
            return configured;
        }

        // Kestrel writes the bound endpoint back into the ListenOptions once it listens.
        var port = listen?.IPEndPoint?.Port ?? 0;
        return port != 0
            ? new UriBuilder(configured) { Port = port }.Uri
            : throw new InvalidOperationException("The OTLP endpoints have no port yet: read them after the application has started.");
    }
}
