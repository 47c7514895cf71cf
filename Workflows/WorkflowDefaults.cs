namespace TraceApp.Workflows;

public static class WorkflowDefaults
{
    public const string Namespace = "default";
    public const string TaskQueue = "default";

    /// <summary>The Aspire resource (and service-discovery name) of WorkflowServer; its gRPC endpoint is named "grpc".</summary>
    public const string ServerAddress = "http://_grpc.workflowserver";
}
