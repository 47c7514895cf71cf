using System.Diagnostics;
using OpenTelemetry;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// The <c>stdout</c> exporter: each finished span becomes one JSON line. Every line is handed to the
/// synchronized console writer in a single call, as the console logger does with each log entry, so a span
/// line never lands inside a log line.
/// </summary>
public sealed class StdoutSpanExporter(TextWriter output) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var resource = ParentProvider?.GetResource();
        foreach (var activity in batch)
        {
            output.Write(SpanJsonWriter.ToJsonLine(activity, resource) + "\n");
        }

        output.Flush();
        return ExportResult.Success;
    }
}
