namespace TraceApp.WorkflowServer.Runs;

/// <summary>What a failed step leads to: another attempt of the run after a delay, or the workflow's failure.</summary>
public abstract record StepFailureOutcome
{
    public sealed record RetryAfter(TimeSpan Delay, int NextAttempt) : StepFailureOutcome;

    public sealed record FailWorkflow(string Reason) : StepFailureOutcome;
}

/// <summary>The retry policy's pure logic: which policy applies, how long to back off, whether to retry at all.</summary>
public static class RetryDecisions
{
    /// <summary>Field by field: the request's policy, else the run's, else <see cref="EffectiveRetryPolicy.Default"/>.</summary>
    public static EffectiveRetryPolicy Resolve(PartialRetryPolicy? request, PartialRetryPolicy? run)
    {
        var fallback = EffectiveRetryPolicy.Default;
        return new EffectiveRetryPolicy(
            Positive(request?.MaxAttempts) ?? Positive(run?.MaxAttempts) ?? fallback.MaxAttempts,
            Positive(request?.InitialInterval) ?? Positive(run?.InitialInterval) ?? fallback.InitialInterval,
            Positive(request?.BackoffCoefficient) ?? Positive(run?.BackoffCoefficient) ?? fallback.BackoffCoefficient,
            Positive(request?.MaxInterval) ?? Positive(run?.MaxInterval) ?? fallback.MaxInterval,
            NonEmpty(request?.NonRetryableErrorTypes) ?? NonEmpty(run?.NonRetryableErrorTypes) ?? fallback.NonRetryableErrorTypes);
    }

    /// <summary>The delay before attempt <paramref name="failedAttempt"/> + 1: min(initial · coefficient^(failedAttempt − 1), max).</summary>
    public static TimeSpan Backoff(EffectiveRetryPolicy policy, int failedAttempt)
    {
        var seconds = policy.InitialInterval.TotalSeconds * Math.Pow(policy.BackoffCoefficient, Math.Max(0, failedAttempt - 1));
        return double.IsFinite(seconds) && seconds < policy.MaxInterval.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : policy.MaxInterval;
    }

    /// <summary>
    /// A step failed on its <paramref name="stepAttempt"/>-th attempt, during the run's <paramref name="runAttempt"/>-th:
    /// a non-retryable error type, or a step that has had all its attempts, fails the workflow; else the run is tried
    /// again after the backoff.
    /// </summary>
    public static StepFailureOutcome Decide(EffectiveRetryPolicy policy, string? errorType, int stepAttempt, int runAttempt)
    {
        if (!string.IsNullOrEmpty(errorType) && policy.NonRetryableErrorTypes.Contains(errorType, StringComparer.Ordinal))
        {
            return new StepFailureOutcome.FailWorkflow($"error type {errorType} is not retryable");
        }

        if (stepAttempt >= policy.MaxAttempts)
        {
            return new StepFailureOutcome.FailWorkflow($"the step failed {stepAttempt} of {policy.MaxAttempts} attempts");
        }

        return new StepFailureOutcome.RetryAfter(Backoff(policy, stepAttempt), runAttempt + 1);
    }

    private static int? Positive(int? value) => value > 0 ? value : null;

    private static double? Positive(double? value) => value > 0 ? value : null;

    private static TimeSpan? Positive(TimeSpan? value) => value > TimeSpan.Zero ? value : null;

    private static IReadOnlyList<string>? NonEmpty(IReadOnlyList<string>? value) => value is { Count: > 0 } ? value : null;
}
