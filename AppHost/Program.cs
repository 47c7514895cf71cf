using Microsoft.Extensions.Configuration;
using TraceApp.Hosting;
using TraceApp.Hosting.Cli;
using TraceApp.Hosting.Health;
using TraceApp.Hosting.Publishing;
using TraceApp.Hosting.Processes;

PrerequisiteErrors.ReportInsteadOfCrashing();

var builder = DistributedApplication.CreateBuilder(args);
builder.AddReadinessReport();
builder.AddPromptTelemetryShutdown();

var nats = builder.AddNatsJetStream("nats");
var database = builder.AddPostgresDatabase("postgres", "traceapp");
// TraceApp:WorkerReplicas: how many Worker processes share the _any queue group (each is its own worker, named
// after the service.instance.id Aspire gives every replica). TraceApp:Tracing=false turns the services' span
// export off (the jobs benchmark compares both).
var workerReplicas = builder.Configuration.GetValue("TraceApp:WorkerReplicas", 2);
var tracing = builder.Configuration.GetValue("TraceApp:Tracing", true) ? "true" : "false";
var signingKey = builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var workflowServer = builder.AddProject<Projects.WorkflowServer>("workflowserver")
    .WithHttpEndpoint(port: 5090, name: "grpc")
    .WithHttpEndpoint(port: 5091, name: "http")
    .WithHttpReadinessCheck("/health", "http")
    .WithReference(database)
    .WithEnvironment("TRACEAPP_TELEMETRY_TRACING_ENABLED", tracing);

// Neither the api nor the worker waits for the workflow server: jobs do not need it. Until it is up the api answers
// /workflows with 503 and the worker's workflow runtime retries registering (capped backoff); the readiness report
// watches its health check, so "TraceApp is ready" means workflows can be started and run.
var api = builder.AddProject<Projects.Api>("api")
    .WithHttpReadinessCheck("/health")
    .WithReference(nats).WaitFor(nats)
    .WithReference(database)
    .WithReference(workflowServer)
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WithEnvironment("TRACEAPP_TELEMETRY_TRACING_ENABLED", tracing);

builder.AddProject<Projects.Worker>("worker")
    .WithHttpReadinessCheck("/health")
    .WithReference(nats).WaitFor(nats)
    .WithReference(database)
    .WithReference(api)
    .WithReference(workflowServer)
    .WithEnvironment("TRACEAPP_TELEMETRY_TRACING_ENABLED", tracing)
    .WithReplicas(workerReplicas);

builder.AddProject<Projects.Cli>("cli")
    .WithArgs("client", "node", "hostname")
    .WithCliEnvironment(api, signingKey)
    .WaitFor(api)
    .WithExplicitStart();

builder.AddCliConfigFile(api, signingKey);

builder.Build().Run();
