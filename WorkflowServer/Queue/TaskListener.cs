using Npgsql;
using TraceApp.Storage;
using TraceApp.WorkflowServer.Store;

namespace TraceApp.WorkflowServer.Queue;

/// <summary>
/// The server's one LISTEN connection on <see cref="TaskNotification.Channel"/>. A notification for a run ready now
/// wakes a poller of its queue that takes its type; one with a future due time makes the <see cref="DueTimeLoop"/> look again.
/// When the connection breaks (PostgreSQL restarted, or not up yet) it reconnects with a backoff, then wakes every
/// poller and the due-time loop, since notifications sent meanwhile are lost.
/// </summary>
public sealed partial class TaskListener(
    NpgsqlDataSource dataSource, TaskSignals signals, DueTimeLoop dueTimes, TimeProvider time, ILogger<TaskListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken, () => { delay = FirstDelay; failures = 0; });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    LogListenLost(DatabaseErrorText.Describe(e));
                }

                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken, Action connected)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) => OnNotification(e.Payload);
        await ExecuteUntracedAsync(connection, $"LISTEN {TaskNotification.Channel}", stoppingToken);
        connected();
        LogListening(TaskNotification.Channel);
        signals.SignalAll();
        dueTimes.Wake();
        while (true)
        {
            if (!await connection.WaitAsync(IdleCheck, stoppingToken))
            {
                // Nothing for a while: make sure the connection is still there (a dead peer sends no error).
                await ExecuteUntracedAsync(connection, "SELECT 1", stoppingToken);
            }
        }
    }

    private void OnNotification(string payload)
    {
        if (TaskNotification.TryParse(payload) is not { } notification)
        {
            return;
        }

        if (notification.DueAt is null)
        {
            signals.Signal(notification.Namespace, notification.TaskQueue, notification.WorkflowType);
        }
        else
        {
            dueTimes.Wake();
        }
    }

    private static async Task ExecuteUntracedAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var suppressed = OpenTelemetry.SuppressInstrumentationScope.Begin();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for workflow tasks on channel {Channel}")]
    private partial void LogListening(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LISTEN connection is down, reconnecting: {Reason}")]
    private partial void LogListenLost(string reason);
}
