using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TraceApp.Cli;
using TraceApp.Cli.Commands;
using OpenTelemetry.Trace;
using TraceApp.ServiceDefaults.Telemetry;

var configuration = new ConfigurationManager();
configuration.AddEnvironmentVariables();
TelemetryConfigurationSources.Add(configuration, Environment.GetEnvironmentVariables(), commandLineArgs: []);
var settings = TelemetrySettings.Resolve(configuration, out var error);
if (error is not null)
{
    Console.Error.WriteLine($"error: {error}");
    return TelemetrySettingsResolution.ConfigurationErrorExitCode;
}

var root = new RootCommand("traceapp: talk to a TraceApp API. Every command is one trace across CLI, API, worker and workflow server.")
{
    VersionCommand.Create(),
};
var parse = root.Parse(args);

using var tracing = CliTelemetry.StartTracing(settings, configuration);
var command = CliTelemetry.StartCommand(parse);
var exitCode = await parse.InvokeAsync();
CliTelemetry.EndCommand(command, exitCode);
tracing?.ForceFlush((int)CliTelemetry.FlushTimeout.TotalMilliseconds);
return exitCode;
