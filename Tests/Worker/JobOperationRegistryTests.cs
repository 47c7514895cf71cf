using Microsoft.Extensions.DependencyInjection;
using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

public sealed class JobOperationRegistryTests
{
    private static ServiceProvider BuildProvider() =>
        new ServiceCollection().AddLogging().AddNodeOperations().BuildServiceProvider(validateScopes: true);

    [Fact]
    public void AddNodeOperations_registers_every_node_and_network_operation()
    {
        using var provider = BuildProvider();

        var registry = provider.GetRequiredService<JobOperationRegistry>();

        Assert.Equal(
            ["network.dns", "network.ping", "node.disk", "node.hostname", "node.load", "node.memory", "node.os", "node.status", "node.uptime"],
            registry.Names);
        Assert.IsType<PingOperation>(registry.Get("network.ping"));
        Assert.Same(provider.GetRequiredService<PingOperation>(), registry.Get("network.ping"));
    }

    [Fact]
    public void Calling_AddNodeOperations_twice_registers_each_operation_once()
    {
        var services = new ServiceCollection().AddLogging().AddNodeOperations().AddNodeOperations();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(9, provider.GetServices<IJobOperation>().Count());
    }

    [Fact]
    public void An_unknown_name_is_a_clear_error()
    {
        using var provider = BuildProvider();
        var registry = provider.GetRequiredService<JobOperationRegistry>();

        var error = Assert.Throws<UnknownOperationException>(() => registry.Get("node.reboot"));

        Assert.Equal("node.reboot", error.OperationName);
        Assert.StartsWith("Unknown operation 'node.reboot'. Known operations: network.dns, network.ping, node.disk,", error.Message);
        Assert.False(registry.TryGet("Node.Hostname", out _));
    }

    [Fact]
    public void Two_operations_with_one_name_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new JobOperationRegistry([new HostnameOperation(), new HostnameOperation()]));

        Assert.Contains("'node.hostname'", error.Message);
    }

    [Fact]
    public async Task An_operation_found_by_name_runs_on_this_machine()
    {
        using var provider = BuildProvider();
        var registry = provider.GetRequiredService<JobOperationRegistry>();

        var result = await registry.Get("node.hostname").ExecuteAsync(null, CancellationToken.None);

        Assert.Equal(Environment.MachineName, result.Value!.Value.GetProperty("hostname").GetString());
    }
}
