using System.Diagnostics;
using NATS.Client.Core;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;
using TraceApp.Messaging;
using TraceApp.Worker.Operations;

namespace TraceApp.Worker;

/// <summary>
/// Handles one job message: claims the job in the store (acknowledged), starts it, runs its operation and reports
/// completed or failed, all inside a <c>job.process</c> span that continues the publisher's trace. The store's
/// claim decides who runs a job, so a dispatch delivered twice, or a finished job, is never run again.
/// </summary>
public sealed partial class JobHandler(
    JobStore store, JobOperationRegistry operations, WorkerIdentity identity, JobFinishedNotifier notifier, ILogger<JobHandler> logger)
{
    public async Task HandleAsync(NatsMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var queueGroup = WorkerIdentity.IsQueueSubject(msg.Subject) ? WorkerIdentity.QueueGroup : null;
        using var activity = msg.StartProcessActivity(WorkerTelemetry.Source, WorkerTelemetry.ProcessSpanName, queueGroup);
        activity?.SetTag("host.name", identity.Host);
        activity?.SetTag("job.worker", identity.Name);
        if (JobDispatch.TryParse(msg.Data) is not { } dispatch)
        {
            LogMalformed(logger, msg.Subject, msg.Data?.Length ?? 0);
            activity?.SetStatus(ActivityStatusCode.Error, "malformed job message");
            return;
        }

        activity?.SetTag("job.id", dispatch.JobId.ToString());
        var traceId = activity?.TraceId.ToHexString() ?? TraceIdOf(msg.Headers);
        var job = await AcknowledgeAsync(dispatch.JobId, traceId, cancellationToken);
        if (job is null)
        {
            return;
        }

        activity?.SetTag("job.operation", job.Operation);
        activity?.SetTag("job.target", job.Target);
        LogProcessing(logger, job.Id, job.Operation, job.Target);
        try
        {
            await StoreRetry.WhileUnavailableAsync(
                ct => store.StartAsync(job.Id, identity.Name, traceId, ct), error => LogStoreRetry(logger, job.Id, "start", error), cancellationToken);
        }
        catch (JobStateConflictException exception)
        {
            LogLost(logger, job.Id, exception.Message);
            return;
        }

        var (payload, error) = await RunAsync(job, activity, cancellationToken);
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
            activity?.AddEvent(new ActivityEvent("failed", tags: new ActivityTagsCollection { ["message"] = error }));
        }

        Job reported;
        try
        {
            reported = await StoreRetry.WhileUnavailableAsync(
                ct => error is null
                    ? store.CompleteAsync(job.Id, identity.Name, identity.Host, payload, traceId, ct)
                    : store.FailAsync(job.Id, identity.Name, identity.Host, error, traceId, ct),
                reason => LogStoreRetry(logger, job.Id, "report", reason), cancellationToken);
        }
        catch (JobStateConflictException exception)
        {
            // Taken over meanwhile (this worker looked dead): the new holder's result is the job's.
            LogLost(logger, job.Id, exception.Message);
            return;
        }

        if (error is null)
        {
            LogCompleted(logger, job.Id, job.Operation);
        }
        else
        {
            LogFailed(logger, job.Id, job.Operation, error);
        }

        await notifier.NotifyIfFinishedAsync(reported, cancellationToken);
    }

    /// <summary>The claim; null when another worker holds the job, it is finished or gone, or the store is unreachable.</summary>
    private async Task<Job?> AcknowledgeAsync(Guid id, string? traceId, CancellationToken cancellationToken)
    {
        try
        {
            var job = await store.AcknowledgeAsync(id, identity.Name, traceId, cancellationToken);
            if (job is null)
            {
                LogNotClaimed(logger, id);
            }

            return job;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not run: the job stays pending and is dispatched again once its acknowledgement is overdue.
            LogAcknowledgeFailed(logger, id, exception.Message);
            return null;
        }
    }

    /// <summary>The operation's JSON result, or the failure message (field errors, or what the exception said).</summary>
    private async Task<(System.Text.Json.JsonElement? Payload, string? Error)> RunAsync(Job job, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            var operation = operations.Get(job.Operation);
            var result = await operation.ExecuteAsync(job.Params, cancellationToken);
            return result.Succeeded
                ? (result.Value, null)
                : (null, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.AddException(exception);
            return (null, exception.Message);
        }
    }

    private static string? TraceIdOf(NatsHeaders? headers) =>
        headers is not null && headers.TryGetLastValue("traceparent", out var value)
            && ActivityContext.TryParse(value, null, out var context)
            ? context.TraceId.ToHexString()
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a malformed job message on {Subject} ({Size} bytes): its body is not {{\"jobId\": \"<uuid>\"}}")]
    private static partial void LogMalformed(ILogger logger, string subject, int size);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} not run: another worker holds it, or it is finished or gone")]
    private static partial void LogNotClaimed(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} not run: acknowledging it failed ({Error}); it stays pending until it is dispatched again")]
    private static partial void LogAcknowledgeFailed(ILogger logger, Guid jobId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processing job {JobId} {Operation} on {Target}")]
    private static partial void LogProcessing(ILogger logger, Guid jobId, string operation, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} not run: {Reason}")]
    private static partial void LogLost(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: cannot {What} in the store ({Error}); retrying")]
    private static partial void LogStoreRetry(ILogger logger, Guid jobId, string what, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Operation} completed")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} {Operation} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string operation, string error);
}
