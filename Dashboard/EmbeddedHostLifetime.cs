using Microsoft.Extensions.Hosting;

namespace TraceApp.Dashboard;

/// <summary>
/// The lifetime of a dashboard embedded in another process (the AppHost): it does not listen to Ctrl+C or SIGTERM
/// itself, because the process that embeds it stops it, after its resources. With the default console lifetime,
/// the dashboard's own signal handler and the AppHost's would both react to one Ctrl+C.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
