using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>
/// One execution's view of its run. Steps are memoized through BeginStep/CompleteStep, failures go to FailStep,
/// timers to Sleep. When the server's answer means this execution is over (a retry is scheduled, the workflow
/// failed, the run sleeps, or the run is no longer ours) the context records the end, cancels its token and throws
/// <see cref="ExecutionEndedException"/>.
/// </summary>
internal sealed class WorkflowContext : IWorkflowContext, IDisposable
{
    private static readonly TimeSpan FirstRpcRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRpcRetryDelay = TimeSpan.FromSeconds(2);

    private readonly WorkerService.WorkerServiceClient _client;
    private readonly ClaimedRun _run;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cancellation;
    private ExecutionEnd? _end;
    private int _sleepCalls;

    public WorkflowContext(WorkerService.WorkerServiceClient client, ClaimedRun run, ILogger logger, CancellationToken workerStopped)
    {
        _client = client;
        _run = run;
        _logger = logger;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(workerStopped);
    }

    public string RunId => _run.RunId;
    public string WorkflowType => _run.WorkflowType;
    public string Namespace => _run.Namespace;
    public string TaskQueue => _run.TaskQueue;
    public int Attempt => _run.Attempt;
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Set once the execution is over before the workflow returned; first reason wins.</summary>
    public ExecutionEnd? End => Volatile.Read(ref _end);

    public Task StepAsync(string name, Func<CancellationToken, Task> step) =>
        StepAsync<object?>(name, async token =>
        {
            await step(token);
            return null;
        });

    public async Task<T> StepAsync<T>(string name, Func<CancellationToken, Task<T>> step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        ThrowIfEnded();

        using var span = WorkflowsTelemetry.Source.StartActivity(WorkflowsTelemetry.StepExecutionSpan);
        SetRunTags(span);
        span?.SetTag("step_name", name);

        var begin = await CallAsync("BeginStep", token => _client.BeginStepAsync(
            new BeginStepRequest { WorkerId = _run.WorkerId, RunId = _run.RunId, StepName = name }, cancellationToken: token));
        span?.SetTag("step.attempt", begin.Attempt);
        if (!begin.ShouldExecute)
        {
            span?.SetTag("step.cached", true);
            return WorkflowJson.Deserialize<T>(begin.CachedOutput)!;
        }

        var started = Stopwatch.GetTimestamp();
        T result;
        try
        {
            result = await step(CancellationToken);
        }
        catch (ExecutionEndedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            // Stopping (or the run ended meanwhile): not a failure of the step, which runs again in a later execution.
            span?.SetTag("step.abandoned", true);
            throw Ended(new ExecutionEnd(ExecutionEndKind.Abandoned, $"step '{name}' was interrupted: the worker is stopping"));
        }
        catch (Exception exception)
        {
            RecordStepDuration(started, "failed");
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
            span?.AddException(exception);
            throw await FailStepAsync(name, exception);
        }

        RecordStepDuration(started, "completed");
        await CallAsync("CompleteStep", token => _client.CompleteStepAsync(
            new CompleteStepRequest { WorkerId = _run.WorkerId, RunId = _run.RunId, StepName = name, Output = WorkflowJson.Serialize(result) },
            cancellationToken: token));
        return result;
    }

    public async Task SleepAsync(TimeSpan duration, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        ThrowIfEnded();
        var position = Interlocked.Increment(ref _sleepCalls);
        if (duration == TimeSpan.Zero)
        {
            return;
        }

        var timerName = name ?? $"sleep-{position}";
        var response = await CallAsync("Sleep", token => _client.SleepAsync(
            new SleepRequest { WorkerId = _run.WorkerId, RunId = _run.RunId, TimerName = timerName, Duration = Duration.FromTimeSpan(duration) },
            cancellationToken: token));
        if (!response.AlreadyElapsed)
        {
            throw Ended(new ExecutionEnd(ExecutionEndKind.Sleeping, $"sleeping on timer '{timerName}' until {response.WakeAt?.ToDateTimeOffset():O}"));
        }
    }

    /// <summary>The workflow returned: its output becomes the run's.</summary>
    public Task CompleteWorkflowAsync(string output) =>
        CallAsync("CompleteWorkflow", token => _client.CompleteWorkflowAsync(
            new CompleteWorkflowRequest { WorkerId = _run.WorkerId, RunId = _run.RunId, Output = output }, cancellationToken: token));

