using TraceApp.Hosting;
using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Orchestration;

namespace TraceApp.Tests.Hosting;

/// <summary>The exact environment a project gets from a model: the names and value shapes of DESIGN.md's contract.</summary>
public sealed class ProjectEnvironmentTests
{
    private static readonly DistributedApplicationOptions RunMode = new();

    [Fact]
    public void Project_gets_identity_urls_connection_strings_and_service_urls()
    {
        var builder = DistributedApplication.CreateBuilder(RunMode);
        var nats = builder.AddNats("nats", port: 4222).WithJetStream();
        var database = builder.AddPostgres("postgres", port: 5432).AddDatabase("traceapp");
        var workflowServer = builder.AddProject("workflowserver", "WorkflowServer")
            .WithHttpEndpoint(5090, name: "grpc", urlVariable: "Kestrel__Endpoints__Grpc__Url")
            .WithHttpEndpoint(5091, name: "http", urlVariable: "Kestrel__Endpoints__Http__Url");
        var api = builder.AddProject("api", "Api").WithHttpEndpoint(5080)
            .WithReference(nats).WithReference(database).WithReference(workflowServer)
            .WithEnvironment("Custom", "value");
        var endpoints = PortAllocator.Allocate(builder.Resources, randomize: true);

        var env = ProjectEnvironment.For(api.Resource, 0, "api-1234", endpoints, RunMode);
        var serverEnv = ProjectEnvironment.For(workflowServer.Resource, 0, "workflowserver-1", endpoints, RunMode);

        Assert.Equal("api", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=api-1234", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal($"http://127.0.0.1:{endpoints.Port(api.Resource, "http")}", env["ASPNETCORE_URLS"]);
        Assert.Matches(@"^nats://traceapp:[A-Za-z0-9]{24}@127\.0\.0\.1:\d+$", env["ConnectionStrings__nats"]);
        Assert.Matches(@"^Host=127\.0\.0\.1;Port=\d+;Username=postgres;Password=[A-Za-z0-9]{24};Database=traceapp$", env["ConnectionStrings__traceapp"]);
        Assert.Equal($"http://127.0.0.1:{endpoints.Port(workflowServer.Resource, "grpc")}", env["services__workflowserver__grpc__0"]);
        Assert.Equal($"http://127.0.0.1:{endpoints.Port(workflowServer.Resource, "http")}", env["services__workflowserver__http__0"]);
        Assert.Equal("value", env["Custom"]);
        Assert.Equal("true", env["TRACEAPP_TELEMETRY_TRACING_ENABLED"]);
        Assert.False(env.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal($"http://127.0.0.1:{endpoints.Port(workflowServer.Resource, "grpc")}", serverEnv["Kestrel__Endpoints__Grpc__Url"]);
        Assert.False(serverEnv.ContainsKey("ASPNETCORE_URLS"));
    }

    [Fact]
    public void Otlp_settings_follow_the_aspire_contract()
    {
        var options = new DistributedApplicationOptions { OtlpEndpoint = new Uri("http://127.0.0.1:18889"), OtlpApiKey = "k3y" };
        var builder = DistributedApplication.CreateBuilder(options);
        var api = builder.AddProject("api", "Api");

        var env = ProjectEnvironment.For(api.Resource, 0, "api-1", PortAllocator.Allocate(builder.Resources, randomize: true), options);

        Assert.Equal("http://127.0.0.1:18889/", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=k3y", env["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("1000", env["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", env["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", env["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.False(env.ContainsKey("TRACEAPP_TELEMETRY_TRACING_ENABLED"));
    }

    [Fact]
    public void Replicas_get_their_own_ports_and_references_list_every_replica()
    {
        var builder = DistributedApplication.CreateBuilder(RunMode);
        var worker = builder.AddProject("worker", "Worker").WithHttpEndpoint().WithReplicas(2);
        var api = builder.AddProject("api", "Api").WithReference(worker);
        var endpoints = PortAllocator.Allocate(builder.Resources, randomize: false);

        var first = ProjectEnvironment.For(worker.Resource, 0, "worker-0-a", endpoints, RunMode);
        var second = ProjectEnvironment.For(worker.Resource, 1, "worker-1-b", endpoints, RunMode);
        var apiEnv = ProjectEnvironment.For(api.Resource, 0, "api-1", endpoints, RunMode);

        Assert.NotEqual(first["ASPNETCORE_URLS"], second["ASPNETCORE_URLS"]);
        Assert.Equal("service.instance.id=worker-1-b", second["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(first["ASPNETCORE_URLS"], apiEnv["services__worker__http__0"]);
        Assert.Equal(second["ASPNETCORE_URLS"], apiEnv["services__worker__http__1"]);
    }
}
