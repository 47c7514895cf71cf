using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TraceApp.Workflows.Client;
using TraceApp.Workflows.Hosting;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>
/// AddWorkflowClient / AddWorkflowWorker in a host with ServiceDefaults, as the Api and Worker use them:
/// WorkflowServer found through service discovery, no standard resilience handler on the long poll.
/// </summary>
[Collection(DefaultLeaseCollection.Name)]
public sealed class WorkflowHostingTests(DefaultLeaseSystem system)
{
    private const string HostedType = "test.hosted";

    [Fact]
    public async Task The_clients_find_WorkflowServer_by_service_discovery_and_hold_a_long_poll_past_the_resilience_timeouts()
    {
        var queue = system.NewQueue();
        using var host = BuildHost();
        var client = host.Services.GetRequiredService<WorkflowClient>();
        var worker = host.Services.GetRequiredService<WorkerService.WorkerServiceClient>();

        var started = await client.StartAsync(HostedType, 41, new WorkflowStartOptions(TaskQueue: queue.Name));
        var registration = await worker.RegisterAsync(new RegisterRequest
        {
            Namespace = "default", TaskQueue = $"{queue.Name}-empty", WorkflowTypes = { HostedType }, MaxConcurrency = 1, Identity = "hosting test",
        });
        var watch = Stopwatch.StartNew();
        var poll = await worker.PollTaskAsync(new PollTaskRequest
        {
            WorkerId = registration.WorkerId, Namespace = "default", TaskQueue = $"{queue.Name}-empty", WorkflowTypes = { HostedType },
            Wait = Duration.FromTimeSpan(TimeSpan.FromSeconds(12)),
        });

        Assert.False(started.AlreadyStarted);
        Assert.Equal(WorkflowState.Pending, (await client.GetAsync(started.RunId)).Run.State);
        // The standard resilience handler would have cut the call after 10 s.
        Assert.False(poll.HasTask);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(11), $"the poll was held {watch.Elapsed}");
        await worker.DeregisterAsync(new DeregisterRequest { WorkerId = registration.WorkerId });
        await client.CancelAsync(started.RunId);
    }

    [Fact]
    public async Task An_in_process_worker_runs_a_delegate_workflow_and_stops_with_its_host()
    {
        var queue = system.NewQueue();
        using var host = BuildHost(queue.Name);
        var client = host.Services.GetRequiredService<WorkflowClient>();
        await host.StartAsync();

        var started = await client.StartAsync(HostedType, 41, new WorkflowStartOptions(TaskQueue: queue.Name));
        using var timeout = new CancellationTokenSource(WorkflowSdkSystem.Timeout);
        var done = await client.WaitForCompletionAsync(started.RunId, timeout.Token);
        await host.StopAsync();

        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal("42", done.Run.Output);
        Assert.Equal("41", Assert.Single(done.Steps).Output);
    }

    private IHost BuildHost(string? taskQueue = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // As the AppHost's WithReference(workflowServer) describes the "grpc" endpoint.
            ["Services:workflowserver:grpc:0"] = system.GrpcAddress.ToString(),
            ["urls"] = "http://127.0.0.1:0",
            ["Workflows:Worker:TaskQueue"] = taskQueue ?? "unused",
        });
        builder.AddServiceDefaults();
        builder.AddWorkflowClient();
        builder.AddWorkflowWorker(options => options.PollWait = TimeSpan.FromSeconds(2))
            .AddWorkflow<int, int>(HostedType, async (context, input) =>
                await context.StepAsync("echo", _ => Task.FromResult(input)) + 1);
        return builder.Build();
    }
}
