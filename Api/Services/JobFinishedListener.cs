using NATS.Client.Core;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Services;

/// <summary>
/// The Api's one subscription to the workers' finished notifications (<c>jobs.finished.*</c>, core NATS, no queue
/// group: every Api replica hears every job), handed to <see cref="JobCompletionWaiter"/>. It subscribes in the
/// background and retries while NATS is unreachable; readiness does not wait for it, as waiters fall back to reading
/// the store. NATS.Net re-subscribes by itself after a reconnect.
/// </summary>
public sealed partial class JobFinishedListener(INatsConnection nats, JobCompletionWaiter waiter, ILogger<JobFinishedListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var subscription = await nats.SubscribeCoreAsync<byte[]>(JobSubjects.FinishedAll, cancellationToken: stoppingToken);
                LogListening(JobSubjects.FinishedAll);
                await foreach (var msg in subscription.Msgs.ReadAllAsync(stoppingToken))
                {
                    if (JobSubjects.FinishedJobId(msg.Subject) is { } jobId)
                    {
                        waiter.Notify(jobId);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogSubscribeFailed(JobSubjects.FinishedAll, exception.Message.ReplaceLineEndings(" "), RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for finished jobs on {Subject}")]
    private partial void LogListening(string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot listen on {Subject} ({Error}); synchronous requests read the store meanwhile; retrying in {Delay}")]
    private partial void LogSubscribeFailed(string subject, string error, TimeSpan delay);
}
