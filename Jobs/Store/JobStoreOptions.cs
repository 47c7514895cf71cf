namespace TraceApp.Jobs.Store;

public sealed class JobStoreOptions
{
    public const string SectionName = "Jobs:Store";

    /// <summary>How long a published job may stay unacknowledged before it is due to be dispatched again.</summary>
    public TimeSpan AcknowledgementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A worker whose last heartbeat is older than this is dead: its jobs may be claimed by another.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
