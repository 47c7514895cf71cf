using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using TraceApp.ServiceDefaults.Configuration;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>Where finished spans go.</summary>
public enum TraceExporterKind
{
    /// <summary>Spans are recorded (so logs carry trace_id/span_id) but not exported.</summary>
    None,
    /// <summary>Each finished span is written to stdout as one JSON line.</summary>
    Stdout,
    /// <summary>Traces, metrics and logs are sent to an OTLP endpoint.</summary>
    Otlp,
}

public enum LogFormat
{
    Text,
    Json,
}

/// <summary>
/// The telemetry settings of one process, resolved once at start from configuration
/// (file &lt; env &lt; flags, see <see cref="TelemetryConfigurationSources"/>).
/// </summary>
public sealed record TelemetrySettings(
    bool TracingEnabled,
    TraceExporterKind Exporter,
    Uri OtlpEndpoint,
    OtlpExportProtocol OtlpProtocol,
    string? OtlpHeaders,
    LogFormat LogFormat,
    bool Debug)
{
    public const string EnabledKey = "Telemetry:Tracing:Enabled";
    public const string ExporterKey = "Telemetry:Tracing:Exporter";
    public const string OtlpEndpointKey = "Telemetry:Tracing:OtlpEndpoint";
    public const string OtlpHeadersKey = "Telemetry:Tracing:OtlpHeaders";
    public const string LogFormatKey = "Telemetry:Log:Format";
    public const string LogLevelKey = "Telemetry:Log:Level";
    public const string DebugKey = "Telemetry:Debug";

    public const string OtelEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtelProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string OtelHeadersKey = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>Resolves the settings, or returns the first configuration error as one readable line.</summary>
    public static TelemetrySettings Resolve(IConfiguration configuration, out string? error)
    {
        error = null;
        var debug = ParseBool(configuration, DebugKey, "--debug", ref error) ?? false;
        var enabled = ParseBool(configuration, EnabledKey, "TRACEAPP_TELEMETRY_TRACING_ENABLED", ref error);
        var exporterText = configuration[ExporterKey];
        var otelEndpoint = configuration[OtelEndpointKey];

        TraceExporterKind exporter;
        if (string.IsNullOrWhiteSpace(exporterText))
        {
            // The host sets OTEL_EXPORTER_OTLP_ENDPOINT: that alone means "export over OTLP".
            exporter = string.IsNullOrWhiteSpace(otelEndpoint) ? TraceExporterKind.None : TraceExporterKind.Otlp;
        }
        else if (!EnumNames.TryParse(exporterText, out exporter))
        {
            error ??= $"Invalid value '{exporterText}' for {ExporterKey} (TRACEAPP_TELEMETRY_TRACING_EXPORTER): allowed values are none, stdout, otlp.";
        }

        // An exporter chosen (explicitly or through OTEL_EXPORTER_OTLP_ENDPOINT) or --debug turns tracing on,
        // unless tracing was explicitly disabled.
        var tracingEnabled = enabled ?? (debug || exporter != TraceExporterKind.None);

        var protocolText = configuration[OtelProtocolKey];
        var protocol = OtlpExportProtocol.Grpc;
        if (!string.IsNullOrWhiteSpace(protocolText))
        {
            switch (protocolText.Trim().ToLowerInvariant())
            {
                case "grpc": protocol = OtlpExportProtocol.Grpc; break;
                case "http/protobuf": protocol = OtlpExportProtocol.HttpProtobuf; break;
                default:
                    error ??= $"Invalid value '{protocolText}' for {OtelProtocolKey}: allowed values are grpc, http/protobuf.";
                    break;
            }
        }

        var endpointText = FirstNonEmpty(configuration[OtlpEndpointKey], otelEndpoint);
        var endpoint = new Uri(protocol == OtlpExportProtocol.Grpc ? "http://localhost:4317" : "http://localhost:4318");
        if (endpointText is not null && !TryParseEndpoint(endpointText, out endpoint))
        {
            var setting = configuration[OtlpEndpointKey] is { Length: > 0 }
                ? $"{OtlpEndpointKey} (TRACEAPP_TELEMETRY_TRACING_OTLP_ENDPOINT)"
                : OtelEndpointKey;
            error ??= $"Invalid value '{endpointText}' for {setting}: expected an absolute http:// or https:// URL such as http://localhost:4317.";
        }

        var headers = FirstNonEmpty(configuration[OtlpHeadersKey], configuration[OtelHeadersKey]);
        if (headers is not null && !OtlpHeaderList.IsValid(headers))
        {
            error ??= $"Invalid value for {OtlpHeadersKey} / {OtelHeadersKey}: expected comma-separated key=value pairs such as x-otlp-api-key=secret.";
        }

        var formatText = configuration[LogFormatKey];
        var format = LogFormat.Text;
        if (!string.IsNullOrWhiteSpace(formatText) && !EnumNames.TryParse(formatText, out format))
        {
            error ??= $"Invalid value '{formatText}' for {LogFormatKey} (TRACEAPP_TELEMETRY_LOG_FORMAT): allowed values are text, json.";
        }

        var levelText = configuration[LogLevelKey];
        if (!string.IsNullOrWhiteSpace(levelText) && TelemetryLogLevel.Parse(levelText) is null)
        {
            error ??= $"Invalid value '{levelText}' for {LogLevelKey} (TRACEAPP_TELEMETRY_LOG_LEVEL): allowed values are {TelemetryLogLevel.AllowedValues}.";
        }

        return new TelemetrySettings(tracingEnabled, exporter, endpoint, protocol, headers, format, debug);
    }

    private static bool? ParseBool(IConfiguration configuration, string key, string alias, ref string? error)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        error ??= $"Invalid value '{text}' for {key} ({alias}): allowed values are true, false.";
        return null;
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static bool TryParseEndpoint(string text, out Uri endpoint)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host))
        {
            endpoint = uri;
            return true;
        }

        endpoint = null!;
        return false;
    }

    /// <summary>
    /// Points one signal's exporter at the endpoint: gRPC uses the endpoint as it is, http/protobuf appends the
    /// signal's path (<c>v1/traces</c>…) to it, as OTEL_EXPORTER_OTLP_ENDPOINT's specification says.
    /// </summary>
    public void ApplyTo(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = OtlpProtocol;
        options.Endpoint = OtlpProtocol == OtlpExportProtocol.Grpc
            ? OtlpEndpoint
            : new Uri(OtlpEndpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        if (OtlpHeaders is not null)
        {
            options.Headers = OtlpHeaders;
        }
    }
}
