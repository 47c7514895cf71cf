using System.Diagnostics;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using TraceApp.Api.Apis;
using TraceApp.Api.Infrastructure;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;

namespace TraceApp.Api.Dispatch;

/// <summary>
/// No job is lost: every <see cref="RedispatchOptions.Interval"/> the store is swept for pending jobs whose
/// acknowledgement is overdue and for jobs held by workers that stopped heartbeating, and those are published again
/// (after <see cref="JobStore.RecordDispatchAsync"/>, which also records a <c>dispatched</c> event); an <c>_all</c> job
/// still waiting for a dead worker gets that worker's failure on its behalf, so it can finish. A worker that receives
/// a job already taken skips it (the claim is atomic), so a completed job is never run twice.
/// Each publish runs in a <c>job.redispatch</c> span that is a child of the job's stored traceparent: a re-dispatch and
/// the worker's <c>job.process</c> stay in the job's original trace.
/// Several replicas may run this: the store's recovery lock lets one sweep at a time, and each re-dispatch is
/// recorded by one conditional statement anyway. A database or NATS outage is logged once and the sweeps go on.
/// </summary>
public sealed partial class JobRedispatcher(
    JobStore store, WorkerRegistry workers, JobPublisher publisher, INatsConnection nats, IOptions<RedispatchOptions> options,
    ILogger<JobRedispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan NatsProbeTimeout = TimeSpan.FromSeconds(2);

    private string? _outage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        try
        {
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProbeNatsAsync(cancellationToken);
            await using var sweepLock = await store.TryLockRecoveryAsync(cancellationToken);
            if (sweepLock is null)
            {
                return; // another replica is sweeping
            }

            var batch = options.Value.BatchSize;
            foreach (var job in await store.FindOverdueAcknowledgementsAsync(batch, cancellationToken))
            {
                await RedispatchAsync(job, JobRedispatchReason.AckTimeout, cancellationToken);
            }

            foreach (var job in await store.FindJobsOfDeadWorkersAsync(batch, cancellationToken))
            {
                await RedispatchAsync(job, JobRedispatchReason.WorkerDead, cancellationToken);
            }

            foreach (var waiting in await store.FindJobsOnAllAwaitingDeadWorkersAsync(batch, cancellationToken))
            {
                foreach (var worker in waiting.DeadWorkers)
                {
                    await FailOnBehalfOfAsync(waiting.Job, worker, cancellationToken);
                }
            }

            if (_outage is { } recovered)
            {
                _outage = null;
                LogRecovered(recovered);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && DependencyFailure.Describe(exception) is { } dependency)
        {
            if (_outage is null)
            {
                _outage = dependency;
                LogOutage(dependency, exception.Message.ReplaceLineEndings(" "));
            }
        }
    }

    /// <summary>Sweeping while NATS is down would only push acknowledgement deadlines out: check it answers first.</summary>
    private async Task ProbeNatsAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NatsProbeTimeout);
        try
        {
            await nats.PingAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NatsException("NATS did not answer a ping within " + NatsProbeTimeout.TotalSeconds + " s");
        }
    }

    private async Task RedispatchAsync(Job job, JobRedispatchReason reason, CancellationToken cancellationToken)
    {
        if (await store.RecordDispatchAsync(job.Id, reason, cancellationToken) is not { } redispatch)
        {
            return; // acknowledged, taken over or finished since the query
        }

        using var activity = ApiTelemetry.StartJobActivity(ApiTelemetry.RedispatchSpanName, redispatch.Job);
        activity?.SetTag("job.redispatch.reason", reason.ToStorage());
        activity?.SetTag("job.redispatch.attempt", redispatch.Attempt);
        activity?.SetTag("job.worker", redispatch.Job.Worker);
        LogRedispatching(job.Id, reason.ToStorage(), redispatch.Attempt, redispatch.Job.Worker ?? "none");
        if (await publisher.PublishAsync(redispatch.Job, cancellationToken) is null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "publish failed");
        }
    }

    private async Task FailOnBehalfOfAsync(Job job, string worker, CancellationToken cancellationToken)
    {
        using var activity = ApiTelemetry.StartJobActivity(ApiTelemetry.WorkerLostSpanName, job);
        activity?.SetTag("job.worker", worker);
        var error = $"worker {worker} stopped heartbeating before it reported";
        var host = (await workers.FindAsync(worker, cancellationToken))?.Host ?? worker;
        try
        {
            await store.FailAsync(job.Id, worker, host, error, job.TraceId, cancellationToken);
            LogFailedOnBehalf(job.Id, worker);
        }
        catch (Exception exception) when (exception is JobStateConflictException or JobNotFoundException)
        {
            // Finished or deleted since the query: nothing to do.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatching job {JobId} again ({Reason}, re-dispatch {Attempt}; held by {Worker})")]
    private partial void LogRedispatching(Guid jobId, string reason, int attempt, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} on _all: worker {Worker} stopped heartbeating before it reported; recorded its failure")]
    private partial void LogFailedOnBehalf(Guid jobId, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-dispatch paused: the {Dependency} is unavailable ({Reason}); retrying every sweep")]
    private partial void LogOutage(string dependency, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-dispatch resumed: the {Dependency} is available again")]
    private partial void LogRecovered(string dependency);
}
