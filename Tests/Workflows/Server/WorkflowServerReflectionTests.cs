using Grpc.Reflection.V1Alpha;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>gRPC server reflection lists the services (grpcurl and other tools discover the API without the proto).</summary>
public sealed class WorkflowServerReflectionTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task Reflection_lists_both_workflow_services_and_health()
    {
        using var channels = new TraceApp.Grpc.Client.GrpcChannels();
        var client = channels.CreateClient(system.GrpcAddress, invoker => new ServerReflection.ServerReflectionClient(invoker));
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("traceapp.workflows.v1.WorkflowService", services);
        Assert.Contains("traceapp.workflows.v1.WorkerService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
