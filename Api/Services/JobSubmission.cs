using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Services;

/// <summary>What <see cref="JobSubmitter.SubmitAsync"/> did: stored and published a job, or refused it.</summary>
public abstract record JobSubmission
{
    private JobSubmission()
    {
    }

    /// <summary>Stored (pending) and published.</summary>
    public sealed record Created(Job Job) : JobSubmission;

    /// <summary>Field errors (operation, target, params.*); nothing stored.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : JobSubmission;

    /// <summary>The target is <c>_all</c> and no worker is live; nothing stored.</summary>
    public sealed record NoLiveWorker : JobSubmission;
}
