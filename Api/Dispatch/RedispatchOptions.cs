namespace TraceApp.Api.Dispatch;

/// <summary>The <c>Api:Redispatch</c> configuration section.</summary>
public sealed class RedispatchOptions
{
    public const string SectionName = "Api:Redispatch";

    /// <summary>How often the store is swept for jobs to dispatch again.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many jobs of each kind (overdue, of dead workers, on <c>_all</c>) per sweep.</summary>
    public int BatchSize { get; set; } = 100;
}
