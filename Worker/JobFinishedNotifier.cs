using System.Text;
using NATS.Client.Core;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Worker;

/// <summary>
/// Tells waiters (the Api's synchronous endpoints) that the store recorded a job's final state: a core-NATS message
/// on <c>jobs.finished.&lt;id&gt;</c> with the status as body. Best effort: a lost notification only delays a waiter
/// until its fallback read of the store. The subjects are left out of NATS.Net's tracing (<c>UntracedSubjects</c>
/// in Program.cs), so the notification adds no span to the job's trace and carries no trace headers.
/// </summary>
public sealed partial class JobFinishedNotifier(INatsConnection nats, ILogger<JobFinishedNotifier> logger)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Publishes the notification when <paramref name="job"/> is finished; does nothing otherwise.</summary>
    public async Task NotifyIfFinishedAsync(Job job, CancellationToken cancellationToken)
    {
        if (!job.Status.IsFinished())
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await nats.PublishAsync(JobSubjects.Finished(job.Id), Encoding.UTF8.GetBytes(job.Status.ToStorage()), cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is NatsException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNotifyFailed(job.Id, e.Message.ReplaceLineEndings(" "));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} finished but the notification was not published ({Reason}); waiters read the store")]
    private partial void LogNotifyFailed(Guid jobId, string reason);
}
