using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace TraceApp.Worker;

/// <summary>
/// Subscribes to the worker's job subjects: <c>_any</c> in the <see cref="WorkerIdentity.QueueGroup"/> queue group
/// (one worker gets each message), <c>_all</c> and <c>host.&lt;host&gt;</c> without one (every listener gets them),
/// for queries and modifications. Up to <see cref="WorkerIdentity.MaxConcurrentJobs"/> messages are handled at
/// once; on stop it unsubscribes, then lets the running jobs finish for <see cref="WorkerOptions.DrainTimeout"/>
/// before it cancels them.
/// </summary>
public sealed partial class JobConsumer(
    INatsConnection nats, JobHandler handler, WorkerIdentity identity, IOptions<WorkerOptions> options, ILogger<JobConsumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly List<Task> _running = [];
    private readonly Lock _gate = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriptions = await SubscribeAsync(stoppingToken);
        if (subscriptions is null)
        {
            return;
        }

        using var slots = new SemaphoreSlim(identity.MaxConcurrentJobs);
        using var drain = new CancellationTokenSource();
        try
        {
            LogListening(logger, identity.Name, identity.Host, string.Join(", ", identity.Subjects), identity.MaxConcurrentJobs);
            await Task.WhenAll(subscriptions.Select(sub => ReadAsync(sub, slots, drain.Token, stoppingToken)));
        }
        finally
        {
            foreach (var sub in subscriptions)
            {
                await sub.DisposeAsync();
            }

            drain.CancelAfter(options.Value.DrainTimeout);
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            LogDraining(logger, running.Length);
            await Task.WhenAll(running);
        }
    }

    /// <summary>Subscribes to every subject, retrying while NATS is unreachable; null when stopped first.</summary>
    private async Task<List<INatsSub<byte[]>>?> SubscribeAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks)))
        {
            var subscriptions = new List<INatsSub<byte[]>>();
            try
            {
                foreach (var subject in identity.Subjects)
                {
                    var queueGroup = WorkerIdentity.IsQueueSubject(subject) ? WorkerIdentity.QueueGroup : null;
                    subscriptions.Add(await nats.SubscribeCoreAsync<byte[]>(subject, queueGroup, cancellationToken: stoppingToken));
                }

                await nats.PingAsync(stoppingToken); // the server has processed the subscriptions
                return subscriptions;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                foreach (var sub in subscriptions)
                {
                    await sub.DisposeAsync();
                }

                LogSubscribeFailed(logger, exception.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task ReadAsync(INatsSub<byte[]> sub, SemaphoreSlim slots, CancellationToken jobToken, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                var task = Task.Run(() => HandleAsync(msg, slots, jobToken), CancellationToken.None);
                lock (_gate)
                {
                    _running.Add(task);
                }

                _ = task.ContinueWith(Forget, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(NatsMsg<byte[]> msg, SemaphoreSlim slots, CancellationToken jobToken)
    {
        try
        {
            await handler.HandleAsync(msg, jobToken);
        }
        catch (Exception exception)
        {
            LogHandlerFailed(logger, exception, msg.Subject);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Forget(Task task)
    {
        lock (_gate)
        {
            _running.Remove(task);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} on host {Host} listening on {Subjects} ({MaxConcurrentJobs} jobs at once)")]
    private static partial void LogListening(ILogger logger, string worker, string host, string subjects, int maxConcurrentJobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to the job subjects ({Error}); retrying in {Delay}")]
    private static partial void LogSubscribeFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a job message on {Subject} failed; the job is left to re-dispatch or recovery")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped listening; waiting for {Count} running jobs")]
    private static partial void LogDraining(ILogger logger, int count);
}
