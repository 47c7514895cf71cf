using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TraceApp.Api.Services;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Apis;

/// <summary>The services every synchronous endpoint takes.</summary>
public sealed record SyncJobServices(JobSubmitter Submitter, JobCompletionWaiter Waiter, IOptions<SyncJobOptions> Options, HttpResponse Response);

/// <summary>
/// The shared handler of the synchronous node and network endpoints: submits the job as <c>POST /job</c> does
/// (<see cref="JobSubmitter"/>), waits until it is finished and answers 200 with the <c>GET /job/{id}</c> body, or 504
/// with the job id (extension <c>jobId</c>, <c>Location: /job/{id}</c>) when the timeout passes first.
/// Query: <c>target</c> (<c>_any</c> default, <c>_all</c>, <c>host:&lt;name&gt;</c>) and <c>timeout</c> in seconds.
/// </summary>
public static class SyncJobEndpoint
{
    public const string TargetDescription = "Where the job runs: _any (default, one worker), _all (every live worker) or host:<name>.";
    public const string TimeoutDescription = "How long to wait for the result, in whole seconds from 1 to 300; default: Api:SyncTimeout (30 s).";

    public static IHostApplicationBuilder AddSyncJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SyncJobOptions>().BindConfiguration(SyncJobOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobCompletionWaiter>();
        builder.Services.AddHostedService<JobFinishedListener>();
        return builder;
    }

    /// <summary>The responses every synchronous endpoint documents besides its typed results.</summary>
    public static RouteHandlerBuilder WithSyncJobResponses(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);

    public static async Task<Results<Ok<JobDetailsResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        JobOperation operation, JsonElement? parameters, string? target, string? timeout, SyncJobServices services, CancellationToken cancellationToken)
    {
        if (ExplainTimeout(timeout) is { } timeoutError)
        {
            var errors = new Dictionary<string, string[]>(JobOperations.Validate(operation.Name, target ?? JobTarget.AnyText, parameters))
            {
                ["timeout"] = [timeoutError],
            };
            return TypedResults.ValidationProblem(ToRequestFields(errors));
        }

        JobCompletionWaiter.Registration? registration = null;
        try
        {
            var submission = await services.Submitter.SubmitAsync(
                operation.Name, target, parameters, cancellationToken, job => registration = services.Waiter.Register(job.Id));
            switch (submission)
            {
                case JobSubmission.Invalid invalid:
                    return TypedResults.ValidationProblem(ToRequestFields(invalid.Errors));
                case JobSubmission.NoLiveWorker:
                    return JobsApi.NoLiveWorker();
            }

            var id = registration!.JobId;
            var wait = timeout is null ? services.Options.Value.SyncTimeout : TimeSpan.FromSeconds(int.Parse(timeout, CultureInfo.InvariantCulture));
            try
            {
                if (await registration.WaitAsync(wait, cancellationToken) is { } details)
                {
                    return TypedResults.Ok(JobDetailsResponse.From(details));
                }
            }
            catch (JobNotFoundException)
            {
                return JobsApi.NotFound(id);
            }

            services.Response.Headers.Location = $"/job/{id}";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status504GatewayTimeout,
                title: "Job not finished in time",
                detail: $"Job {id} did not finish within {wait.TotalSeconds:0.###} s; it goes on: poll GET /job/{id}.",
                extensions: new Dictionary<string, object?> { ["jobId"] = id });
        }
        finally
        {
            registration?.Dispose();
        }
    }

    /// <summary>Why <paramref name="timeout"/> is not a whole number of seconds in range; null when it is (or absent).</summary>
    private static string? ExplainTimeout(string? timeout) =>
        timeout is null
        || (int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= SyncJobOptions.MinTimeoutSeconds and <= SyncJobOptions.MaxTimeoutSeconds)
            ? null
            : $"Must be a whole number of seconds from {SyncJobOptions.MinTimeoutSeconds} to {SyncJobOptions.MaxTimeoutSeconds} (got '{timeout}').";

    /// <summary>
    /// Field names as the caller sent them: a synchronous endpoint's body is the operation's parameters, so
    /// <c>params.host</c> is <c>host</c> and <c>params</c> is the <c>body</c>.
    /// </summary>
    private static Dictionary<string, string[]> ToRequestFields(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(
            e => e.Key == "params" ? "body" : e.Key.StartsWith("params.", StringComparison.Ordinal) ? e.Key["params.".Length..] : e.Key,
            e => e.Value,
            StringComparer.Ordinal);
}
