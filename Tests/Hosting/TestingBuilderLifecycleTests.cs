using TraceApp.AppHost;
using TraceApp.Hosting;
using TraceApp.Hosting.Orchestration;
using TraceApp.Hosting.Testing;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting;

public sealed class TestingBuilderLifecycleTests
{
    [Fact]
    public async Task Killed_service_is_reported_exited_and_disposing_leaves_no_process()
    {
        var app = await DistributedApplicationTestingBuilder.CreateAsync(builder => builder.AddTraceAppModel());
        List<int> groups;
        try
        {
            await app.StartAsync();
            foreach (var name in new[] { "postgres", "traceapp", "api", "worker", "workflowserver" })
            {
                await app.WaitForResourceHealthyAsync(name);
            }

            groups = [.. app.Application.Instances.Where(i => i.Process is not null).Select(i => i.Process!.Id)];
            Assert.Equal(5, groups.Count);
            Assert.NotEmpty(ProcessTable.MembersOf(groups));
            var worker = app.Application.Instances.Single(i => i.InstanceName == "worker").Process!;

            worker.Kill();

            using var timeout = new CancellationTokenSource(TestingApplication.DefaultTimeout);
            var exited = Assert.Single(await app.ResourceNotifications.WaitForAsync("worker", s => s.IsFinished, timeout.Token));
            Assert.Equal(ResourceState.Exited, exited.State);
            Assert.Equal(137, exited.ExitCode);
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Empty(ProcessTable.MembersOf(groups));
    }

    [Fact]
    public async Task Replicas_and_executables_run_as_separate_healthy_instances()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            builder.AddProject("worker", "Worker").WithHttpEndpoint().WithHttpHealthCheck("/alive").WithReplicas(2);
            builder.AddExecutable("sleeper", "sleep", workingDirectory: null, "300");
        });
        await app.StartAsync();

        await app.WaitForResourceHealthyAsync("worker");
        await app.WaitForResourceHealthyAsync("sleeper");

        var workers = app.ResourceNotifications.Current.Where(s => s.ResourceName == "worker").OrderBy(s => s.InstanceName).ToList();
        Assert.Equal(["worker-0", "worker-1"], workers.Select(w => w.InstanceName));
        Assert.NotEqual(workers[0].Endpoints, workers[1].Endpoints);
        Assert.NotEqual(workers[0].ProcessId, workers[1].ProcessId);
        Assert.NotEqual(workers[0].Environment!["OTEL_RESOURCE_ATTRIBUTES"], workers[1].Environment!["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("Executable", app.ResourceNotifications.Current.Single(s => s.InstanceName == "sleeper").ResourceType);
    }
}
