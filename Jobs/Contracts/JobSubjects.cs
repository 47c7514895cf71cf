namespace TraceApp.Jobs.Contracts;

/// <summary>
/// The one place that builds NATS subjects for jobs: <c>jobs.{query|modify}.{_any|_all|host.&lt;name&gt;}</c>.
/// A dotted host name adds subject tokens (<c>jobs.query.host.web.example.com</c>); workers subscribe to their
/// exact subject, so that is harmless, but wildcard subscribers should use <c>&gt;</c>, not <c>*</c>, after <c>host</c>.
/// </summary>
public static class JobSubjects
{
    public const string Root = "jobs";

    /// <summary>
    /// Where a worker announces that a job finished (completed or failed), on core NATS: <c>jobs.finished.&lt;id&gt;</c>,
    /// body the status. A hint for waiters only: it may be lost, the store stays the truth.
    /// </summary>
    public const string FinishedPrefix = Root + ".finished.";

    /// <summary>Every finished notification (also the pattern that keeps them out of traces).</summary>
    public const string FinishedAll = FinishedPrefix + "*";

    public static string Finished(Guid jobId) => FinishedPrefix + jobId.ToString("D");

    /// <summary>The job id of a finished notification's subject; null for any other subject.</summary>
    public static Guid? FinishedJobId(string subject) =>
        subject.StartsWith(FinishedPrefix, StringComparison.Ordinal) && Guid.TryParseExact(subject.AsSpan(FinishedPrefix.Length), "D", out var id)
            ? id
            : null;

    public static string For(JobKind kind, JobTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var kindToken = kind switch
        {
            JobKind.Query => "query",
            JobKind.Modify => "modify",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var targetToken = target.Kind switch
        {
            JobTargetKind.Any => JobTarget.AnyText,
            JobTargetKind.All => JobTarget.AllText,
            _ => "host." + target.Host,
        };
        return $"{Root}.{kindToken}.{targetToken}";
    }

    public static string For(JobOperation operation, JobTarget target) => For(operation.Kind, target);

    /// <summary>The subjects a worker on <paramref name="host"/> listens on for one kind.</summary>
    public static IReadOnlyList<string> ForWorker(JobKind kind, string host) =>
        [For(kind, JobTarget.Any), For(kind, JobTarget.All), For(kind, JobTarget.ForHost(host))];
}
