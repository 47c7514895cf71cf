using Npgsql;

namespace TraceApp.WorkflowServer.Store;

/// <summary>
/// Migrates the <c>workflows</c> schema while the host starts. With the database up the first attempt finishes
/// before anything is served. The database may come up after the server: each failed attempt is logged on one line
/// (Npgsql's messages carry no password) and retried in the background, 1 s doubling to 30 s, until it answers or
/// the host stops; meanwhile RPCs that need the database fail and /health reports it.
/// <see cref="Migrated"/> completes once the schema is in place (the background loops wait for it).
/// </summary>
public sealed partial class WorkflowMigrationService(WorkflowMigrator migrator, ILogger<WorkflowMigrationService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _retries = Task.CompletedTask;

    public Task Migrated => _migrated.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync(attempt: 1, cancellationToken))
        {
            return;
        }

        _retries = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stopping)
    {
        var delay = FirstDelay;
        for (var attempt = 2; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(delay, stopping);
                if (await TryMigrateAsync(attempt, stopping))
                {
                    LogMigratedAfterRetries(attempt);
                    return;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private async Task<bool> TryMigrateAsync(int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await migrator.MigrateAsync(cancellationToken);
            _migrated.TrySetResult();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogAttemptFailed(attempt, DatabaseErrors.Describe(e));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow schema migration attempt {Attempt} failed, retrying: {Reason}")]
    private partial void LogAttemptFailed(int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow schema migrated on attempt {Attempt}")]
    private partial void LogMigratedAfterRetries(int attempt);
}
