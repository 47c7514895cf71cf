using System.CommandLine;
using TraceApp.Cli.Commands.Client;

namespace TraceApp.Cli.Commands;

/// <summary><c>traceapp client …</c>: the API's node, network and job endpoints.</summary>
public static class ClientCommand
{
    public static Command Create(CliRuntime runtime) => new("client", "Call the TraceApp API: node and network queries run by workers, and jobs.")
    {
        NodeCommands.Create(runtime),
        NetworkCommands.Create(runtime),
        JobCommands.Create(runtime),
    };
}
