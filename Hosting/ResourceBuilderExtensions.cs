using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

/// <summary>Wiring shared by every resource type, named as in Aspire.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Gives this resource <paramref name="source"/>'s connection string (<c>ConnectionStrings__&lt;name&gt;</c>) or,
    /// for a resource with HTTP endpoints, its service-discovery URLs (<c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c>).
    /// </summary>
    public static ResourceBuilder<T> WithReference<T, TSource>(this ResourceBuilder<T> builder, ResourceBuilder<TSource> source)
        where T : Resource where TSource : Resource =>
        builder.WithAnnotation(new ReferenceAnnotation(source.Resource));

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static ResourceBuilder<T> WaitFor<T, TDependency>(this ResourceBuilder<T> builder, ResourceBuilder<TDependency> dependency)
        where T : Resource where TDependency : Resource =>
        builder.WithAnnotation(new WaitAnnotation(dependency.Resource));

    /// <summary>An HTTP endpoint; <paramref name="port"/> null picks a free port at start.</summary>
    public static ResourceBuilder<T> WithHttpEndpoint<T>(
        this ResourceBuilder<T> builder, int? port = null, string name = "http", string? urlVariable = null) where T : Resource
    {
        if (builder.Resource.AnnotationsOf<EndpointAnnotation>().Any(e => e.Name == name))
        {
            throw new InvalidOperationException($"Resource '{builder.Resource.Name}' already has an endpoint named '{name}'.");
        }

        return builder.WithAnnotation(new EndpointAnnotation(name, port, "http", urlVariable));
    }

    public static ResourceBuilder<T> WithEnvironment<T>(this ResourceBuilder<T> builder, string name, string value) where T : Resource =>
        builder.WithAnnotation(new EnvironmentAnnotation(name, value));

    /// <summary>Healthy when <c>GET &lt;path&gt;</c> on <paramref name="endpointName"/> answers 2xx.</summary>
    public static ResourceBuilder<T> WithHttpHealthCheck<T>(this ResourceBuilder<T> builder, string path = "/health", string endpointName = "http")
        where T : Resource =>
        builder.WithAnnotation(new HttpHealthCheckAnnotation(path, endpointName));
}
