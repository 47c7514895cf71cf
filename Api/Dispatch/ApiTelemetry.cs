using System.Diagnostics;

namespace TraceApp.Api.Dispatch;

/// <summary>The Api's own ActivitySource (<c>TraceApp.Api</c>, picked up by ServiceDefaults' <c>TraceApp.*</c>).</summary>
public static class ApiTelemetry
{
    public const string SourceName = "TraceApp.Api";
    public const string RedispatchSpanName = "job.redispatch";
    public const string WorkerLostSpanName = "job.worker_lost";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts <paramref name="name"/> as a child of the job's stored traceparent (the submitting request's span), so
    /// what the Api does for a job later stays in the job's trace; a job without one starts a new trace.
    /// </summary>
    public static Activity? StartJobActivity(string name, TraceApp.Jobs.Contracts.Job job)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal, SubmitterContext(job) ?? default);
        activity?.SetTag("job.id", job.Id.ToString());
        activity?.SetTag("job.operation", job.Operation);
        activity?.SetTag("job.target", job.Target);
        return activity;
    }

    /// <summary>
    /// Links <paramref name="activity"/> (e.g. the request of <c>POST /job/{id}/retry</c>, which starts a new job in its
    /// own trace) to the job's stored traceparent, so the retry can be followed back to the original trace.
    /// </summary>
    public static void LinkToJobTrace(Activity? activity, TraceApp.Jobs.Contracts.Job job)
    {
        if (activity is not null && SubmitterContext(job) is { } context)
        {
            activity.AddLink(new ActivityLink(context, new ActivityTagsCollection { ["job.id"] = job.Id.ToString(), ["job.link"] = "retry_of" }));
        }
    }

    /// <summary>The context of the request that submitted <paramref name="job"/> (its stored traceparent), if it has a valid one.</summary>
    private static ActivityContext? SubmitterContext(TraceApp.Jobs.Contracts.Job job) =>
        job.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : null;
}
