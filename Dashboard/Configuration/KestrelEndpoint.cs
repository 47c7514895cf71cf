using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TraceApp.Dashboard.Configuration;

/// <summary>
/// One configured listener of the dashboard (UI, OTLP/gRPC or OTLP/HTTP): bound with the protocols it needs, and
/// its real address once Kestrel listens (a configured port 0 becomes the port Kestrel chose).
/// </summary>
public sealed class KestrelEndpoint(Uri configured, HttpProtocols protocols)
{
    private ListenOptions? _bound;
    private int _port;

    public Uri Configured => configured;

    /// <summary>The address clients use; for port 0, readable once the application has started.</summary>
    public Uri Address
    {
        get
        {
            if (configured.Port != 0)
            {
                return configured;
            }

            // Kestrel writes the bound endpoint back into the ListenOptions once it listens.
            var port = _bound?.IPEndPoint?.Port ?? 0;
            return port != 0
                ? new UriBuilder(configured) { Port = port }.Uri
                : throw new InvalidOperationException($"The endpoint {configured} has no port yet: read it after the application has started.");
        }
    }

    /// <summary>The listener's port, resolved once (middleware asks on every request).</summary>
    public int Port
    {
        get
        {
            if (_port == 0)
            {
                _port = Address.Port;
            }

            return _port;
        }
    }

    public void Listen(KestrelServerOptions kestrel)
    {
        if (configured.Host == "localhost")
        {
            kestrel.ListenLocalhost(configured.Port, listen => listen.Protocols = protocols); // the readers allow no port 0 here
            return;
        }

        kestrel.Listen(IPAddress.Parse(configured.DnsSafeHost), configured.Port, listen =>
        {
            listen.Protocols = protocols;
            _bound = listen;
        });
    }
}
