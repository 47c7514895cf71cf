namespace TraceApp.Jobs.Contracts;

/// <summary>
/// The job state machine. The store's SQL takes its <c>WHERE status IN (…)</c> conditions from here, so the rules
/// live in one place:
/// <code>
///   submitted     → pending
///   acknowledged  pending → acknowledged       (the claim; also from acknowledged/running when the holder is dead)
///   started       acknowledged → running
///   completed     acknowledged | running → completed
///   failed        acknowledged | running → failed
///   retried       completed | failed → (unchanged; a new job with retry_of = this one)
///   dispatched    pending | acknowledged | running → (unchanged; published again: ack overdue or holder dead)
/// </code>
/// Completed and failed are final: nothing moves a finished job, so a completed job is never run twice.
/// A job on <c>_all</c> has no single holder: each worker's result is recorded once, and the job finishes when
/// every expected worker has reported.
/// </summary>
public static class JobStateMachine
{
    private static readonly JobStatus[] Active = [JobStatus.Acknowledged, JobStatus.Running];

    /// <summary>The states an event may be applied in (empty for <see cref="JobEventType.Submitted"/>: it creates the job).</summary>
    public static IReadOnlyList<JobStatus> SourcesOf(JobEventType type) => type switch
    {
        JobEventType.Submitted => [],
        JobEventType.Acknowledged => [JobStatus.Pending],
        JobEventType.Started => [JobStatus.Acknowledged],
        JobEventType.Completed or JobEventType.Failed => Active,
        JobEventType.Retried => [JobStatus.Completed, JobStatus.Failed],
        JobEventType.Dispatched => [JobStatus.Pending, .. Active],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The state after <paramref name="type"/> in <paramref name="from"/>, or <c>null</c> when the event is not allowed there.</summary>
    public static JobStatus? Next(JobStatus? from, JobEventType type)
    {
        if (type == JobEventType.Submitted)
        {
            return from is null ? JobStatus.Pending : null;
        }

        if (from is not { } current || !SourcesOf(type).Contains(current))
        {
            return null;
        }

        return type switch
        {
            JobEventType.Acknowledged => JobStatus.Acknowledged,
            JobEventType.Started => JobStatus.Running,
            JobEventType.Completed => JobStatus.Completed,
            JobEventType.Failed => JobStatus.Failed,
            _ => current,
        };
    }

    /// <summary>Jobs that may be deleted: not yet held by a worker, or finished.</summary>
    public static bool CanDelete(JobStatus status) => status is JobStatus.Pending || status.IsFinished();
}
