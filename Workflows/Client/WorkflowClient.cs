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
    /// <summary>How often <see cref="WaitForCompletionAsync"/> reads the run.</summary>
    public static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Starts a run of <paramref name="workflowType"/>; <paramref name="inputJson"/> is the input as JSON (null: none).</summary>
    public async Task<WorkflowStartResult> StartAsync(
        string workflowType, string? inputJson = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new StartWorkflowRequest
        {
            WorkflowType = workflowType,
            Input = inputJson ?? "",
            Namespace = options?.Namespace ?? WorkflowDefaults.Namespace,
            TaskQueue = options?.TaskQueue ?? WorkflowDefaults.TaskQueue,
            ExternalId = options?.ExternalId ?? "",
        };
        if (options?.RetryPolicy is { } policy)
        {
            request.RetryPolicy = policy;
        }

        var response = await client.StartWorkflowAsync(request, cancellationToken: cancellationToken);
        return new WorkflowStartResult(response.RunId, response.AlreadyStarted);
    }

    /// <summary>Starts a run with <paramref name="input"/> serialized as JSON (System.Text.Json web defaults).</summary>
    public Task<WorkflowStartResult> StartAsync<TInput>(
        string workflowType, TInput input, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(workflowType, WorkflowJson.Serialize(input), options, cancellationToken);

    /// <summary>The run and its steps; NOT_FOUND when there is no such run.</summary>
    public async Task<GetWorkflowResponse> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        await client.GetWorkflowAsync(new GetWorkflowRequest { RunId = runId }, cancellationToken: cancellationToken);

    public async Task<ListWorkflowsResponse> ListAsync(ListWorkflowsRequest query, CancellationToken cancellationToken = default) =>
        await client.ListWorkflowsAsync(query, cancellationToken: cancellationToken);

    public async Task<WorkflowRun> CancelAsync(string runId, string? reason = null, CancellationToken cancellationToken = default) =>
        (await client.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = runId, Reason = reason ?? "" }, cancellationToken: cancellationToken)).Run;

    /// <summary>A new run (new run id) of a finished one, with its type and input.</summary>
    public async Task<string> RetryAsync(string runId, CancellationToken cancellationToken = default) =>
        (await client.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = runId }, cancellationToken: cancellationToken)).RunId;

    /// <summary>Polls <see cref="GetAsync"/> until the run is COMPLETED, FAILED or CANCELLED, or the token fires.</summary>
    public async Task<GetWorkflowResponse> WaitForCompletionAsync(string runId, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(CompletionPollInterval);
        while (true)
        {
            var response = await GetAsync(runId, cancellationToken);
            if (IsTerminal(response.Run.State))
            {
                return response;
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    public static bool IsTerminal(WorkflowState state) =>
        state is WorkflowState.Completed or WorkflowState.Failed or WorkflowState.Cancelled;

    internal WorkflowService.WorkflowServiceClient Inner => client;
}
