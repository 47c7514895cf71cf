namespace TraceApp.Jobs.Contracts;

/// <summary>Why a job is published again; stored as the <c>dispatched</c> event's message and traced as <c>job.redispatch.reason</c>.</summary>
public enum JobRedispatchReason
{
    /// <summary>Pending past its acknowledgement deadline: the publish or its delivery was lost, or no worker took it.</summary>
    AckTimeout,

    /// <summary>Held (acknowledged or running) by a worker that stopped heartbeating.</summary>
    WorkerDead,
}

public static class JobRedispatchReasonNames
{
    public static string ToStorage(this JobRedispatchReason reason) => reason switch
    {
        JobRedispatchReason.AckTimeout => "ack_timeout",
        JobRedispatchReason.WorkerDead => "worker_dead",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

/// <summary>A job recorded as dispatched again, and which re-dispatch of it this is (1 for the first).</summary>
public sealed record JobRedispatch(Job Job, JobRedispatchReason Reason, int Attempt);
