using System.Diagnostics;

namespace TraceApp.Workflows;

/// <summary>The workflow SDK's ActivitySource: <c>workflow_execution</c> and <c>step_execution</c> spans.</summary>
public static class WorkflowsTelemetry
{
    public const string SourceName = "TraceApp.Workflows";

    public static readonly ActivitySource Source = new(SourceName);
}
