using System.Reflection;

namespace TraceApp.Api.Apis;

public sealed record VersionInfo(string Name, string Version);

/// <summary><c>GET /version</c>: the service's name and version (the endpoint that proves the telemetry wiring).</summary>
public static partial class VersionApi
{
    private static readonly VersionInfo Current = new(
        "traceapp-api",
        typeof(VersionApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0");

    public static IEndpointRouteBuilder MapVersionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/version", GetVersion).WithName("GetVersion");
        return app;
    }

    private static VersionInfo GetVersion(ILoggerFactory loggerFactory)
    {
        LogServingVersion(loggerFactory.CreateLogger("TraceApp.Api.Version"), Current.Version);
        return Current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "serving version {Version}")]
    private static partial void LogServingVersion(ILogger logger, string version);
}
