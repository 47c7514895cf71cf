using Microsoft.Extensions.Options;
using TraceApp.Storage;
using TraceApp.WorkflowServer.Store;

namespace TraceApp.WorkflowServer.Queue;

/// <summary>
/// Every <see cref="WorkflowServerOptions.LeaseCheckInterval"/>, returns RUNNING runs whose lease passed (their
/// worker stopped heartbeating) to PENDING, which notifies their queues. Every server runs it; SKIP LOCKED keeps them
/// from waiting on each other.
/// </summary>
public sealed partial class LeaseExpiryService(
    WorkflowRunStore runs, WorkflowMigrationService migration, IOptions<WorkflowServerOptions> options, TimeProvider time,
    ILogger<LeaseExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migration.Migrated.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.LeaseCheckInterval, time);
            do
            {
                try
                {
                    if (await runs.AnyExpiredAsync(stoppingToken))
                    {
                        foreach (var (runId, workflowType) in await runs.ReleaseExpiredAsync(stoppingToken))
                        {
                            WorkflowServerLog.LeaseExpired(logger, runId, workflowType);
                        }
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogCheckFailed(DatabaseErrorText.Describe(e));
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for expired leases: {Reason}")]
    private partial void LogCheckFailed(string reason);
}
