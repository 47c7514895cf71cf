using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;

namespace TraceApp.Api.Services;

/// <summary>
/// Waits for jobs to finish. A waiter is registered by job id before the job is published, so no finished
/// notification (<see cref="JobFinishedListener"/> calls <see cref="Notify"/>) can arrive before it; on a
/// notification it reads the job from the store, which stays the truth. As notifications can be lost, it also reads
/// the store every <see cref="SyncJobOptions.FallbackInterval"/>.
/// </summary>
public sealed class JobCompletionWaiter(JobStore store, IOptions<SyncJobOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiting = new();
    private readonly JobStore _store = store;
    private readonly TimeSpan _fallbackInterval = options.Value.FallbackInterval;
    private readonly TimeProvider _time = timeProvider;

    /// <summary>Starts waiting for <paramref name="jobId"/>; dispose the registration when done with it.</summary>
    public Registration Register(Guid jobId)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[jobId] = signal;
        return new Registration(this, jobId, signal);
    }

    /// <summary>The job may have finished: wakes its waiter, if this process has one.</summary>
    public void Notify(Guid jobId)
    {
        if (_waiting.TryGetValue(jobId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>One registered wait.</summary>
    public sealed class Registration(JobCompletionWaiter owner, Guid jobId, TaskCompletionSource signal) : IDisposable
    {
        public Guid JobId => jobId;

        /// <summary>
        /// The job's details once it is finished; null when <paramref name="timeout"/> passed first.
        /// </summary>
        /// <exception cref="JobNotFoundException">The job was deleted while waited for.</exception>
        public async Task<JobDetails?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var notified = signal.Task;
            try
            {
                while (true)
                {
                    try
                    {
                        await notified.WaitAsync(owner._fallbackInterval, owner._time, deadline.Token);
                    }
                    catch (TimeoutException)
                    {
                        // The fallback read.
                    }

                    var details = await owner._store.GetAsync(jobId, deadline.Token) ?? throw new JobNotFoundException(jobId);
                    if (details.Job.Status.IsFinished())
                    {
                        return details;
                    }

                    if (notified.IsCompleted)
                    {
                        // Notified of a state the store does not show: from now on, only the fallback reads.
                        notified = Task.Delay(Timeout.Infinite, deadline.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        public void Dispose() => owner._waiting.TryRemove(new KeyValuePair<Guid, TaskCompletionSource>(jobId, signal));
    }
}
