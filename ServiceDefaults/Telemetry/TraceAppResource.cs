using System.Reflection;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Resources;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>The resource every signal of a TraceApp process carries.</summary>
public static class TraceAppResource
{
    /// <summary>
    /// <c>service.name</c> from <c>OTEL_SERVICE_NAME</c> (the AppHost's resource name), else
    /// <paramref name="defaultServiceName"/>; <c>service.version</c> from the entry assembly; a generated
    /// <c>service.instance.id</c> unless <c>OTEL_RESOURCE_ATTRIBUTES</c> (whose other attributes the SDK adds too)
    /// brings one, as Aspire's does.
    /// </summary>
    public static ResourceBuilder Configure(ResourceBuilder resource, IConfiguration configuration, string defaultServiceName)
    {
        var configuredName = configuration["OTEL_SERVICE_NAME"];
        var attributes = configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? string.Empty;
        var version = Assembly.GetEntryAssembly()?
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        return resource.AddService(
            serviceName: string.IsNullOrWhiteSpace(configuredName) ? defaultServiceName : configuredName.Trim(),
            serviceVersion: version,
            autoGenerateServiceInstanceId: !attributes.Contains("service.instance.id=", StringComparison.Ordinal));
    }

    /// <summary><c>TraceApp.Api</c> → <c>api</c>: the name the AppHost gives the same program.</summary>
    public static string DefaultServiceName(string applicationName) =>
        applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();
}
