using System.Diagnostics;

namespace TraceApp.WorkflowServer.Telemetry;

/// <summary>
/// WorkflowServer's ActivitySource and Meter, both "TraceApp.WorkflowServer" (ServiceDefaults listens to TraceApp.*).
/// Each RPC gets an Internal span named after it in snake_case, a child of the ASP.NET Core instrumentation's Server
/// span: that instrumentation names its span after the gRPC method when the request ends, so renaming it in the
/// handler does not last (tried: the exported Server span kept the method name). WorkflowServerSpanTests pins both.
/// </summary>
public static class WorkflowServerTelemetry
{
    public const string Name = "TraceApp.WorkflowServer";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>The span attribute names of the tracing contract.</summary>
    public static class Tags
    {
        public const string RunId = "run_id";
        public const string WorkflowType = "workflow_type";
        public const string StepName = "step_name";
        public const string Namespace = "namespace";
        public const string TaskQueue = "task_queue";
        public const string WorkerId = "worker_id";
        public const string GrpcStatusCode = "rpc.grpc.status_code";
    }
}
