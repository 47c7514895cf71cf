using System.Diagnostics;

namespace TraceApp.Worker;

/// <summary>The Worker's one ActivitySource (<c>TraceApp.Worker</c>, picked up by ServiceDefaults' <c>TraceApp.*</c>).</summary>
public static class WorkerTelemetry
{
    public const string SourceName = "TraceApp.Worker";
    public const string ProcessSpanName = "job.process";

    public static readonly ActivitySource Source = new(SourceName);
}
