using System.Collections;
using Microsoft.Extensions.Configuration;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Tests.Telemetry;

/// <summary>Later wins: appsettings file &lt; environment &lt; command-line flags.</summary>
public sealed class TelemetryConfigurationSourcesTests
{
    private static ConfigurationManager Build(
        Dictionary<string, string?> file, Hashtable environment, params string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(file);
        configuration.AddCommandLine(args);
        TelemetryConfigurationSources.Add(configuration, environment, ["program.dll", .. args]);
        return configuration;
    }

    [Fact]
    public void Environment_variables_map_onto_the_telemetry_section_above_the_file()
    {
        var configuration = Build(
            new() { [TelemetrySettings.ExporterKey] = "otlp", ["Logging:LogLevel:Default"] = "Error" },
            new Hashtable
            {
                ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
                ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
                ["TRACEAPP_TELEMETRY_TRACING_OTLP_ENDPOINT"] = "http://collector:4317",
                ["TRACEAPP_TELEMETRY_TRACING_OTLP_HEADERS"] = "k=v",
                ["TRACEAPP_TELEMETRY_LOG_FORMAT"] = "json",
                ["TRACEAPP_TELEMETRY_LOG_LEVEL"] = "warn",
            });

        Assert.Equal("stdout", configuration[TelemetrySettings.ExporterKey]);
        Assert.Equal("true", configuration[TelemetrySettings.EnabledKey]);
        Assert.Equal("http://collector:4317", configuration[TelemetrySettings.OtlpEndpointKey]);
        Assert.Equal("k=v", configuration[TelemetrySettings.OtlpHeadersKey]);
        Assert.Equal("json", configuration[TelemetrySettings.LogFormatKey]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Command_line_wins_over_environment()
    {
        var configuration = Build(
            [],
            new Hashtable { ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout" },
            "--Telemetry:Tracing:Exporter=none");

        Assert.Equal("none", configuration[TelemetrySettings.ExporterKey]);
    }

    [Fact]
    public void Debug_flag_wins_over_the_environment_log_level()
    {
        var configuration = Build(
            [], new Hashtable { ["TRACEAPP_TELEMETRY_LOG_LEVEL"] = "error" }, TelemetryConfigurationSources.DebugFlag);

        Assert.Equal("true", configuration[TelemetrySettings.DebugKey]);
        Assert.Equal("Debug", configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Log_level_from_the_file_overrides_the_logging_default()
    {
        var configuration = Build(
            new() { [TelemetrySettings.LogLevelKey] = "trace", ["Logging:LogLevel:Default"] = "Information" }, []);

        Assert.Equal("Trace", configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Invalid_log_level_is_left_for_validation_and_not_applied()
    {
        var configuration = Build([], new Hashtable { ["TRACEAPP_TELEMETRY_LOG_LEVEL"] = "loud" });

        Assert.Equal("loud", configuration[TelemetrySettings.LogLevelKey]);
        Assert.Null(configuration["Logging:LogLevel:Default"]);
        TelemetrySettings.Resolve(configuration, out var error);
        Assert.Contains("TRACEAPP_TELEMETRY_LOG_LEVEL", error, StringComparison.Ordinal);
    }
}
