using OpenTelemetry;
using OpenTelemetry.Trace;

namespace TraceApp.ServiceDefaults.Telemetry;

public static class TraceAppExporters
{
    /// <summary>
    /// The span exporter <paramref name="settings"/> choose: none (spans recorded for log correlation only), one
    /// JSON line per span on stdout, or OTLP with the endpoint, protocol and headers of the settings (which come
    /// from <c>OTEL_EXPORTER_OTLP_*</c> unless TraceApp's own settings override them).
    /// </summary>
    public static TracerProviderBuilder AddTraceAppExporter(this TracerProviderBuilder tracing, TelemetrySettings settings) =>
        settings.Exporter switch
        {
            // Synchronous: a span is printed the moment it ends, so nothing waits in a batch at exit.
            TraceExporterKind.Stdout => tracing.AddProcessor(new SimpleActivityExportProcessor(new StdoutSpanExporter(Console.Out))),
            TraceExporterKind.Otlp => tracing.AddOtlpExporter(options => settings.ApplyTo(options, "v1/traces")),
            _ => tracing,
        };
}
