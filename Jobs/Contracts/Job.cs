using System.Text.Json;

namespace TraceApp.Jobs.Contracts;

/// <summary>A job as stored. <see cref="TraceParent"/> is the W3C traceparent of the request that submitted it.</summary>
public sealed record Job(
    Guid Id,
    string Operation,
    JobKind Kind,
    string Target,
    JsonElement? Params,
    JobStatus Status,
    string? Worker,
    string? TraceId,
    string? TraceParent,
    Guid? RetryOf,
    IReadOnlyList<string>? ExpectedWorkers,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AckDeadline,
    DateTimeOffset? FinishedAt,
    string? Error);

/// <summary>One step of a job's history.</summary>
public sealed record JobEvent(JobEventType Type, string? Worker, DateTimeOffset Time, string? TraceId, string? Message);

/// <summary>What one worker reported: its payload (JSON) or its error.</summary>
public sealed record JobResult(string Worker, string Host, JsonElement? Payload, string? Error, DateTimeOffset RecordedAt);

/// <summary>A job with its history (oldest first) and its results (one per worker).</summary>
public sealed record JobDetails(Job Job, IReadOnlyList<JobEvent> Events, IReadOnlyList<JobResult> Results);

/// <summary>
/// A job to submit. <see cref="ExpectedWorkers"/> is for <c>_all</c>: the live workers when it was submitted, whose
/// results finish it.
/// </summary>
public sealed record NewJob(
    JobOperation Operation,
    JobTarget Target,
    JsonElement? Params,
    string? TraceId,
    string? TraceParent,
    IReadOnlyList<string>? ExpectedWorkers = null);

/// <summary>A filter and page of <c>GET /job</c>; <see cref="PageToken"/> is the previous page's <see cref="JobPage.NextPageToken"/>.</summary>
public sealed record JobListQuery(JobStatus? Status = null, string? Operation = null, int PageSize = 50, string? PageToken = null);

/// <summary>Jobs newest first; <see cref="NextPageToken"/> is <c>null</c> on the last page.</summary>
public sealed record JobPage(IReadOnlyList<Job> Items, string? NextPageToken);

/// <summary>An unfinished <c>_all</c> job and the expected workers that stopped heartbeating before they reported.</summary>
public sealed record JobAwaitingDeadWorkers(Job Job, IReadOnlyList<string> DeadWorkers);

/// <summary>What a worker tells the store about itself on each heartbeat.</summary>
public sealed record WorkerRegistration(string Name, string Host, IReadOnlyList<string> Subjects);

public sealed record WorkerInfo(string Name, string Host, IReadOnlyList<string> Subjects, DateTimeOffset RegisteredAt, DateTimeOffset LastHeartbeat);
