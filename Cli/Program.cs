using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;
using TraceApp.Cli;
using TraceApp.Cli.Commands;
using TraceApp.Cli.Commands.Workflow;
using TraceApp.Cli.Configuration;
using TraceApp.ServiceDefaults.Telemetry;

var environment = Environment.GetEnvironmentVariables();
var configPath = CliConfigFile.Find(Directory.GetCurrentDirectory());
CliConfigFile? configFile;
try
{
    configFile = configPath is null ? null : CliConfigFile.Read(configPath);
}
catch (CliException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}

// Later wins: the AppHost's file < environment (OTEL_*, TRACEAPP_TELEMETRY_*) < --debug.
var configuration = new ConfigurationManager();
configuration.AddInMemoryCollection(configFile?.OtelVariables() ?? []);
configuration.AddEnvironmentVariables();
TelemetryConfigurationSources.Add(configuration, environment, args);
var settings = TelemetrySettings.Resolve(configuration, out var error);
if (error is not null)
{
    Console.Error.WriteLine($"error: {error}");
    return TelemetrySettingsResolution.ConfigurationErrorExitCode;
}

using var tracing = CliTelemetry.StartTracing(settings, configuration);
var loggers = CliTelemetry.CreateLoggerFactory(settings, configuration);
var options = new GlobalOptions();
var runtime = new CliRuntime(options, environment, configFile, configPath, loggers);
var root = new RootCommand("traceapp: talk to a TraceApp API. Every command is one trace across CLI, API, worker and workflow server.")
{
    ClientCommand.Create(runtime),
    WorkflowCommands.Create(runtime),
    TraceCommand.Create(runtime),
    TokenCommand.Create(runtime),
    VersionCommand.Create(runtime),
};
options.AddTo(root);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var parseError in parse.Errors)
    {
        Console.Error.WriteLine($"error: {parseError.Message}");
    }

    loggers.Dispose();
    return ExitCodes.Usage;
}

var command = CliTelemetry.StartCommand(parse);
var exitCode = await parse.InvokeAsync();
CliTelemetry.EndCommand(command, exitCode);
loggers.Dispose();
tracing?.ForceFlush((int)CliTelemetry.FlushTimeout.TotalMilliseconds);

if (command is not null && settings.Exporter != TraceExporterKind.None && parse.Action is not HelpAction)
{
    var traceId = command.TraceId.ToHexString();
    var cli = runtime.SettingsFor(parse);
    Console.Error.WriteLine(cli.DashboardUrl is { } dashboard ? $"trace {traceId} {TraceCommand.Link(dashboard, traceId)}" : $"trace {traceId}");
    if (parse.GetValue(options.ShowTrace))
    {
        try
        {
            await TraceCommand.PrintAsync(cli, traceId, json: false, Console.Error, CancellationToken.None);
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"error: --show-trace: {e.Message}");
            exitCode = exitCode == ExitCodes.Ok ? e.ExitCode : exitCode;
        }
    }
}
else if (parse.GetValue(options.ShowTrace))
{
    Console.Error.WriteLine("error: --show-trace needs the spans exported to the dashboard (OTEL_EXPORTER_OTLP_ENDPOINT, or the AppHost's .traceapp/cli.json).");
    exitCode = exitCode == ExitCodes.Ok ? ExitCodes.Usage : exitCode;
}

return exitCode;
