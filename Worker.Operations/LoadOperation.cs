namespace TraceApp.Worker.Operations;

/// <summary>node.load: load averages and process counts from /proc/loadavg.</summary>
public sealed class LoadOperation(INodeFileReader files) : JobOperation<LoadResult>
{
    public const string OperationName = "node.load";

    public override string Name => OperationName;

    public override async Task<LoadResult> RunAsync(CancellationToken cancellationToken) =>
        LoadParser.Parse(await files.ReadAllTextAsync(NodeFiles.LoadAverage, cancellationToken));
}
