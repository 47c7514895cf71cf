namespace TraceApp.Worker.Operations;

/// <summary>node.uptime: how long the machine has been up, from /proc/uptime.</summary>
public sealed class UptimeOperation(INodeFileReader files) : JobOperation<UptimeResult>
{
    public const string OperationName = "node.uptime";

    public override string Name => OperationName;

    public override async Task<UptimeResult> RunAsync(CancellationToken cancellationToken) =>
        UptimeParser.Parse(await files.ReadAllTextAsync(NodeFiles.Uptime, cancellationToken));
}
