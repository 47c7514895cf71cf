using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Store;
using TraceApp.WorkflowServer.Telemetry;
using TraceApp.Workflows.V1;
using static TraceApp.WorkflowServer.Telemetry.WorkflowServerTelemetry;

namespace TraceApp.WorkflowServer.Services;

/// <summary>traceapp.workflows.v1.WorkerService: what worker runtimes call (see the proto for the semantics).</summary>
public sealed class WorkerServiceImpl(
    WorkerStore workers,
    WorkflowRunStore runs,
    WorkflowStepStore steps,
    TaskSignals signals,
    WorkflowServerMetrics metrics,
    IOptions<WorkflowServerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WorkerServiceImpl> logger) : WorkerService.WorkerServiceBase
{
    private WorkflowServerOptions Options => options.Value;

    public override Task<RegisterResponse> Register(RegisterRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("register", context, async activity =>
        {
            var @namespace = RequestValidation.Name("namespace", request.Namespace, RequestValidation.DefaultName);
            var taskQueue = RequestValidation.Name("task_queue", request.TaskQueue, RequestValidation.DefaultName);
            var types = request.WorkflowTypes.Select(t => RequestValidation.Name("workflow_types", t)).Distinct().ToList();
            var maxConcurrency = RequestValidation.MaxConcurrency(request.MaxConcurrency);
            var identity = RequestValidation.Text("identity", request.Identity, required: false);
            activity?.SetTag(Tags.Namespace, @namespace);
            activity?.SetTag(Tags.TaskQueue, taskQueue);
            var workerId = await workers.RegisterAsync(@namespace, taskQueue, types, identity, maxConcurrency, context.CancellationToken);
            activity?.SetTag(Tags.WorkerId, workerId.ToString());
            WorkflowServerLog.WorkerRegistered(logger, workerId, @namespace, taskQueue);
            return new RegisterResponse
            {
                WorkerId = workerId.ToString(),
                HeartbeatInterval = Duration.FromTimeSpan(Options.HeartbeatInterval),
                LeaseDuration = Duration.FromTimeSpan(Options.LeaseDuration),
            };
        });

    public override Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("heartbeat", context, async activity =>
        {
            var workerId = RequestValidation.Id("worker_id", request.WorkerId);
            activity?.SetTag(Tags.WorkerId, workerId.ToString());
            var runIds = request.RunIds.Select(id => RequestValidation.Id("run_ids", id)).ToList();
            var (draining, _) = await workers.HeartbeatAsync(workerId, runIds, Options.LeaseDuration, context.CancellationToken);
            return new HeartbeatResponse { ShouldDrain = draining };
        });

    public override Task<DeregisterResponse> Deregister(DeregisterRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("deregister", context, async activity =>
        {
            var workerId = RequestValidation.Id("worker_id", request.WorkerId);
            activity?.SetTag(Tags.WorkerId, workerId.ToString());
            var released = await workers.DeregisterAsync(workerId, context.CancellationToken);
            WorkflowServerLog.WorkerDeregistered(logger, workerId, released);
            return new DeregisterResponse();
        });

    public override Task<PollTaskResponse> PollTask(PollTaskRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("poll_task", context, async activity =>
        {
            var workerId = RequestValidation.Id("worker_id", request.WorkerId);
            activity?.SetTag(Tags.WorkerId, workerId.ToString());
            var wait = RequestValidation.Duration("wait", request.Wait, Options.DefaultPollWait, TimeSpan.Zero, TimeSpan.MaxValue);
            wait = wait > Options.MaxPollWait ? Options.MaxPollWait : wait;
            var requestedTypes = request.WorkflowTypes.Select(t => RequestValidation.Name("workflow_types", t)).ToList();
            var requestedNamespace = request.Namespace.Length == 0 ? null : RequestValidation.Name("namespace", request.Namespace);
            var requestedQueue = request.TaskQueue.Length == 0 ? null : RequestValidation.Name("task_queue", request.TaskQueue);
            var worker = await workers.TouchAsync(workerId, context.CancellationToken);
            var @namespace = requestedNamespace ?? worker.Namespace;
            var taskQueue = requestedQueue ?? worker.TaskQueue;
            IReadOnlyList<string> types = requestedTypes.Count > 0 ? requestedTypes : worker.WorkflowTypes;
            activity?.SetTag(Tags.Namespace, @namespace);
            activity?.SetTag(Tags.TaskQueue, taskQueue);

            var started = time.GetTimestamp();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
            // A draining worker gets no new runs: its poll is held for the wait (not answered at once, which a
            // worker that ignores should_drain would turn into a busy loop).
            var run = worker.Draining
                ? await HoldAsync(wait, stop.Token)
                : await WaitForRunAsync(workerId, @namespace, taskQueue, types, wait, stop.Token);
            activity?.SetTag("worker.draining", worker.Draining);
            metrics.RecordPollWait(time.GetElapsedTime(started), run is not null);
            if (run is null)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                activity?.SetTag("has_task", false);
                return new PollTaskResponse { HasTask = false };
            }

            activity?.SetTag("has_task", true);
            activity?.SetTag(Tags.RunId, run.Id.ToString());
            activity?.SetTag(Tags.WorkflowType, run.WorkflowType);
            WorkflowServerLog.RunClaimed(logger, run.Id, run.WorkflowType, workerId, run.Attempt);
            return new PollTaskResponse
            {
                HasTask = true,
                RunId = run.Id.ToString(),
                WorkflowType = run.WorkflowType,
                Input = run.Input ?? "",
                Attempt = run.Attempt,
                Traceparent = run.TraceParent ?? "",
            };
        });

    public override Task<BeginStepResponse> BeginStep(BeginStepRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("begin_step", context, async activity =>
        {
            var (runId, workerId, stepName) = StepArguments(activity, request.RunId, request.WorkerId, request.StepName, "step_name");
            var start = await steps.BeginAsync(runId, workerId, stepName, context.CancellationToken);
            activity?.SetTag(Tags.WorkflowType, start.WorkflowType);
            activity?.SetTag("step.cached", !start.ShouldExecute);
            return new BeginStepResponse { ShouldExecute = start.ShouldExecute, CachedOutput = start.CachedOutput ?? "", Attempt = start.Attempt };
        });

    public override Task<CompleteStepResponse> CompleteStep(CompleteStepRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("complete_step", context, async activity =>
        {
            var (runId, workerId, stepName) = StepArguments(activity, request.RunId, request.WorkerId, request.StepName, "step_name");
            var output = RequestValidation.Json("output", request.Output);
            var finish = await steps.CompleteAsync(runId, workerId, stepName, output, context.CancellationToken);
            activity?.SetTag(Tags.WorkflowType, finish.WorkflowType);
            if (finish.Seconds is { } seconds)
            {
                metrics.RecordStepDuration(seconds, finish.WorkflowType, "completed");
            }

            return new CompleteStepResponse();
        });

    public override Task<FailStepResponse> FailStep(FailStepRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("fail_step", context, async activity =>
        {
            var (runId, workerId, stepName) = StepArguments(activity, request.RunId, request.WorkerId, request.StepName, "step_name");
            var message = string.IsNullOrEmpty(request.ErrorMessage) ? throw WorkflowRejection.InvalidArgument("error_message", "is required") : request.ErrorMessage;
            var errorType = RequestValidation.Text("error_type", request.ErrorType, required: false);
            var policy = RequestValidation.RetryPolicy("retry_policy", request.RetryPolicy);
            var finish = await steps.FailAsync(runId, workerId, stepName, message, errorType.Length == 0 ? null : errorType, policy, context.CancellationToken);
            activity?.SetTag(Tags.WorkflowType, finish.WorkflowType);
            metrics.RecordStepDuration(finish.Seconds ?? 0, finish.WorkflowType, "failed");
            if (finish.Outcome is StepFailureOutcome.RetryAfter retry && finish.RetryAt is { } retryAt)
            {
                WorkflowServerLog.RetryScheduled(logger, runId, finish.WorkflowType, stepName, retry.NextAttempt, retryAt);
                activity?.SetTag("outcome", "retry_scheduled");
                return new FailStepResponse
                {
                    Outcome = FailStepResponse.Types.Outcome.RetryScheduled,
                    RetryAt = Timestamp.FromDateTimeOffset(retryAt),
                    NextAttempt = retry.NextAttempt,
                };
            }

            WorkflowServerLog.RunFailed(logger, runId, finish.WorkflowType);
            activity?.SetTag("outcome", "workflow_failed");
            return new FailStepResponse { Outcome = FailStepResponse.Types.Outcome.WorkflowFailed };
        });

    public override Task<CompleteWorkflowResponse> CompleteWorkflow(CompleteWorkflowRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("complete_workflow", context, async activity =>
        {
            var (runId, workerId) = RunArguments(activity, request.RunId, request.WorkerId);
            var output = RequestValidation.Json("output", request.Output);
            var run = await runs.CompleteAsync(runId, workerId, output, context.CancellationToken);
            activity?.SetTag(Tags.WorkflowType, run.WorkflowType);
            WorkflowServerLog.RunCompleted(logger, runId, run.WorkflowType);
            return new CompleteWorkflowResponse();
        });

    public override Task<FailWorkflowResponse> FailWorkflow(FailWorkflowRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("fail_workflow", context, async activity =>
        {
            var (runId, workerId) = RunArguments(activity, request.RunId, request.WorkerId);
            var message = string.IsNullOrEmpty(request.ErrorMessage) ? throw WorkflowRejection.InvalidArgument("error_message", "is required") : request.ErrorMessage;
            var errorType = RequestValidation.Text("error_type", request.ErrorType, required: false);
            var run = await runs.FailAsync(runId, workerId, WorkflowStepStore.Describe(message, errorType), context.CancellationToken);
            activity?.SetTag(Tags.WorkflowType, run.WorkflowType);
            WorkflowServerLog.RunFailed(logger, runId, run.WorkflowType);
            return new FailWorkflowResponse();
        });

    public override Task<SleepResponse> Sleep(SleepRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("sleep", context, async activity =>
        {
            var (runId, workerId, timerName) = StepArguments(activity, request.RunId, request.WorkerId, request.TimerName, "timer_name");
            var duration = RequestValidation.Duration("duration", request.Duration, fallback: null, TimeSpan.FromTicks(1), RequestValidation.MaxSleep);
            var (wakeAt, elapsed) = await runs.SleepAsync(runId, workerId, timerName, duration, context.CancellationToken);
            activity?.SetTag("already_elapsed", elapsed);
            return new SleepResponse { WakeAt = Timestamp.FromDateTimeOffset(wakeAt), AlreadyElapsed = elapsed };
        });

    /// <summary>
    /// Claims a ready run, else waits to be woken (NOTIFY, a due time) and claims again, until <paramref name="wait"/>
    /// passes or the call or the server stops (null). See <see cref="TaskSignals"/> for who wakes whom. A claim is
    /// never cancelled half-way: a claimed run is answered.
    /// </summary>
    private async Task<RunRow?> WaitForRunAsync(
        Guid workerId, string @namespace, string taskQueue, IReadOnlyList<string> types, TimeSpan wait, CancellationToken stop)
    {
        var deadline = time.GetTimestamp() + (long)(wait.TotalSeconds * time.TimestampFrequency);
        TaskSignals.Waiter? waiter = null;
        try
        {
            while (true)
            {
                waiter = signals.Register(@namespace, taskQueue, types);
                if (await runs.ClaimAsync(workerId, @namespace, taskQueue, types, Options.LeaseDuration, CancellationToken.None) is { } run)
                {
                    signals.Unregister(waiter);
                    waiter = null;
                    signals.Signal(@namespace, taskQueue, run.WorkflowType);
                    return run;
                }

                var remaining = TimeSpan.FromSeconds((deadline - time.GetTimestamp()) / (double)time.TimestampFrequency);
                if (remaining <= TimeSpan.Zero || stop.IsCancellationRequested)
                {
                    return null;
                }

                try
                {
                    await waiter.Woken.WaitAsync(remaining, time, stop);
                }
                catch (Exception e) when (e is TimeoutException or OperationCanceledException)
                {
                    return null;
                }

                waiter = null;
            }
        }
        finally
        {
            // Woken but leaving without claiming again: another poller must have that wake-up.
            if (waiter is not null && !signals.Unregister(waiter))
            {
                signals.Signal(@namespace, taskQueue, waiter.WokenFor);
            }
        }
    }

    private async Task<RunRow?> HoldAsync(TimeSpan wait, CancellationToken stop)
    {
        await Task.Delay(wait, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return null;
    }

    private static (Guid RunId, Guid WorkerId) RunArguments(Activity? activity, string runId, string workerId)
    {
        var run = RequestValidation.Id("run_id", runId);
        var worker = RequestValidation.Id("worker_id", workerId);
        activity?.SetTag(Tags.RunId, run.ToString());
        activity?.SetTag(Tags.WorkerId, worker.ToString());
        return (run, worker);
    }

    private static (Guid RunId, Guid WorkerId, string Name) StepArguments(Activity? activity, string runId, string workerId, string name, string nameField)
    {
        var (run, worker) = RunArguments(activity, runId, workerId);
        var validName = RequestValidation.Text(nameField, name);
        activity?.SetTag(nameField == "step_name" ? Tags.StepName : "timer_name", validName);
        return (run, worker, validName);
    }
}
