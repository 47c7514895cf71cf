using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Client;

/// <summary>
/// Starts, reads and steers workflow runs on WorkflowServer (WorkflowService). Every call carries the caller's
/// <c>traceparent</c> (HttpClient instrumentation writes it); failures are the server's <c>RpcException</c>
/// (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, ...), passed through unchanged.
/// Registered by <c>AddWorkflowClient()</c>.
/// </summary>
public sealed class WorkflowClient(WorkflowService.WorkflowServiceClient client)
{
    /// <summary>Starts a run of <paramref name="workflowType"/>; <paramref name="inputJson"/> is the input as JSON (null: none).</summary>
    public Task<WorkflowStartResult> StartAsync(
        string workflowType, string? inputJson = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The run and its steps; NOT_FOUND when there is no such run.</summary>
    public Task<GetWorkflowResponse> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<ListWorkflowsResponse> ListAsync(ListWorkflowsRequest query, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<WorkflowRun> CancelAsync(string runId, string? reason = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>A new run (new run id) of a finished one, with its type and input.</summary>
    public Task<string> RetryAsync(string runId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Polls <see cref="GetAsync"/> until the run is COMPLETED, FAILED or CANCELLED, or the token fires.</summary>
    public Task<GetWorkflowResponse> WaitForCompletionAsync(string runId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    internal WorkflowService.WorkflowServiceClient Inner => client;
}
