using System.Net;
using System.Net.Sockets;
using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Orchestration;

/// <summary>
/// Chooses every endpoint's port before anything starts: fixed ports are checked (a port in use is an error up
/// front, not a crash later), dynamic ones are free ports the OS hands out.
/// </summary>
public static class PortAllocator
{
    public static AllocatedEndpoints Allocate(IEnumerable<Resource> resources, bool randomize)
    {
        var endpoints = new AllocatedEndpoints();
        var taken = new HashSet<int>();
        foreach (var resource in resources)
        {
            var replicas = resource is ProjectResource project ? project.Replicas : 1;
            foreach (var endpoint in resource.AnnotationsOf<EndpointAnnotation>())
            {
                for (var replica = 0; replica < replicas; replica++)
                {
                    var port = endpoint.Port is { } fixedPort && !randomize ? CheckFree(resource, endpoint, fixedPort) : NextFree(taken);
                    taken.Add(port);
                    endpoints.Set(resource, replica, endpoint.Name, port);
                }
            }
        }

        return endpoints;
    }

    private static int CheckFree(Resource resource, EndpointAnnotation endpoint, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return port;
        }
        catch (SocketException)
        {
            throw new InvalidOperationException(
                $"Port {port} for endpoint '{endpoint.Name}' of '{resource.Name}' is already in use; stop what uses it or choose another port.");
        }
    }

    /// <summary>A port the OS just handed out on 127.0.0.1 (free now; for a program that needs its port before it starts).</summary>
    public static int NextFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int NextFree(HashSet<int> taken)
    {
        while (true)
        {
            var port = NextFreePort();
            if (taken.Add(port))
            {
                return port;
            }
        }
    }
}
