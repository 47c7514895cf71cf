using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>
/// Executes one claimed run: a <c>workflow_execution</c> span continuing the run's stored traceparent (a child, so
/// every execution of a run — first, after a sleep, a retry or a crash — joins the trace of its start), the
/// workflow from a fresh DI scope, then CompleteWorkflow with its output or FailWorkflow with its exception.
/// </summary>
internal sealed class WorkflowExecutor(
    WorkerService.WorkerServiceClient client, WorkflowRegistry registry, IServiceScopeFactory scopes, ILogger<WorkflowExecutor> logger)
{
    public async Task ExecuteAsync(ClaimedRun run, CancellationToken workerStopped)
    {
        // Only the run's own context is the parent: never whatever the poll loop had.
        Activity.Current = null;
        var parent = ActivityContext.TryParse(run.TraceParent, null, isRemote: true, out var context) ? context : default;
        using var span = WorkflowsTelemetry.Source.StartActivity(WorkflowsTelemetry.WorkflowExecutionSpan, ActivityKind.Internal, parent);
        span?.SetTag("run_id", run.RunId);
        span?.SetTag("workflow_type", run.WorkflowType);
        span?.SetTag("namespace", run.Namespace);
        span?.SetTag("task_queue", run.TaskQueue);
        span?.SetTag("worker_id", run.WorkerId);
        span?.SetTag("workflow.attempt", run.Attempt);

        using var workflowContext = new WorkflowContext(client, run, logger, workerStopped);
        var outcome = await RunAsync(run, workflowContext, span);
        span?.SetTag("workflow.outcome", outcome);
        WorkflowsTelemetry.Executions.Add(1, new("workflow_type", run.WorkflowType), new("outcome", outcome));
    }

    private async Task<string> RunAsync(ClaimedRun run, WorkflowContext context, Activity? span)
    {
        logger.ExecutionStarted(run.RunId, run.WorkflowType, run.Attempt);
        try
        {
            if (!registry.TryGet(run.WorkflowType, out var definition))
            {
                var message = $"No workflow type '{run.WorkflowType}' is registered on this worker.";
                span?.SetStatus(ActivityStatusCode.Error, message);
                await context.FailWorkflowAsync(message, "UnknownWorkflowType");
                logger.ExecutionFailed(run.RunId, run.WorkflowType, message);
                return "failed";
            }

            string output;
            await using (var scope = scopes.CreateAsyncScope())
            {
                try
                {
                    output = await definition.RunAsync(scope.ServiceProvider, context, run.Input);
                }
                catch (Exception) when (context.End is not null)
                {
                    return Ended(run, context.End, span);
                }
                catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
                {
                    return Ended(run, new ExecutionEnd(ExecutionEndKind.Abandoned, "the worker is stopping"), span);
                }
                catch (Exception exception)
                {
                    var message = $"{WorkflowContext.ErrorTypeOf(exception)}: {exception.Message}";
                    span?.SetStatus(ActivityStatusCode.Error, message);
                    span?.AddException(exception);
                    await context.FailWorkflowAsync(exception.Message, WorkflowContext.ErrorTypeOf(exception));
                    logger.ExecutionFailed(run.RunId, run.WorkflowType, message);
                    return "failed";
                }
            }

            // Workflow code that swallowed the end of its execution returned anyway: the run is not ours to complete.
            if (context.End is { } end)
            {
                return Ended(run, end, span);
            }

            await context.CompleteWorkflowAsync(output);
            logger.ExecutionCompleted(run.RunId, run.WorkflowType);
            return "completed";
        }
        catch (ExecutionEndedException ended)
        {
            // Reporting the outcome found the run gone (cancelled, lease lost) or the worker stopping.
            return Ended(run, ended.End, span);
        }
    }

    private string Ended(ClaimedRun run, ExecutionEnd end, Activity? span)
    {
        span?.SetTag("workflow.end_reason", end.Reason);
        if (end.Kind is ExecutionEndKind.RetryScheduled or ExecutionEndKind.WorkflowFailed)
        {
            span?.SetStatus(ActivityStatusCode.Error, end.Reason);
        }

        if (end.Kind == ExecutionEndKind.Abandoned)
        {
            logger.ExecutionAbandoned(run.RunId, run.WorkflowType, end.Reason);
        }
        else
        {
            logger.ExecutionSuspended(run.RunId, run.WorkflowType, end.Outcome, end.Reason);
        }

        return end.Outcome;
    }
}
