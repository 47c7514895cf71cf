using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Cli;

/// <summary>
/// The CLI's tracing, with the services' settings (TRACEAPP_TELEMETRY_* and OTEL_EXPORTER_OTLP_*: an OTLP endpoint
/// alone turns OTLP export on, with its headers and protocol, as the AppHost sets them). Each run is one trace: a
/// root span <c>traceapp &lt;command path&gt;</c> and a child span per HTTP request, whose <c>traceparent</c> the
/// Api continues.
/// </summary>
internal static partial class CliTelemetry
{
    public const string SourceName = "TraceApp.Cli";

    /// <summary>The service name from a terminal; the AppHost names it <c>cli</c> through OTEL_SERVICE_NAME.</summary>
    public const string DefaultServiceName = "traceapp-cli";

    /// <summary>How long exiting waits for the last spans to be exported.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The tracer provider <paramref name="settings"/> ask for, or null when tracing is off.</summary>
    public static TracerProvider? StartTracing(TelemetrySettings settings, IConfiguration configuration)
    {
        if (!settings.TracingEnabled)
        {
            return null;
        }

        TraceAppOpenTelemetry.InstallPropagator();
        return Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => TraceAppResource.Configure(resource, configuration, DefaultServiceName))
            .AddSource(SourceName)
            .AddHttpClientInstrumentation()
            .AddTraceAppExporter(settings)
            .Build();
    }

    /// <summary>Starts the root span of the command <paramref name="parse"/> chose, e.g. <c>traceapp version</c>.</summary>
    public static Activity? StartCommand(ParseResult parse)
    {
        var names = new List<string>();
        for (var command = parse.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (command.Command is not RootCommand)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        return Source.StartActivity(string.Join(' ', ["traceapp", .. names]));
    }

    /// <summary>Marks the root span failed when the command exits non-zero, then ends it.</summary>
    public static void EndCommand(Activity? activity, int exitCode)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("process.exit.code", exitCode);
        if (exitCode != 0)
        {
            activity.SetStatus(ActivityStatusCode.Error, $"exit code {exitCode}");
        }

        activity.Stop();
    }
}
