using System.CommandLine;

namespace TraceApp.Cli.Commands.Client;

/// <summary><c>traceapp client node hostname|status|uptime|os|disk|memory|load</c>: <c>GET /node/&lt;op&gt;?target=…</c>.</summary>
public static class NodeCommands
{
    private static readonly (string Name, string Description)[] Queries =
    [
        ("hostname", "The worker's host name."),
        ("status", "The worker's status: host, uptime, load, memory."),
        ("uptime", "How long the worker's machine has been up."),
        ("os", "The worker's operating system (/etc/os-release)."),
        ("disk", "The worker's drives: size and free space."),
        ("memory", "The worker's memory use (/proc/meminfo)."),
        ("load", "The worker's load averages (/proc/loadavg)."),
    ];

    public static Command Create(CliRuntime runtime)
    {
        var timeout = SyncQuery.TimeoutOption();
        var node = new Command("node", "Query worker machines; --target picks which (_any, _all, host:<name>). Waits for the answer (the API gives up after its timeout: exit 5).") { timeout };
        foreach (var (name, description) in Queries)
        {
            var query = new Command(name, description);
            runtime.SetAction(query, async (session, cancellationToken) =>
            {
                var job = await session.Api.GetAsync($"/node/{name}{SyncQuery.For(session, timeout)}", cancellationToken);
                return JobOutcome.Print(session, job);
            });
            node.Subcommands.Add(query);
        }

        return node;
    }
}
