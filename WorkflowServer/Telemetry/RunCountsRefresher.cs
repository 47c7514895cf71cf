using Microsoft.Extensions.Options;
using TraceApp.WorkflowServer.Store;

namespace TraceApp.WorkflowServer.Telemetry;

/// <summary>Recounts runs by state (and the ready ones) every few seconds for the gauges of <see cref="WorkflowServerMetrics"/>.</summary>
public sealed class RunCountsRefresher(
    WorkflowRunStore runs, WorkflowServerMetrics metrics, WorkflowMigrationService migration, IOptions<WorkflowServerOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migration.Migrated.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.MetricsRefreshInterval, time);
            do
            {
                try
                {
                    metrics.Update(await runs.CountAsync(stoppingToken));
                }
                catch (Exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // The gauges keep their last values until the database answers again (/health reports it).
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
