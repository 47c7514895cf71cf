namespace TraceApp.Hosting.ApplicationModel;

/// <summary>The ports chosen for every endpoint of a run, keyed by resource, replica and endpoint name.</summary>
public sealed class AllocatedEndpoints
{
    private readonly Dictionary<(string Resource, int Replica, string Endpoint), int> _ports = [];

    public void Set(Resource resource, int replica, string endpoint, int port) => _ports[(resource.Name, replica, endpoint)] = port;

    public int Port(Resource resource, string endpoint, int replica = 0) =>
        _ports.TryGetValue((resource.Name, replica, endpoint), out var port)
            ? port
            : throw new InvalidOperationException($"Endpoint '{endpoint}' of '{resource.Name}' has no port allocated.");

    public string Url(Resource resource, string endpoint, int replica = 0)
    {
        var annotation = resource.AnnotationsOf<EndpointAnnotation>().Single(e => e.Name == endpoint);
        return $"{annotation.Scheme}://127.0.0.1:{Port(resource, endpoint, replica)}";
    }
}
