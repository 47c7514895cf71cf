namespace TraceApp.Hosting.ApplicationModel;

/// <summary>The environment a project gets from the model: DESIGN.md's contract, with Aspire's variable names.</summary>
public static class ProjectEnvironment
{
    public static Dictionary<string, string?> For(ProjectResource project, string instanceId)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // Spans are recorded so every log line carries trace_id/span_id; exporting them needs a receiver,
            // which the host injects through OTEL_EXPORTER_OTLP_ENDPOINT once it runs the dashboard.
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
        };

        var plainUrls = project.Endpoints.Where(e => e.UrlVariable is null).Select(e => e.Url).ToList();
        if (plainUrls.Count > 0)
        {
            environment["ASPNETCORE_URLS"] = string.Join(';', plainUrls);
        }

        foreach (var endpoint in project.Endpoints.Where(e => e.UrlVariable is not null))
        {
            environment[endpoint.UrlVariable!] = endpoint.Url;
        }

        foreach (var reference in project.References)
        {
            foreach (var endpoint in reference.Endpoints)
            {
                environment[$"services__{reference.Name}__{endpoint.Name}__0"] = endpoint.Url;
            }
        }

        foreach (var (key, value) in project.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }
}
