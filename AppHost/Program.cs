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
var signingKey = builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var workflowServer = builder.AddProject<Projects.WorkflowServer>("workflowserver")
    .WithHttpEndpoint(port: 5090, name: "grpc")
    .WithHttpEndpoint(port: 5091, name: "http")
    .WithHttpReadinessCheck("/health", "http")
    .WithReference(database);

var api = builder.AddProject<Projects.Api>("api")
    .WithHttpReadinessCheck("/health")
    .WithReference(nats).WaitFor(nats)
    .WithReference(database)
    .WithReference(workflowServer)
    .WithEnvironment("Auth__SigningKey", signingKey);

builder.AddProject<Projects.Worker>("worker")
    .WithHttpReadinessCheck("/health")
    .WithReference(nats).WaitFor(nats)
    .WithReference(database)
    .WithReference(api)
    .WithReference(workflowServer);

builder.AddProject<Projects.Cli>("cli")
    .WithArgs("client", "node", "hostname")
    .WithCliEnvironment(api, signingKey)
    .WaitFor(api)
    .WithExplicitStart();

builder.AddCliConfigFile(api, signingKey);

builder.Build().Run();
