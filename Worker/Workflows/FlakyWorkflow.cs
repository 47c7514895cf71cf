using TraceApp.Workflows.Worker;

namespace TraceApp.Worker.Workflows;

/// <summary>
/// <c>flaky</c>: one step that fails on the run's first attempts (two by default), then succeeds — a sample of
/// retries with backoff. The decision comes from the run's attempt, which the server keeps, so it holds across
/// worker restarts and whichever worker executes the retry.
/// </summary>
[Workflow(TypeName)]
public sealed class FlakyWorkflow : IWorkflow<FlakyInput?, FlakyResult>
{
    public const string TypeName = "flaky";
    public const int DefaultFailures = 2;

    public async Task<FlakyResult> RunAsync(IWorkflowContext context, FlakyInput? input)
    {
        var failures = input?.Failures ?? DefaultFailures;
        var attempt = context.Attempt;
        var message = await context.StepAsync("unreliable", _ => attempt <= failures
            ? throw new FlakyStepException($"attempt {attempt} fails on purpose ({failures} failure(s) before success)")
            : Task.FromResult($"succeeded on attempt {attempt}"));
        return new FlakyResult(attempt, message);
    }
}

/// <param name="Failures">How many attempts of the run fail before one succeeds (default 2).</param>
public sealed record FlakyInput(int? Failures);

public sealed record FlakyResult(int Attempt, string Message);

/// <summary>The failure <see cref="FlakyWorkflow"/> throws on purpose (its type name is the step's error type).</summary>
public sealed class FlakyStepException(string message) : Exception(message);
