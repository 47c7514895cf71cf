using TraceApp.WorkflowServer.Runs;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>The retry policy's pure logic: which policy applies, the backoff, retry or fail.</summary>
public sealed class RetryDecisionsTests
{
    private static readonly EffectiveRetryPolicy Policy = new(4, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5), ["BadInput"]);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(30, 5)]
    [InlineData(5000, 5)]
    public void The_backoff_is_initial_times_coefficient_to_the_failed_attempt_minus_one_capped_at_max(int failedAttempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryDecisions.Backoff(Policy, failedAttempt));
    }

    [Fact]
    public void A_retryable_failure_before_max_attempts_schedules_the_next_run_attempt()
    {
        var outcome = RetryDecisions.Decide(Policy, "IOException", stepAttempt: 2, runAttempt: 2);

        Assert.Equal(new StepFailureOutcome.RetryAfter(TimeSpan.FromSeconds(2), 3), outcome);
    }

    [Fact]
    public void The_last_attempt_fails_the_workflow()
    {
        Assert.IsType<StepFailureOutcome.FailWorkflow>(RetryDecisions.Decide(Policy, null, stepAttempt: 4, runAttempt: 4));
    }

    [Fact]
    public void A_non_retryable_error_type_fails_the_workflow_on_the_first_attempt()
    {
        var outcome = Assert.IsType<StepFailureOutcome.FailWorkflow>(RetryDecisions.Decide(Policy, "BadInput", stepAttempt: 1, runAttempt: 1));

        Assert.Contains("BadInput", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_policy_the_default_is_3_attempts_from_1_s_doubling_to_60_s()
    {
        var policy = RetryDecisions.Resolve(null, null);
        Assert.Equal((3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(60)), (policy.MaxAttempts, policy.InitialInterval, policy.BackoffCoefficient, policy.MaxInterval));
        Assert.Empty(policy.NonRetryableErrorTypes);
    }

    [Fact]
    public void Each_field_comes_from_the_request_else_the_run_else_the_default()
    {
        var request = new PartialRetryPolicy(MaxAttempts: 1, null, null, null, null);
        var run = new PartialRetryPolicy(5, TimeSpan.FromSeconds(3), null, null, ["Fatal"]);

        var policy = RetryDecisions.Resolve(request, run);

        Assert.Equal(1, policy.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.InitialInterval);
        Assert.Equal(2.0, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromSeconds(60), policy.MaxInterval);
        Assert.Equal(["Fatal"], policy.NonRetryableErrorTypes);
    }
}
