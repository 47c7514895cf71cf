namespace TraceApp.Dashboard.Storage;

/// <summary>Whether each point of a sum or histogram covers the time since the previous point or since the start.</summary>
public enum MetricTemporality
{
    Unspecified = 0,
    Delta = 1,
    Cumulative = 2,
}
