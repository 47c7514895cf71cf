using System.Text.Json;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Apis;

/// <summary>The body of <c>POST /job</c>: an operation, where it runs (default <c>_any</c>) and its parameters.</summary>
public sealed record SubmitJobRequest(string? Operation, string? Target, JsonElement? Params);

/// <summary>The answer to <c>POST /job</c> and <c>POST /job/{id}/retry</c> (202, with a Location header).</summary>
public sealed record JobAccepted(Guid Id, JobStatus Status, string? TraceId);

public sealed record JobSummary(
    Guid Id,
    string Operation,
    string Target,
    JsonElement? Params,
    JobStatus Status,
    string? Worker,
    string? TraceId,
    Guid? RetryOf,
    IReadOnlyList<string>? ExpectedWorkers,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public static JobSummary From(Job job) => new(
        job.Id, job.Operation, job.Target, job.Params, job.Status, job.Worker, job.TraceId, job.RetryOf, job.ExpectedWorkers,
        job.Attempts, job.CreatedAt, job.UpdatedAt, job.FinishedAt, job.Error);
}

/// <summary><c>GET /job/{id}</c>: the job, its events (oldest first) and one result per worker.</summary>
public sealed record JobDetailsResponse(
    Guid Id,
    string Operation,
    string Target,
    JsonElement? Params,
    JobStatus Status,
    string? Worker,
    string? TraceId,
    Guid? RetryOf,
    IReadOnlyList<string>? ExpectedWorkers,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<JobEvent> Events,
    IReadOnlyList<JobResult> Results)
{
    public static JobDetailsResponse From(JobDetails details)
    {
        var job = details.Job;
        return new(job.Id, job.Operation, job.Target, job.Params, job.Status, job.Worker, job.TraceId, job.RetryOf, job.ExpectedWorkers,
            job.Attempts, job.CreatedAt, job.UpdatedAt, job.FinishedAt, job.Error, details.Events, details.Results);
    }
}

/// <summary><c>GET /job</c>: newest first; pass <see cref="NextPageToken"/> as <c>pageToken</c> for the next page (null on the last).</summary>
public sealed record JobListResponse(IReadOnlyList<JobSummary> Items, string? NextPageToken);

/// <summary><c>GET /job/status</c>: how many jobs are in each state (every state present) and in all.</summary>
public sealed record JobStatusCounts(IReadOnlyDictionary<string, long> Counts, long Total);
