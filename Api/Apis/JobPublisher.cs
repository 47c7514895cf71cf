using NATS.Client.Core;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Apis;

/// <summary>
/// Publishes a stored job's <see cref="JobDispatch"/> on its subject. NATS.Net adds the trace headers (traceparent)
/// when tracing is on; the job row keeps the submitting request's traceparent in any case. A publish that fails is
/// logged and not an error of the request: the job is stored, pending, and is dispatched again once its
/// acknowledgement deadline passes (the store is the source of truth).
/// </summary>
public sealed partial class JobPublisher(INatsConnection nats, ILogger<JobPublisher> logger)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Publishes the job; returns the subject, or null when the publish failed (logged).</summary>
    public async Task<string?> PublishAsync(Job job, CancellationToken cancellationToken)
    {
        var subject = JobSubjects.For(JobOperations.TryFind(job.Operation, out var operation) ? operation.Kind : JobKind.Query, JobTarget.Parse(job.Target));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await nats.PublishAsync(subject, new JobDispatch(job.Id).ToUtf8Bytes(), cancellationToken: timeout.Token);
            LogPublished(job.Id, subject);
            return subject;
        }
        catch (Exception e) when (e is NatsException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogPublishFailed(job.Id, subject, e.Message.ReplaceLineEndings(" "));
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} published on {Subject}")]
    private partial void LogPublished(Guid jobId, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} stored but not published on {Subject} (dispatched again after its acknowledgement deadline): {Reason}")]
    private partial void LogPublishFailed(Guid jobId, string subject, string reason);
}
