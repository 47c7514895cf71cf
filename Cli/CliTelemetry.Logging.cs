using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Logs;
using TraceApp.ServiceDefaults.Logging;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Cli;

internal static partial class CliTelemetry
{
    /// <summary>
    /// The CLI's logs: with <c>--debug</c> on stderr in TraceApp's text format (each line with <c>trace_id=</c>), and
    /// over OTLP with the spans when they are exported, so the dashboard's structured logs hold the CLI's lines too.
    /// Disposing it flushes both.
    /// </summary>
    public static ILoggerFactory CreateLoggerFactory(TelemetrySettings settings, IConfiguration configuration) =>
        LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(settings.Debug ? LogLevel.Debug : LogLevel.Information);
            if (settings.Debug)
            {
                logging.AddConsoleFormatter<TextLogFormatter, ConsoleFormatterOptions>();
                logging.AddConsole(options =>
                {
                    options.FormatterName = TextLogFormatter.FormatterName;
                    options.LogToStandardErrorThreshold = LogLevel.Trace;
                });
            }

            if (settings.Exporter == TraceExporterKind.Otlp)
            {
                logging.AddOpenTelemetry(otel =>
                {
                    otel.SetResourceBuilder(TraceAppResource.Configure(OpenTelemetry.Resources.ResourceBuilder.CreateDefault(), configuration, DefaultServiceName));
                    otel.IncludeFormattedMessage = true;
                    otel.AddOtlpExporter(options => settings.ApplyTo(options, "v1/logs"));
                });
            }
        });
}
