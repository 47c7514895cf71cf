namespace TraceApp.WorkflowServer.Runs;

/// <summary>A retry policy with every field decided (see <see cref="RetryDecisions"/> for where each comes from).</summary>
public sealed record EffectiveRetryPolicy(
    int MaxAttempts, TimeSpan InitialInterval, double BackoffCoefficient, TimeSpan MaxInterval, IReadOnlyList<string> NonRetryableErrorTypes)
{
    public static readonly EffectiveRetryPolicy Default = new(3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(60), []);
}

/// <summary>A policy as stored or sent: a null or zero field means "not set, take the next one's".</summary>
public sealed record PartialRetryPolicy(
    int? MaxAttempts, TimeSpan? InitialInterval, double? BackoffCoefficient, TimeSpan? MaxInterval, IReadOnlyList<string>? NonRetryableErrorTypes);
