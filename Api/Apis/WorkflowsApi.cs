using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TraceApp.Auth;
using TraceApp.Workflows.Client;
using TraceApp.Workflows.Hosting;
using TraceApp.Workflows.V1;

namespace TraceApp.Api.Apis;

/// <summary>
/// <c>/workflows</c>: start a durable workflow run on WorkflowServer (202 + run id), read one with its steps, list,
/// cancel and retry. The request's trace continues into the server's <c>start_workflow</c>, and the workers'
/// executions join it. Errors are ProblemDetails: 400 (malformed body, bad type or filter, or the server's
/// INVALID_ARGUMENT), 404 unknown run, 409 wrong state, 503 the workflow server unreachable.
/// </summary>
public static partial class WorkflowsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static IHostApplicationBuilder AddWorkflowsApi(this IHostApplicationBuilder builder)
    {
        builder.AddWorkflowClient();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("").WithTags("Workflows");
        workflows.MapPost("/workflows", StartAsync).WithName("StartWorkflow").RequireAuthorization(Permissions.WorkflowWrite)
            .WithSummary("Starts a run of a workflow type; workers that registered the type execute it.")
            .Accepts<StartWorkflowBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        workflows.MapGet("/workflows", ListAsync).WithName("ListWorkflows").RequireAuthorization(Permissions.WorkflowRead)
            .WithSummary("Lists runs, newest first.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        workflows.MapGet("/workflows/{id}", GetAsync).WithName("GetWorkflow").RequireAuthorization(Permissions.WorkflowRead)
            .WithSummary("A run with its steps.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        workflows.MapPost("/workflows/{id}/cancel", CancelAsync).WithName("CancelWorkflow").RequireAuthorization(Permissions.WorkflowWrite)
            .WithSummary("Cancels a run that has not finished.")
            .Accepts<CancelWorkflowBody>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        workflows.MapPost("/workflows/{id}/retry", RetryAsync).WithName("RetryWorkflow").RequireAuthorization(Permissions.WorkflowWrite)
            .WithSummary("Runs a failed or cancelled run again as a new run (new id, new trace linked to the old one).")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Accepted<WorkflowAccepted>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest request, WorkflowClient client, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync<StartWorkflowBody>(
            request, json.Value.SerializerOptions, """{"type", "input", "externalId", "retryPolicy"}""", cancellationToken);
        if (body is not { Error: null, Request: { } start })
        {
            return JobsApi.BadRequest(body.Error);
        }

        if (ExplainType(start.Type) is { } typeError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = [typeError] });
        }

        try
        {
            var options = new WorkflowStartOptions(start.Namespace, start.TaskQueue, start.ExternalId, start.RetryPolicy?.ToProto());
            var started = await client.StartAsync(start.Type!, WorkflowJson.Text(start.Input), options, cancellationToken);
            var traceId = started.AlreadyStarted
                ? WorkflowRunSummary.Optional((await client.GetAsync(started.RunId, cancellationToken)).Run.TraceId)
                : Activity.Current?.TraceId.ToHexString();
            return Accepted(new WorkflowAccepted(started.RunId, started.AlreadyStarted, traceId));
        }
        catch (RpcException e) when (WorkflowRpcErrors.IsAnswerable(e))
        {
            return WorkflowRpcErrors.Problem(e);
        }
    }

    private static async Task<Results<Ok<WorkflowRunDetails>, ProblemHttpResult>> GetAsync(string id, WorkflowClient client, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(WorkflowRunDetails.From(await client.GetAsync(id, cancellationToken)));
        }
        catch (RpcException e) when (WorkflowRpcErrors.IsAnswerable(e))
        {
            return WorkflowRpcErrors.Problem(e);
        }
    }

    private static async Task<Results<Ok<WorkflowListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        WorkflowClient client,
        [Description("Only runs of this workflow type.")] string? type,
        [Description("Only runs in this state: pending, running, sleeping, completed, failed or cancelled.")] string? state,
        [Description("Only runs of this namespace (default: default).")] string? @namespace,
        [Description("Runs per page, from 1 to 200 (default 50).")] int? pageSize,
        [Description("The nextPageToken of the previous page.")] string? pageToken,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new ListWorkflowsRequest { Namespace = @namespace ?? "", WorkflowType = type ?? "", PageToken = pageToken ?? "" };
        if (state is not null)
        {
            if (WorkflowStates.Parse(state) is { } parsed)
            {
                query.State = WorkflowStates.ToProto(parsed);
            }
            else
            {
                errors["state"] = [$"Unknown state '{state}'. Known: {string.Join(", ", Enum.GetValues<WorkflowRunState>().Select(WorkflowStates.Name))}."];
            }
        }

        query.PageSize = pageSize ?? DefaultPageSize;
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Must be from 1 to {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var page = await client.ListAsync(query, cancellationToken);
            return TypedResults.Ok(new WorkflowListResponse([.. page.Runs.Select(WorkflowRunSummary.From)], WorkflowRunSummary.Optional(page.NextPageToken)));
        }
        catch (RpcException e) when (WorkflowRpcErrors.IsAnswerable(e))
        {
            return WorkflowRpcErrors.Problem(e);
        }
    }

    private static async Task<Results<Ok<WorkflowRunSummary>, ProblemHttpResult>> CancelAsync(
        string id, HttpRequest request, WorkflowClient client, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        string? reason = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonBodyReader.ReadAsync<CancelWorkflowBody>(request, json.Value.SerializerOptions, """{"reason"}""", cancellationToken);
            if (body is not { Error: null, Request: { } cancel })
            {
                return JobsApi.BadRequest(body.Error);
            }

            reason = cancel.Reason;
        }

        try
        {
            return TypedResults.Ok(WorkflowRunSummary.From(await client.CancelAsync(id, reason, cancellationToken)));
        }
        catch (RpcException e) when (WorkflowRpcErrors.IsAnswerable(e))
        {
            return WorkflowRpcErrors.Problem(e);
        }
    }

    private static async Task<Results<Accepted<WorkflowAccepted>, ProblemHttpResult>> RetryAsync(string id, WorkflowClient client, CancellationToken cancellationToken)
    {
        try
        {
            var runId = await client.RetryAsync(id, cancellationToken);
            return Accepted(new WorkflowAccepted(runId, AlreadyStarted: false, Activity.Current?.TraceId.ToHexString()));
        }
        catch (RpcException e) when (WorkflowRpcErrors.IsAnswerable(e))
        {
            return WorkflowRpcErrors.Problem(e);
        }
    }

    private static Accepted<WorkflowAccepted> Accepted(WorkflowAccepted accepted) =>
        TypedResults.Accepted($"/workflows/{accepted.RunId}", accepted);

    /// <summary>Why <paramref name="type"/> is not a workflow type name (the server's rule), or null when it is one.</summary>
    internal static string? ExplainType(string? type) =>
        string.IsNullOrEmpty(type) ? "Required: the workflow type, e.g. node-report."
        : TypeName().IsMatch(type) ? null
        : $"'{type}' is not a workflow type name: 1 to 100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit.";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex TypeName();
}
