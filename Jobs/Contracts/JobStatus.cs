namespace TraceApp.Jobs.Contracts;

/// <summary>Where a job is; <see cref="JobStateMachine"/> says how it moves. Stored lower case.</summary>
public enum JobStatus
{
    /// <summary>Submitted (and published); no worker holds it yet.</summary>
    Pending,

    /// <summary>A worker claimed it and holds it.</summary>
    Acknowledged,

    /// <summary>The holding worker started running it.</summary>
    Running,

    Completed,
    Failed,
}

public enum JobEventType
{
    Submitted,
    Acknowledged,
    Started,
    Completed,
    Failed,
    Retried,

    /// <summary>
    /// Published again by the re-dispatcher (its message says why: <c>ack_timeout</c> or <c>worker_dead</c>). Not
    /// recorded for the first publish, which <see cref="Submitted"/> stands for; it changes no state.
    /// </summary>
    Dispatched,
}

public static class JobStatusNames
{
    public static string ToStorage(this JobStatus status) => status.ToString().ToLowerInvariant();

    public static string ToStorage(this JobEventType type) => type.ToString().ToLowerInvariant();

    public static JobStatus ParseStatus(string text) => Enum.Parse<JobStatus>(text, ignoreCase: true);

    public static JobEventType ParseEventType(string text) => Enum.Parse<JobEventType>(text, ignoreCase: true);

    public static bool IsFinished(this JobStatus status) => status is JobStatus.Completed or JobStatus.Failed;
}
