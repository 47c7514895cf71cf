using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TraceApp.Api.Dispatch;
using TraceApp.Api.Services;
using TraceApp.Auth;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;

namespace TraceApp.Api.Apis;

/// <summary>
/// <c>/job</c>: submit (202 + id, published on NATS), read, list, count, delete and retry jobs. Errors are
/// ProblemDetails: 400 (field errors, oversized or malformed body, bad filter), 404 unknown job, 409 wrong state,
/// 503 no live worker for <c>_all</c> or the database down (<c>DependencyUnavailableExceptionHandler</c>).
/// </summary>
public static class JobsApi
{
    /// <summary>The services the endpoints take besides the store (<c>AddJobStore</c>) and NATS (<c>AddNatsClient</c>).</summary>
    public static IHostApplicationBuilder AddJobsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobPublisher>();
        builder.Services.AddSingleton<JobSubmitter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        // Whole paths in an unprefixed group: a "/job" prefix with an empty pattern routes as "/job/" (and names spans so).
        var jobs = app.MapGroup("").WithTags("Jobs");
        jobs.MapPost("/job", SubmitAsync).WithName("SubmitJob").RequireAuthorization(Permissions.JobWrite)
            .Accepts<SubmitJobRequest>("application/json")
            .ProducesValidationProblem();
        jobs.MapGet("/job", ListAsync).WithName("ListJobs").RequireAuthorization(Permissions.JobRead);
        jobs.MapGet("/job/status", CountAsync).WithName("CountJobsByStatus").RequireAuthorization(Permissions.JobRead);
        jobs.MapGet("/job/{id:guid}", GetAsync).WithName("GetJob").RequireAuthorization(Permissions.JobRead);
        jobs.MapDelete("/job/{id:guid}", DeleteAsync).WithName("DeleteJob").RequireAuthorization(Permissions.JobWrite);
        jobs.MapPost("/job/{id:guid}/retry", RetryAsync).WithName("RetryJob").RequireAuthorization(Permissions.JobWrite);
        return app;
    }

    private static async Task<Results<Accepted<JobAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, JobSubmitter submitter, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync<SubmitJobRequest>(
            request, json.Value.SerializerOptions, """{"operation", "target", "params"}""", cancellationToken);
        if (body is not { Error: null, Request: { } submit })
        {
            return BadRequest(body.Error);
        }

        return await submitter.SubmitAsync(submit.Operation, submit.Target, submit.Params, cancellationToken) switch
        {
            JobSubmission.Created created => Accepted(created.Job),
            JobSubmission.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            _ => NoLiveWorker(),
        };
    }

    private static async Task<Results<Ok<JobDetailsResponse>, ProblemHttpResult>> GetAsync(Guid id, JobStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } details ? TypedResults.Ok(JobDetailsResponse.From(details)) : NotFound(id);

    private static async Task<Results<Ok<JobListResponse>, ValidationProblem>> ListAsync(
        JobStore store, string? status, string? operation, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            // By exact name: Enum.TryParse would also take "1" or "pending,running" (a bitwise OR).
            var parsed = Enum.GetValues<JobStatus>().Where(s => string.Equals(s.ToStorage(), status, StringComparison.OrdinalIgnoreCase)).ToList();
            if (parsed.Count == 1)
            {
                statusFilter = parsed[0];
            }
            else
            {
                errors["status"] = [$"Unknown status '{status}'. Known: {string.Join(", ", Enum.GetValues<JobStatus>().Select(s => s.ToStorage()))}."];
            }
        }

        var size = pageSize ?? 50;
        if (size is < 1 or > JobStore.MaxPageSize)
        {
            errors["pageSize"] = [$"Must be from 1 to {JobStore.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var page = await store.ListAsync(new JobListQuery(statusFilter, operation, size, pageToken), cancellationToken);
            return TypedResults.Ok(new JobListResponse([.. page.Items.Select(JobSummary.From)], page.NextPageToken));
        }
        catch (FormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageToken"] = [e.Message] });
        }
    }

    private static async Task<Ok<JobStatusCounts>> CountAsync(JobStore store, CancellationToken cancellationToken)
    {
        var counts = await store.CountByStatusAsync(cancellationToken);
        return TypedResults.Ok(new JobStatusCounts(counts.ToDictionary(c => c.Key.ToStorage(), c => c.Value), counts.Values.Sum()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, JobStore store, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(id, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (JobNotFoundException)
        {
            return NotFound(id);
        }
        catch (JobStateConflictException e)
        {
            return Conflict(e);
        }
    }

    private static async Task<Results<Accepted<JobAccepted>, ProblemHttpResult>> RetryAsync(
        Guid id, JobStore store, JobSubmitter submitter, JobPublisher publisher, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } old)
        {
            return NotFound(id);
        }

        ApiTelemetry.LinkToJobTrace(Activity.Current, old.Job);
        IReadOnlyList<string>? expected = null;
        if (old.Job.Status.IsFinished() && JobTarget.TryParse(old.Job.Target, out var target, out _))
        {
            expected = await submitter.ExpectedWorkersAsync(target, cancellationToken);
            if (expected is { Count: 0 })
            {
                return NoLiveWorker();
            }
        }

        try
        {
            var trace = Activity.Current;
            var job = await store.RetryAsync(id, trace?.TraceId.ToHexString(), JobSubmitter.TraceParentOf(trace), expected, cancellationToken);
            await publisher.PublishAsync(job, cancellationToken);
            return Accepted(job);
        }
        catch (JobNotFoundException)
        {
            return NotFound(id);
        }
        catch (JobStateConflictException e)
        {
            return Conflict(e);
        }
    }

    private static Accepted<JobAccepted> Accepted(Job job) =>
        TypedResults.Accepted($"/job/{job.Id}", new JobAccepted(job.Id, job.Status, job.TraceId));

    internal static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"Job {id} does not exist.");

    private static ProblemHttpResult Conflict(JobStateConflictException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Job state conflict", detail: e.Message,
            extensions: new Dictionary<string, object?> { ["jobStatus"] = e.Status.ToStorage() });

    internal static ProblemHttpResult BadRequest(string? detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    internal static ProblemHttpResult NoLiveWorker() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No live worker",
            detail: "The target _all needs at least one live worker (one that heartbeated recently); none is.");
}
