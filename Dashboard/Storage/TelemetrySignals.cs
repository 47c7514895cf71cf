namespace TraceApp.Dashboard.Storage;

[Flags]
public enum TelemetrySignals
{
    None = 0,
    Traces = 1,
    Logs = 2,
    Metrics = 4,
}
