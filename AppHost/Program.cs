using TraceApp.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var workflowServer = builder.AddProject("workflowserver", "WorkflowServer")
    .WithHttpEndpoint(port: 5090, name: "grpc", urlVariable: "Kestrel__Endpoints__Grpc__Url")
    .WithHttpEndpoint(port: 5091, name: "http", urlVariable: "Kestrel__Endpoints__Http__Url");

var api = builder.AddProject("api", "Api")
    .WithHttpEndpoint(port: 5080)
    .WithReference(workflowServer);

builder.AddProject("worker", "Worker")
    .WithHttpEndpoint(port: 5085)
    .WithReference(api)
    .WithReference(workflowServer);

builder.Build().Run();
