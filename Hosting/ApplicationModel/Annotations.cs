namespace TraceApp.Hosting.ApplicationModel;

/// <summary>
/// A TCP endpoint the resource listens on. <see cref="Port"/> null means a free port is chosen at start;
/// a fixed port is only honoured in run mode (tests always randomize). <see cref="UrlVariable"/> names the
/// variable a project reads its URL from (e.g. <c>Kestrel__Endpoints__Grpc__Url</c>); without one, the URL of an
/// HTTP endpoint joins <c>ASPNETCORE_URLS</c>.
/// </summary>
public sealed record EndpointAnnotation(string Name, int? Port, string Scheme = "http", string? UrlVariable = null)
    : IResourceAnnotation;

public sealed record EnvironmentAnnotation(string Name, string Value) : IResourceAnnotation;

/// <summary>The annotated resource gets the connection string or service URLs of <see cref="Target"/>.</summary>
public sealed record ReferenceAnnotation(Resource Target) : IResourceAnnotation;

/// <summary>The annotated resource starts only when <see cref="Target"/> is healthy.</summary>
public sealed record WaitAnnotation(Resource Target) : IResourceAnnotation;

/// <summary>The resource is healthy when <c>GET &lt;endpoint&gt;&lt;Path&gt;</c> answers 2xx.</summary>
public sealed record HttpHealthCheckAnnotation(string Path, string EndpointName) : IResourceAnnotation;
