namespace TraceApp.Worker.Operations;

/// <summary>node.os: the distribution from /etc/os-release and the kernel release.</summary>
public sealed class OsOperation(INodeFileReader files) : JobOperation<OsResult>
{
    public const string OperationName = "node.os";

    public override string Name => OperationName;

    public override async Task<OsResult> RunAsync(CancellationToken cancellationToken)
    {
        var osRelease = OsReleaseParser.Parse(await files.ReadAllTextAsync(NodeFiles.OsRelease, cancellationToken));
        var kernel = await files.ReadAllTextAsync(NodeFiles.KernelRelease, cancellationToken);
        return OsReleaseParser.ToResult(osRelease, kernel);
    }
}
