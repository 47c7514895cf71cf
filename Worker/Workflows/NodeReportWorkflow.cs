using TraceApp.Worker.Operations;
using TraceApp.Workflows.Worker;

namespace TraceApp.Worker.Workflows;

/// <summary>
/// <c>node-report</c>: the worker's host name and disks (the node.hostname and node.disk operations, each a step), a
/// durable pause, then a one-line summary of both. A replay after the pause takes the first two from their stored
/// outputs, so the report describes the machine that ran them even when another worker finishes it.
/// </summary>
[Workflow(TypeName)]
public sealed class NodeReportWorkflow(HostnameOperation hostname, DiskOperation disk) : IWorkflow<NodeReportInput?, NodeReport>
{
    public const string TypeName = "node-report";
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(2);

    public async Task<NodeReport> RunAsync(IWorkflowContext context, NodeReportInput? input)
    {
        var host = await context.StepAsync("hostname", hostname.RunAsync);
        var disks = await context.StepAsync("disk", disk.RunAsync);
        await context.SleepAsync(input?.PauseSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultPause, "pause");
        var summary = await context.StepAsync("summary", _ => Task.FromResult(Summarize(host, disks)));
        return new NodeReport(host.Hostname, disks.Filesystems, summary);
    }

    internal static string Summarize(HostnameResult host, DiskResult disks)
    {
        var total = disks.Filesystems.Sum(f => f.TotalBytes);
        var available = disks.Filesystems.Sum(f => f.AvailableBytes);
        return $"{host.Hostname}: {disks.Filesystems.Count} filesystem(s), {Gibibytes(available)} GiB available of {Gibibytes(total)} GiB";
    }

    private static string Gibibytes(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <param name="PauseSeconds">How long the durable pause between the disk and summary steps lasts (default 2 s).</param>
public sealed record NodeReportInput(double? PauseSeconds);

/// <summary>The workflow's output: what the hostname and disk steps found and the summary step made of them.</summary>
public sealed record NodeReport(string Hostname, IReadOnlyList<FilesystemUsage> Filesystems, string Summary);
