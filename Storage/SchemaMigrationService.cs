using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TraceApp.Storage;

/// <summary>
/// Migrates a schema while the host starts. The first attempt runs before the host serves anything, so with the
/// database up no request meets a missing table. The database may start after the program (the AppHost does not
/// make the programs wait for it): then each failed attempt is logged once, on one line with the reason (Npgsql's
/// messages carry no password), and the migration is retried in the background with a bounded backoff (1 s doubling
/// to 30 s) until the database answers or the host stops. Meanwhile requests that need the schema fail and the
/// PostgreSql health check reports the database. <see cref="Migrated"/> completes once the schema is in place.
/// </summary>
public abstract partial class SchemaMigrationService(SchemaMigrator migrator, ILogger logger) : IHostedService, IDisposable
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

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

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
                    LogMigratedAfterRetries(migrator.Migrations.RetryName, attempt);
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

    /// <summary>True when migrated; false (logged) when the database could not be reached or refused.</summary>
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
            LogAttemptFailed(migrator.Migrations.RetryName, attempt, DatabaseErrorText.Describe(e));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Schema} migration attempt {Attempt} failed, retrying: {Reason}")]
    private partial void LogAttemptFailed(string schema, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Schema} migrated on attempt {Attempt}")]
    private partial void LogMigratedAfterRetries(string schema, int attempt);
}
