using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Tests.Telemetry;

public sealed class TelemetrySettingsTests
{
    private static TelemetrySettings Resolve(Dictionary<string, string?> values, out string? error) =>
        TelemetrySettings.Resolve(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), out error);

    private static TelemetrySettings Resolve(Dictionary<string, string?> values)
    {
        var settings = Resolve(values, out var error);
        Assert.Null(error);
        return settings;
    }

    [Fact]
    public void Tracing_is_off_by_default_with_text_logs()
    {
        var settings = Resolve([]);

        Assert.False(settings.TracingEnabled);
        Assert.Equal(TraceExporterKind.None, settings.Exporter);
        Assert.Equal(LogFormat.Text, settings.LogFormat);
    }

    [Fact]
    public void Enabled_without_exporter_means_log_correlation_only()
    {
        var settings = Resolve(new() { [TelemetrySettings.EnabledKey] = "true" });

        Assert.True(settings.TracingEnabled);
        Assert.Equal(TraceExporterKind.None, settings.Exporter);
    }

    [Fact]
    public void Otel_endpoint_turns_on_otlp_tracing()
    {
        var settings = Resolve(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "https://collector.example:4317" });

        Assert.True(settings.TracingEnabled);
        Assert.Equal(TraceExporterKind.Otlp, settings.Exporter);
        Assert.Equal(new Uri("https://collector.example:4317"), settings.OtlpEndpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, settings.OtlpProtocol);
    }

    [Fact]
    public void Explicit_settings_win_over_otel_variables()
    {
        var settings = Resolve(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://from-otel:4317",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=otel",
            [TelemetrySettings.ExporterKey] = "OTLP",
            [TelemetrySettings.OtlpEndpointKey] = "http://from-traceapp:4318",
            [TelemetrySettings.OtlpHeadersKey] = "x-otlp-api-key=traceapp",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        Assert.Equal(TraceExporterKind.Otlp, settings.Exporter);
        Assert.Equal(new Uri("http://from-traceapp:4318"), settings.OtlpEndpoint);
        Assert.Equal("x-otlp-api-key=traceapp", settings.OtlpHeaders);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.OtlpProtocol);
    }

    [Fact]
    public void Explicitly_disabled_tracing_stays_off_even_with_an_endpoint()
    {
        var settings = Resolve(new()
        {
            [TelemetrySettings.EnabledKey] = "false",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://localhost:4317",
        });

        Assert.False(settings.TracingEnabled);
    }

    [Fact]
    public void Debug_turns_tracing_on_without_an_exporter()
    {
        var settings = Resolve(new() { [TelemetrySettings.DebugKey] = "true" });

        Assert.True(settings.Debug);
        Assert.True(settings.TracingEnabled);
        Assert.Equal(TraceExporterKind.None, settings.Exporter);
    }

    [Theory]
    [InlineData(TelemetrySettings.ExporterKey, "jaeger", "allowed values are none, stdout, otlp")]
    [InlineData(TelemetrySettings.ExporterKey, "1", "allowed values are none, stdout, otlp")]
    [InlineData(TelemetrySettings.EnabledKey, "yes", "allowed values are true, false")]
    [InlineData(TelemetrySettings.OtlpEndpointKey, "localhost:4317", "absolute http:// or https:// URL")]
    [InlineData(TelemetrySettings.OtlpEndpointKey, "ftp://collector:21", "absolute http:// or https:// URL")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", "OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "allowed values are grpc, http/protobuf")]
    [InlineData(TelemetrySettings.OtlpHeadersKey, "no-equals-sign", "key=value pairs")]
    [InlineData(TelemetrySettings.LogFormatKey, "xml", "allowed values are text, json")]
    [InlineData(TelemetrySettings.LogLevelKey, "loud", "allowed values are trace, debug, info")]
    public void Invalid_values_give_one_line_naming_the_setting(string key, string value, string expected)
    {
        Resolve(new() { [key] = value }, out var error);

        Assert.NotNull(error);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc, "http://collector:4317", "v1/traces", "http://collector:4317/")]
    [InlineData(OtlpExportProtocol.HttpProtobuf, "http://collector:4318", "v1/traces", "http://collector:4318/v1/traces")]
    [InlineData(OtlpExportProtocol.HttpProtobuf, "https://otlp.example/prefix/", "v1/logs", "https://otlp.example/prefix/v1/logs")]
    public void Signal_endpoints_follow_the_otlp_rules(OtlpExportProtocol protocol, string endpoint, string signal, string expected)
    {
        var settings = Resolve([]) with { OtlpProtocol = protocol, OtlpEndpoint = new Uri(endpoint), OtlpHeaders = "a=b" };
        var options = new OtlpExporterOptions();

        settings.ApplyTo(options, signal);

        Assert.Equal(new Uri(expected), options.Endpoint);
        Assert.Equal(protocol, options.Protocol);
        Assert.Equal("a=b", options.Headers);
    }

    [Fact]
    public void Header_lists_are_parsed_and_percent_decoded()
    {
        var headers = OtlpHeaderList.Parse("x-otlp-api-key=abc%3D%3D, tenant = acme");

        Assert.Equal([new("x-otlp-api-key", "abc=="), new("tenant", "acme")], headers);
    }
}
