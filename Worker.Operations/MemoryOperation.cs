namespace TraceApp.Worker.Operations;

/// <summary>node.memory: memory and swap from /proc/meminfo.</summary>
public sealed class MemoryOperation(INodeFileReader files) : JobOperation<MemoryResult>
{
    public const string OperationName = "node.memory";

    public override string Name => OperationName;

    public override async Task<MemoryResult> RunAsync(CancellationToken cancellationToken) =>
        MemoryParser.Parse(await files.ReadAllTextAsync(NodeFiles.MemoryInfo, cancellationToken));
}
