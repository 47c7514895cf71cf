namespace TraceApp.Worker.Operations;

/// <summary>node.status: hostname, uptime, load, memory and OS in one result.</summary>
public sealed class StatusOperation(
    HostnameOperation hostname,
    UptimeOperation uptime,
    LoadOperation load,
    MemoryOperation memory,
    OsOperation os) : JobOperation<StatusResult>
{
    public const string OperationName = "node.status";

    public override string Name => OperationName;

    public override async Task<StatusResult> RunAsync(CancellationToken cancellationToken)
    {
        var hostnameResult = hostname.RunAsync(cancellationToken);
        var uptimeResult = uptime.RunAsync(cancellationToken);
        var loadResult = load.RunAsync(cancellationToken);
        var memoryResult = memory.RunAsync(cancellationToken);
        var osResult = os.RunAsync(cancellationToken);
        await Task.WhenAll(hostnameResult, uptimeResult, loadResult, memoryResult, osResult);

        return new StatusResult(
            (await hostnameResult).Hostname, await uptimeResult, await loadResult, await memoryResult, await osResult);
    }
}
