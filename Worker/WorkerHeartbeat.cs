using Microsoft.Extensions.Options;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;

namespace TraceApp.Worker;

/// <summary>
/// Migrates the job store (idempotent and locked, so a worker that starts before any Api finds its tables), then
/// registers the worker and heartbeats every third of <see cref="JobStoreOptions.HeartbeatTimeout"/> so <c>_all</c>
/// knows it is live. A database that is not up yet (the AppHost does not make the worker wait for it) is retried
/// with backoff; the process keeps running meanwhile.
/// </summary>
public sealed partial class WorkerHeartbeat(
    JobStoreMigrator migrator, WorkerRegistry registry, WorkerIdentity identity, IOptions<JobStoreOptions> options, ILogger<WorkerHeartbeat> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.HeartbeatTimeout / 3;
        await RetryAsync(migrator.MigrateAsync, "migrate the job store", interval, stoppingToken);
        var registration = new WorkerRegistration(identity.Name, identity.Host, identity.Subjects);
        await RetryAsync(ct => registry.HeartbeatAsync(registration, ct), "register", interval, stoppingToken);
        LogRegistered(logger, identity.Name, identity.Host, interval);

        using var timer = new PeriodicTimer(interval);
        while (await Ticked(timer, stoppingToken))
        {
            await RetryAsync(ct => registry.HeartbeatAsync(registration, ct), "heartbeat", interval, stoppingToken);
        }
    }

    private async Task RetryAsync(Func<CancellationToken, Task> action, string what, TimeSpan maxDelay, CancellationToken stoppingToken)
    {
        for (var delay = FirstRetryDelay; !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks)))
        {
            try
            {
                await action(stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetrying(logger, what, exception.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} on host {Host} registered; heartbeat every {Interval}")]
    private static partial void LogRegistered(ILogger logger, string worker, string host, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot {What} ({Error}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string what, string error, TimeSpan delay);
}
