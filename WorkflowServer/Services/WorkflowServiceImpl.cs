using System.Diagnostics;
using Grpc.Core;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Store;
using TraceApp.Workflows.V1;
using static TraceApp.WorkflowServer.Telemetry.WorkflowServerTelemetry;

namespace TraceApp.WorkflowServer.Services;

/// <summary>traceapp.workflows.v1.WorkflowService: what clients call (see the proto for the semantics).</summary>
public sealed class WorkflowServiceImpl(WorkflowRunStore runs, ILogger<WorkflowServiceImpl> logger) : WorkflowService.WorkflowServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public override Task<StartWorkflowResponse> StartWorkflow(StartWorkflowRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("start_workflow", context, async activity =>
        {
            var workflowType = RequestValidation.Name("workflow_type", request.WorkflowType);
            var @namespace = RequestValidation.Name("namespace", request.Namespace, RequestValidation.DefaultName);
            var taskQueue = RequestValidation.Name("task_queue", request.TaskQueue, RequestValidation.DefaultName);
            activity?.SetTag(Tags.WorkflowType, workflowType);
            activity?.SetTag(Tags.Namespace, @namespace);
            activity?.SetTag(Tags.TaskQueue, taskQueue);
            var externalId = RequestValidation.Text("external_id", request.ExternalId, required: false);
            var input = RequestValidation.Json("input", request.Input);
            var policy = RequestValidation.RetryPolicy("retry_policy", request.RetryPolicy);

            // The run keeps this span's context: every execution of it continues this trace.
            var traceParent = RpcSpan.TraceParentOf(activity);
            var (run, alreadyStarted) = await runs.CreateAsync(
                new NewRun(@namespace, workflowType, taskQueue, externalId.Length == 0 ? null : externalId, input, policy,
                    traceParent, (activity ?? Activity.Current)?.TraceId.ToHexString(), RetryOf: null),
                context.CancellationToken);
            activity?.SetTag(Tags.RunId, run.Id.ToString());
            activity?.SetTag("already_started", alreadyStarted);
            if (!alreadyStarted)
            {
                WorkflowServerLog.RunStarted(logger, run.Id, workflowType, @namespace, taskQueue);
            }

            return new StartWorkflowResponse { RunId = run.Id.ToString(), AlreadyStarted = alreadyStarted };
        });

    public override Task<GetWorkflowResponse> GetWorkflow(GetWorkflowRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("get_workflow", context, async activity =>
        {
            var runId = RequestValidation.Id("run_id", request.RunId);
            activity?.SetTag(Tags.RunId, runId.ToString());
            var (run, steps) = await runs.GetAsync(runId, context.CancellationToken) ?? throw WorkflowRejection.RunNotFound(runId);
            activity?.SetTag(Tags.WorkflowType, run.WorkflowType);
            activity?.SetTag(Tags.Namespace, run.Namespace);
            var response = new GetWorkflowResponse { Run = run.ToProto() };
            response.Steps.AddRange(steps.Select(s => s.ToProto()));
            return response;
        });

    public override Task<ListWorkflowsResponse> ListWorkflows(ListWorkflowsRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("list_workflows", context, async activity =>
        {
            string? @namespace = request.Namespace.Length == 0 ? null : RequestValidation.Name("namespace", request.Namespace);
            string? workflowType = request.WorkflowType.Length == 0 ? null : RequestValidation.Name("workflow_type", request.WorkflowType);
            string? state = request.State == WorkflowState.Unspecified
                ? null
                : RunStates.FromProto(request.State) ?? throw WorkflowRejection.InvalidArgument("state", $"unknown state {(int)request.State}");
            var pageSize = RequestValidation.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
            RunPageToken? after = null;
            if (request.PageToken.Length > 0)
            {
                after = RunPageToken.TryParse(request.PageToken, out var token)
                    ? token
                    : throw WorkflowRejection.InvalidArgument("page_token", "is not a page token this server gave out");
            }

            activity?.SetTag(Tags.Namespace, @namespace);
            activity?.SetTag(Tags.WorkflowType, workflowType);
            var (page, next) = await runs.ListAsync(@namespace, workflowType, state, pageSize, after, context.CancellationToken);
            var response = new ListWorkflowsResponse { NextPageToken = next?.ToString() ?? "" };
            response.Runs.AddRange(page.Select(r => r.ToProto()));
            return response;
        });

    public override Task<CancelWorkflowResponse> CancelWorkflow(CancelWorkflowRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("cancel_workflow", context, async activity =>
        {
            var runId = RequestValidation.Id("run_id", request.RunId);
            activity?.SetTag(Tags.RunId, runId.ToString());
            var reason = RequestValidation.Text("reason", request.Reason, required: false);
            var run = await runs.CancelAsync(runId, reason.Length == 0 ? "cancelled" : $"cancelled: {reason}", context.CancellationToken);
            activity?.SetTag(Tags.WorkflowType, run.WorkflowType);
            WorkflowServerLog.RunCancelled(logger, runId);
            return new CancelWorkflowResponse { Run = run.ToProto() };
        });

    public override Task<RetryWorkflowResponse> RetryWorkflow(RetryWorkflowRequest request, ServerCallContext context) =>
        RpcSpan.RunAsync("retry_workflow", context, async activity =>
        {
            var runId = RequestValidation.Id("run_id", request.RunId);
            activity?.SetTag(Tags.RunId, runId.ToString());
            var run = await runs.RetryAsync(runId, old =>
            {
                // The new run continues this call's trace, linked to the old run's so one can be found from the other.
                if (old.TraceParent is { } oldTrace && ActivityContext.TryParse(oldTrace, null, out var oldContext))
                {
                    activity?.AddLink(new ActivityLink(oldContext, new ActivityTagsCollection { ["link.reason"] = "retry_of" }));
                }

                activity?.SetTag(Tags.WorkflowType, old.WorkflowType);
                activity?.SetTag(Tags.Namespace, old.Namespace);
                activity?.SetTag(Tags.TaskQueue, old.TaskQueue);
                return (RpcSpan.TraceParentOf(activity), (activity ?? Activity.Current)?.TraceId.ToHexString());
            }, context.CancellationToken);
            activity?.SetTag("retry_run_id", run.Id.ToString());
            WorkflowServerLog.RunRetried(logger, runId, run.Id);
            return new RetryWorkflowResponse { RunId = run.Id.ToString() };
        });
}
