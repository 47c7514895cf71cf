using System.CommandLine;
using TraceApp.Cli.Commands;

var root = new RootCommand("traceapp: talk to a TraceApp API. Every command is one trace across CLI, API, worker and workflow server.")
{
    VersionCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
