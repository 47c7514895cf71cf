using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TraceApp.Workflows.Hosting;
using TraceApp.Workflows.Worker;

namespace TraceApp.Benchmarks.Workflows;

/// <summary>
/// <c>count</c> worker runtimes in this process: each a generic host of its own with <c>AddWorkflowWorker</c>,
/// configured as a service would be ("Workflows:ServerAddress", "Workflows:Worker"), so each registers with
/// WorkflowServer, polls, heartbeats and drains on its own, serving the 3-step no-op workflow on one task queue.
/// Their spans go to <see cref="BenchmarkTelemetry"/>'s provider.
/// </summary>
internal sealed class InProcessWorkers : IAsyncDisposable
{
    public const string WorkflowType = "bench.noop3";

    private readonly List<IHost> _hosts;

    private InProcessWorkers(List<IHost> hosts) => _hosts = hosts;

    public static async Task<InProcessWorkers> StartAsync(Uri server, string taskQueue, int count, int maxConcurrency, CancellationToken ct)
    {
        var workers = new InProcessWorkers([]);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = $"bench-worker-{i}" });
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [WorkflowHostingExtensions.ServerAddressKey] = server.ToString(),
                    [$"{WorkflowWorkerOptions.SectionName}:Identity"] = $"bench-worker-{i}",
                    [$"{WorkflowWorkerOptions.SectionName}:TaskQueue"] = taskQueue,
                    [$"{WorkflowWorkerOptions.SectionName}:MaxConcurrency"] = maxConcurrency.ToString(CultureInfo.InvariantCulture),
                });
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddServiceDiscovery();
                builder.AddWorkflowWorker().AddWorkflow<int, int>(WorkflowType, RunNoOpStepsAsync);
                var host = builder.Build();
                workers._hosts.Add(host);
                await host.StartAsync(ct);
            }

            return workers;
        }
        catch
        {
            await workers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await host.StopAsync(stop.Token);
            host.Dispose();
        }
    }

    /// <summary>Three memoized steps that do nothing: what is measured is the workflow machinery.</summary>
    private static async Task<int> RunNoOpStepsAsync(IWorkflowContext context, int input)
    {
        var one = await context.StepAsync("one", _ => Task.FromResult(input + 1));
        var two = await context.StepAsync("two", _ => Task.FromResult(one + 1));
        return await context.StepAsync("three", _ => Task.FromResult(two + 1));
    }
}
