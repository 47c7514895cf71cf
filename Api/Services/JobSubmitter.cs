using System.Diagnostics;
using System.Text.Json;
using TraceApp.Api.Apis;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;

namespace TraceApp.Api.Services;

/// <summary>
/// The one submit path of the Api, for <c>POST /job</c> and the synchronous node and network endpoints: validates
/// the operation, target and parameters, finds the expected workers of an <c>_all</c> job, stores the job with the
/// current trace and publishes its dispatch on NATS.
/// </summary>
public sealed class JobSubmitter(JobStore store, WorkerRegistry workers, JobPublisher publisher)
{
    /// <summary>
    /// Submits a job. <paramref name="beforePublish"/> runs once the job is stored and before it is published, so a
    /// caller can start waiting for it before any worker can see it.
    /// </summary>
    public async Task<JobSubmission> SubmitAsync(
        string? operationName, string? target, JsonElement? parameters, CancellationToken cancellationToken, Action<Job>? beforePublish = null)
    {
        target ??= JobTarget.AnyText;
        var errors = JobOperations.Validate(operationName, target, parameters);
        if (errors.Count > 0)
        {
            return new JobSubmission.Invalid(errors);
        }

        JobOperations.TryFind(operationName, out var operation);
        var jobTarget = JobTarget.Parse(target);
        var expected = await ExpectedWorkersAsync(jobTarget, cancellationToken);
        if (expected is { Count: 0 })
        {
            return new JobSubmission.NoLiveWorker();
        }

        var trace = Activity.Current;
        var job = await store.CreateAsync(
            new NewJob(operation, jobTarget, parameters, trace?.TraceId.ToHexString(), TraceParentOf(trace), expected), cancellationToken);
        beforePublish?.Invoke(job);
        await publisher.PublishAsync(job, cancellationToken);
        return new JobSubmission.Created(job);
    }

    /// <summary>For <c>_all</c>, the names of the live workers (whose results finish the job); null for other targets.</summary>
    public async Task<IReadOnlyList<string>?> ExpectedWorkersAsync(JobTarget target, CancellationToken cancellationToken) =>
        target.Kind == JobTargetKind.All
            ? [.. (await workers.ListLiveAsync(cancellationToken)).Select(w => w.Name)]
            : null;

    /// <summary>The W3C traceparent of <paramref name="activity"/> (null when there is none or it is not W3C).</summary>
    public static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
}
