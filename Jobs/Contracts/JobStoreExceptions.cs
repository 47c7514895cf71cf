namespace TraceApp.Jobs.Contracts;

/// <summary>No job with this id (→ 404).</summary>
public sealed class JobNotFoundException(Guid id) : Exception($"Job {id} does not exist.")
{
    public Guid JobId { get; } = id;
}

/// <summary>The job exists but its state forbids the request (→ 409), e.g. deleting a running job.</summary>
public sealed class JobStateConflictException(Guid id, JobStatus status, string message) : Exception(message)
{
    public Guid JobId { get; } = id;

    public JobStatus Status { get; } = status;
}
