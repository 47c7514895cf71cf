using System.Net;
using System.Net.Sockets;

namespace TraceApp.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1; for programs that need the port before they start.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