    /// <summary>The workflow threw outside a step (or cannot run here): the run fails without retry.</summary>
    public Task FailWorkflowAsync(string message, string errorType) =>
        CallAsync("FailWorkflow", token => _client.FailWorkflowAsync(
            new FailWorkflowRequest { WorkerId = _run.WorkerId, RunId = _run.RunId, ErrorMessage = message, ErrorType = errorType },
            cancellationToken: token));

    public void Dispose() => _cancellation.Dispose();

    /// <summary>The error type the retry policy's non_retryable_error_types match: the exception's class name.</summary>
    public static string ErrorTypeOf(Exception exception) => exception.GetType().Name;

    private async Task<ExecutionEndedException> FailStepAsync(string name, Exception exception)
    {
        var response = await CallAsync("FailStep", token => _client.FailStepAsync(
            new FailStepRequest
            {
                WorkerId = _run.WorkerId,
                RunId = _run.RunId,
                StepName = name,
                ErrorMessage = exception.Message,
                ErrorType = ErrorTypeOf(exception),
            },
            cancellationToken: token));
        var failure = $"step '{name}' failed: {ErrorTypeOf(exception)}: {exception.Message}";
        return Ended(response.Outcome == FailStepResponse.Types.Outcome.RetryScheduled
            ? new ExecutionEnd(ExecutionEndKind.RetryScheduled, $"{failure}; attempt {response.NextAttempt} at {response.RetryAt?.ToDateTimeOffset():O}")
            : new ExecutionEnd(ExecutionEndKind.WorkflowFailed, failure));
    }

    /// <summary>
    /// One run-scoped RPC. NOT_FOUND / FAILED_PRECONDITION (cancelled, lease lost) and other errors end the execution
    /// quietly; UNAVAILABLE is retried with backoff for at most a lease duration, after which the lease is gone anyway.
    /// </summary>
    private async Task<TResponse> CallAsync<TResponse>(string rpc, Func<CancellationToken, AsyncUnaryCall<TResponse>> call)
    {
        var delay = FirstRpcRetryDelay;
        var giveUpAt = DateTime.UtcNow + _run.LeaseDuration;
        while (true)
        {
            try
            {
                return await call(CancellationToken);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable && DateTime.UtcNow + delay < giveUpAt && !CancellationToken.IsCancellationRequested)
            {
                _logger.RunRpcRetrying(rpc, _run.RunId, exception.Status.Detail);
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
            {
                throw Ended(new ExecutionEnd(ExecutionEndKind.Abandoned, $"{rpc}: {exception.Status.Detail}"));
            }
            catch (Exception exception) when (CancellationToken.IsCancellationRequested && exception is RpcException or OperationCanceledException)
            {
                throw Ended(new ExecutionEnd(ExecutionEndKind.Abandoned, $"{rpc} interrupted: the worker is stopping"));
            }
            catch (RpcException exception)
            {
                throw Ended(new ExecutionEnd(ExecutionEndKind.Abandoned, $"{rpc} failed: {exception.StatusCode}: {exception.Status.Detail}"));
            }

            try
            {
                await Task.Delay(delay, CancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw Ended(new ExecutionEnd(ExecutionEndKind.Abandoned, $"{rpc} interrupted: the worker is stopping"));
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRpcRetryDelay.Ticks));
        }
    }

    private ExecutionEndedException Ended(ExecutionEnd end)
    {
        Interlocked.CompareExchange(ref _end, end, null);
        var first = End!;
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by workflow code threw; the execution is over either way.
        }

        return new ExecutionEndedException(first);
    }

    private void ThrowIfEnded()
    {
        if (End is { } end)
        {
            throw new ExecutionEndedException(end);
        }
    }

    private void SetRunTags(Activity? span)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("run_id", _run.RunId);
        span.SetTag("workflow_type", _run.WorkflowType);
        span.SetTag("namespace", _run.Namespace);
        span.SetTag("task_queue", _run.TaskQueue);
        span.SetTag("worker_id", _run.WorkerId);
    }

    private void RecordStepDuration(long started, string outcome) =>
        WorkflowsTelemetry.StepDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new("workflow_type", _run.WorkflowType), new("outcome", outcome));
}
