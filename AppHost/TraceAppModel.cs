using TraceApp.Hosting;

namespace TraceApp.AppHost;

/// <summary>
/// The TraceApp system, as in DESIGN.md's diagram. Program.cs runs it; the testing builder runs the same model
/// with random ports and temporary data.
/// </summary>
public static class TraceAppModel
{
    public static DistributedApplicationBuilder AddTraceAppModel(this DistributedApplicationBuilder builder)
    {
        var nats = builder.AddNats("nats").WithJetStream();
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("traceapp");

        var workflowServer = builder.AddProject("workflowserver", "WorkflowServer")
            .WithHttpEndpoint(port: 5090, name: "grpc", urlVariable: "Kestrel__Endpoints__Grpc__Url")
            .WithHttpEndpoint(port: 5091, name: "http", urlVariable: "Kestrel__Endpoints__Http__Url")
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithReference(database).WaitFor(database);

        var api = builder.AddProject("api", "Api")
            .WithHttpEndpoint(port: 5080)
            .WithHttpHealthCheck("/health")
            .WithReference(nats).WaitFor(nats)
            .WithReference(workflowServer).WaitFor(workflowServer);

        builder.AddProject("worker", "Worker")
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithReference(api)
            .WithReference(nats).WaitFor(nats)
            .WithReference(workflowServer).WaitFor(workflowServer);

        return builder;
    }
}
