using TraceApp.Jobs.Contracts;

namespace TraceApp.Worker;

/// <summary>
/// Who this worker is: its <see cref="Name"/> (unique per process: two replicas on one machine differ), the
/// <see cref="Host"/> that <c>host:&lt;name&gt;</c> targets, and the subjects it listens on.
/// </summary>
public sealed record WorkerIdentity(string Name, string Host, IReadOnlyList<string> Subjects, int MaxConcurrentJobs)
{
    /// <summary>Workers share this NATS queue group on <c>_any</c>, so each such job reaches one of them.</summary>
    public const string QueueGroup = "workers";

    public static readonly JobKind[] Kinds = [JobKind.Query, JobKind.Modify];

    /// <summary>The identity from <paramref name="options"/>, else from the environment; an invalid host name throws.</summary>
    /// <exception cref="InvalidOperationException">The configured or machine host name is not an RFC 1123 name.</exception>
    public static WorkerIdentity Resolve(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = (options.HostName is { Length: > 0 } configured ? configured : Environment.MachineName).ToLowerInvariant();
        if (HostName.Explain(host) is { } error)
        {
            throw new InvalidOperationException($"{WorkerOptions.SectionName}:HostName: {error}");
        }

        var name = options.Name is { Length: > 0 } named ? named : InstanceId() ?? $"{host}-{Environment.ProcessId}";
        var concurrency = options.MaxConcurrentJobs ?? Environment.ProcessorCount * 4;
        if (concurrency < 1)
        {
            throw new InvalidOperationException($"{WorkerOptions.SectionName}:MaxConcurrentJobs must be at least 1 (got {concurrency}).");
        }

        return new WorkerIdentity(name, host, [.. Kinds.SelectMany(kind => JobSubjects.ForWorker(kind, host))], concurrency);
    }

    /// <summary>Whether <paramref name="subject"/> is an <c>_any</c> subject, read through the queue group.</summary>
    public static bool IsQueueSubject(string subject) => subject.EndsWith("." + JobTarget.AnyText, StringComparison.Ordinal);

    /// <summary><c>service.instance.id</c> from <c>OTEL_RESOURCE_ATTRIBUTES</c> (Aspire sets one per replica).</summary>
    private static string? InstanceId() =>
        (Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "service.instance.id" && pair[1].Length > 0)
            .Select(pair => Uri.UnescapeDataString(pair[1]))
            .FirstOrDefault();
}
