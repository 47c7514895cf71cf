using Microsoft.Extensions.Logging;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>Parses TRACEAPP_TELEMETRY_LOG_LEVEL, accepting .NET's level names and the usual short forms.</summary>
public static class TelemetryLogLevel
{
    public const string AllowedValues = "trace, debug, info, warn, error, critical, none";

    public static LogLevel? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" or "fatal" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => null,
    };
}
