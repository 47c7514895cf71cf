using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Memory;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// Adds TraceApp's telemetry variables to a configuration so that later wins: file &lt; env &lt; flags.
/// <c>TRACEAPP_TELEMETRY_*</c> variables are mapped onto the <c>Telemetry</c> section just above the other
/// environment variables (below the command line); <c>--debug</c> sits above everything.
/// </summary>
public static class TelemetryConfigurationSources
{
    public const string DebugFlag = "--debug";

    private const string DefaultLogLevelKey = "Logging:LogLevel:Default";

    private static readonly (string Variable, string Key)[] EnvironmentMap =
    [
        ("TRACEAPP_TELEMETRY_TRACING_ENABLED", TelemetrySettings.EnabledKey),
        ("TRACEAPP_TELEMETRY_TRACING_EXPORTER", TelemetrySettings.ExporterKey),
        ("TRACEAPP_TELEMETRY_TRACING_OTLP_ENDPOINT", TelemetrySettings.OtlpEndpointKey),
        ("TRACEAPP_TELEMETRY_TRACING_OTLP_HEADERS", TelemetrySettings.OtlpHeadersKey),
        ("TRACEAPP_TELEMETRY_LOG_FORMAT", TelemetrySettings.LogFormatKey),
        ("TRACEAPP_TELEMETRY_LOG_LEVEL", TelemetrySettings.LogLevelKey),
    ];

    public static void Add(IConfigurationManager configuration, IDictionary environment, IReadOnlyList<string> commandLineArgs)
    {
        var fromEnvironment = MapEnvironment(environment);
        var commandLineIndex = IndexOfCommandLine(configuration.Sources);
        var environmentSource = new MemoryConfigurationSource { InitialData = fromEnvironment };
        if (commandLineIndex >= 0)
        {
            configuration.Sources.Insert(commandLineIndex, environmentSource);
        }
        else
        {
            configuration.Sources.Add(environmentSource);
        }

        if (commandLineArgs.Contains(DebugFlag, StringComparer.OrdinalIgnoreCase))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [TelemetrySettings.DebugKey] = "true",
                [TelemetrySettings.LogLevelKey] = "debug",
            });
        }

        // Telemetry:Log:Level, from whichever source won, sets the default level above appsettings' Logging section.
        if (configuration[TelemetrySettings.LogLevelKey] is { } text && TelemetryLogLevel.Parse(text) is { } level)
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [DefaultLogLevelKey] = level.ToString() });
        }
    }

    /// <summary>The <c>Telemetry:*</c> keys the environment asks for.</summary>
    public static Dictionary<string, string?> MapEnvironment(IDictionary environment)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in EnvironmentMap)
        {
            if (environment[variable] is string { Length: > 0 } value)
            {
                data[key] = value;
            }
        }

        return data;
    }

    private static int IndexOfCommandLine(IList<IConfigurationSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is CommandLineConfigurationSource)
            {
                return i;
            }
        }

        return -1;
    }
}
