using System.Net;
using System.Net.Sockets;
using TraceApp.Hosting;
using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Orchestration;

namespace TraceApp.Tests.Hosting;

/// <summary>Bad models fail at Build (or before anything starts) with a message naming what is wrong.</summary>
public sealed class ModelValidatorTests
{
    private static DistributedApplicationBuilder NewBuilder() => DistributedApplication.CreateBuilder(new DistributedApplicationOptions());

    [Fact]
    public void WaitFor_cycle_is_rejected_with_the_cycle_spelled_out()
    {
        var builder = NewBuilder();
        var a = builder.AddProject("a", "Api");
        var b = builder.AddProject("b", "Api").WaitFor(a);
        var c = builder.AddProject("c", "Api").WaitFor(b);
        a.WaitFor(c);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("WaitFor cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("a -> c -> b -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_resource_of_another_model_is_rejected()
    {
        var other = NewBuilder().AddNats("nats");
        var builder = NewBuilder();
        builder.AddProject("api", "Api").WithReference(other);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("'api' refers to 'nats', which is not part of this application model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_ports_and_fixed_ports_with_replicas_are_rejected()
    {
        var builder = NewBuilder();
        var api = builder.AddProject("api", "Api").WithHttpEndpoint(5080);

        Assert.Throws<InvalidOperationException>(() => builder.AddProject("API", "Worker"));
        Assert.Throws<InvalidOperationException>(() => api.WithHttpEndpoint(5081));
        builder.AddProject("worker", "Worker").WithHttpEndpoint(5080);
        Assert.Contains("Port 5080 is used by more than one endpoint", Assert.Throws<InvalidOperationException>(builder.Build).Message, StringComparison.Ordinal);

        var replicated = NewBuilder();
        replicated.AddProject("worker", "Worker").WithHttpEndpoint(6000).WithReplicas(2);
        Assert.Contains("replicas need dynamic ports", Assert.Throws<InvalidOperationException>(replicated.Build).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_port_in_use_fails_before_anything_starts()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var builder = NewBuilder();
        var api = builder.AddProject("api", "Api").WithHttpEndpoint(port);

        var error = Assert.Throws<InvalidOperationException>(() => PortAllocator.Allocate(builder.Resources, randomize: false));

        Assert.Contains($"Port {port} for endpoint 'http' of 'api' is already in use", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(port, PortAllocator.Allocate([api.Resource], randomize: true).Port(api.Resource, "http"));
    }
}
