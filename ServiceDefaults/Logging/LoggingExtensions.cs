using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.ServiceDefaults.Logging;

public static class LoggingExtensions
{
    /// <summary>Console logs in TraceApp's text or JSON format, each line carrying the current trace and span ids.</summary>
    public static IHostApplicationBuilder AddTraceAppConsoleLogging(this IHostApplicationBuilder builder, LogFormat format)
    {
        builder.Logging.AddConsoleFormatter<TextLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Logging.AddConsole(options => options.FormatterName =
            format == LogFormat.Json ? JsonLogFormatter.FormatterName : TextLogFormatter.FormatterName);
        return builder;
    }
}
