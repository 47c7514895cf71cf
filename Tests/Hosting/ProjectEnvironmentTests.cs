using TraceApp.Hosting;
using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Tests.Hosting;

/// <summary>The environment a project gets from the model: the names and value shapes of DESIGN.md's contract.</summary>
public sealed class ProjectEnvironmentTests
{
    [Fact]
    public void Project_gets_service_identity_urls_and_references()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var workflowServer = builder.AddProject("workflowserver", "WorkflowServer")
            .WithHttpEndpoint(5090, name: "grpc", urlVariable: "Kestrel__Endpoints__Grpc__Url")
            .WithHttpEndpoint(5091, name: "http", urlVariable: "Kestrel__Endpoints__Http__Url");
        var api = builder.AddProject("api", "Api").WithHttpEndpoint(5080).WithReference(workflowServer)
            .WithEnvironment("Custom", "value");

        var apiEnv = ProjectEnvironment.For(api.Resource, "api-1234");
        var serverEnv = ProjectEnvironment.For(workflowServer.Resource, "workflowserver-1");

        Assert.Equal("api", apiEnv["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=api-1234", apiEnv["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://127.0.0.1:5080", apiEnv["ASPNETCORE_URLS"]);
        Assert.Equal("http://127.0.0.1:5090", apiEnv["services__workflowserver__grpc__0"]);
        Assert.Equal("http://127.0.0.1:5091", apiEnv["services__workflowserver__http__0"]);
        Assert.Equal("value", apiEnv["Custom"]);
        Assert.Equal("http://127.0.0.1:5090", serverEnv["Kestrel__Endpoints__Grpc__Url"]);
        Assert.Equal("http://127.0.0.1:5091", serverEnv["Kestrel__Endpoints__Http__Url"]);
        Assert.False(serverEnv.ContainsKey("ASPNETCORE_URLS"));
    }

    [Fact]
    public void Duplicate_resource_and_endpoint_names_are_rejected()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var api = builder.AddProject("api", "Api").WithHttpEndpoint(5080);

        Assert.Throws<InvalidOperationException>(() => builder.AddProject("API", "Worker"));
        Assert.Throws<InvalidOperationException>(() => api.WithHttpEndpoint(5081));
    }
}
