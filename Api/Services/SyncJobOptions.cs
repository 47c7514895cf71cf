using System.ComponentModel.DataAnnotations;

namespace TraceApp.Api.Services;

/// <summary>The <c>Api</c> configuration section's settings of the synchronous node and network endpoints.</summary>
public sealed class SyncJobOptions
{
    public const string SectionName = "Api";

    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 300;

    /// <summary>How long a synchronous endpoint waits for its job when the request names no <c>timeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a waiter reads its job from the store in case its finished notification was lost (NATS restarted,
    /// the job finished by another path).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan FallbackInterval { get; set; } = TimeSpan.FromSeconds(1);
}
