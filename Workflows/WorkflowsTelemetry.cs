using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TraceApp.Workflows;

/// <summary>
/// The workflow SDK's ActivitySource (<c>workflow_execution</c> and <c>step_execution</c> spans) and Meter
/// (executions and steps by outcome), both named <c>TraceApp.Workflows</c> (ServiceDefaults listens to <c>TraceApp.*</c>).
/// </summary>
public static class WorkflowsTelemetry
{
    public const string SourceName = "TraceApp.Workflows";

    public const string WorkflowExecutionSpan = "workflow_execution";
    public const string StepExecutionSpan = "step_execution";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    /// <summary>Executions by workflow type and outcome (completed, failed, retry_scheduled, sleeping, abandoned).</summary>
    internal static readonly Counter<long> Executions = Meter.CreateCounter<long>(
        "traceapp.workflows.executions", "{execution}", "Workflow executions by type and outcome.");

    /// <summary>Duration of executed (not memoized) steps by workflow type and outcome.</summary>
    internal static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "traceapp.workflows.step.duration", "s", "How long executed steps took.");
}
