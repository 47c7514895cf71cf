namespace TraceApp.Hosting.ApplicationModel;

/// <summary>The environment a project instance gets from the model: DESIGN.md's contract, with Aspire's names.</summary>
public static class ProjectEnvironment
{
    public static Dictionary<string, string?> For(
        ProjectResource project, int replica, string instanceId, AllocatedEndpoints endpoints, DistributedApplicationOptions options)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        AddTelemetry(environment, options);

        var endpointsOfProject = project.AnnotationsOf<EndpointAnnotation>().ToList();
        var plainUrls = endpointsOfProject.Where(e => e.UrlVariable is null).Select(e => endpoints.Url(project, e.Name, replica)).ToList();
        if (plainUrls.Count > 0)
        {
            environment["ASPNETCORE_URLS"] = string.Join(';', plainUrls);
        }

        foreach (var endpoint in endpointsOfProject.Where(e => e.UrlVariable is not null))
        {
            environment[endpoint.UrlVariable!] = endpoints.Url(project, endpoint.Name, replica);
        }

        foreach (var target in project.AnnotationsOf<ReferenceAnnotation>().Select(r => r.Target))
        {
            AddReference(environment, target, endpoints);
        }

        foreach (var variable in project.AnnotationsOf<EnvironmentAnnotation>())
        {
            environment[variable.Name] = variable.Value;
        }

        return environment;
    }

    private static void AddTelemetry(Dictionary<string, string?> environment, DistributedApplicationOptions options)
    {
        if (options.OtlpEndpoint is null)
        {
            // No receiver: spans are still recorded so every log line carries trace_id/span_id.
            environment["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true";
            return;
        }

        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = options.OtlpEndpoint.ToString();
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = options.OtlpProtocol;
        if (options.OtlpApiKey is not null)
        {
            environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={options.OtlpApiKey}";
        }

        environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
    }

    private static void AddReference(Dictionary<string, string?> environment, Resource target, AllocatedEndpoints endpoints)
    {
        if (target is IResourceWithConnectionString withConnectionString)
        {
            environment[$"ConnectionStrings__{target.Name}"] = withConnectionString.GetConnectionString(endpoints);
            return;
        }

        var replicas = target is ProjectResource project ? project.Replicas : 1;
        foreach (var endpoint in target.AnnotationsOf<EndpointAnnotation>())
        {
            for (var replica = 0; replica < replicas; replica++)
            {
                environment[$"services__{target.Name}__{endpoint.Name}__{replica}"] = endpoints.Url(target, endpoint.Name, replica);
            }
        }
    }
}
