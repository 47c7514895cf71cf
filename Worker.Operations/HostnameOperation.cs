namespace TraceApp.Worker.Operations;

/// <summary>node.hostname: the machine's host name (gethostname, as the <c>hostname</c> command prints it).</summary>
public sealed class HostnameOperation : JobOperation<HostnameResult>
{
    public const string OperationName = "node.hostname";

    public override string Name => OperationName;

    public override Task<HostnameResult> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new HostnameResult(System.Net.Dns.GetHostName()));
}
