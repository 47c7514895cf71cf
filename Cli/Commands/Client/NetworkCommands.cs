using System.CommandLine;

namespace TraceApp.Cli.Commands.Client;

/// <summary><c>traceapp client network ping &lt;host&gt; [--count n]</c> and <c>traceapp client network dns</c>, run by a worker.</summary>
public static class NetworkCommands
{
    public const int DefaultPingCount = 3;

    public static Command Create(CliRuntime runtime)
    {
        var timeout = SyncQuery.TimeoutOption();
        var host = new Argument<string>("host") { Description = "Host name or IP address to ping." };
        var count = new Option<int>("--count", "-c") { Description = "How many echo requests, 1 to 10.", DefaultValueFactory = _ => DefaultPingCount };
        var ping = new Command("ping", "Ping a host from a worker (ICMP echo); prints each worker's round trips.") { host, count };
        runtime.SetAction(ping, async (session, cancellationToken) =>
        {
            var job = await session.Api.PostAsync(
                $"/network/ping{SyncQuery.For(session, timeout)}",
                new { host = session.Parse.GetValue(host), count = session.Parse.GetValue(count) },
                cancellationToken);
            return JobOutcome.Print(session, job);
        });

        var dns = new Command("dns", "The worker's DNS configuration (resolvers, search domains).");
        runtime.SetAction(dns, async (session, cancellationToken) =>
            JobOutcome.Print(session, await session.Api.GetAsync($"/network/dns{SyncQuery.For(session, timeout)}", cancellationToken)));

        return new Command("network", "Network queries run by a worker; --target picks which.") { timeout, ping, dns };
    }
}
