using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TraceApp.WorkflowServer.Store;
using TraceApp.WorkflowServer.Telemetry;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>The server's Meter "TraceApp.WorkflowServer": gauges over a cached count, histograms of poll waits and step durations.</summary>
public sealed class WorkflowServerMetricsTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task The_count_behind_the_gauges_has_runs_by_state_and_the_ready_ones()
    {
        var store = new WorkflowRunStore(system.Database);
        var before = await store.CountAsync(CancellationToken.None);
        var queue = WorkflowServerSystem.NewQueue();
        await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "counted", TaskQueue = queue });
        var cancelled = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "counted", TaskQueue = queue });
        await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = cancelled.RunId });

        var after = await store.CountAsync(CancellationToken.None);

        Assert.Equal(before.ByState["PENDING"] + 1, after.ByState["PENDING"]);
        Assert.Equal(before.ByState["CANCELLED"] + 1, after.ByState["CANCELLED"]);
        Assert.Equal(before.Ready + 1, after.Ready);
        Assert.Equal(6, after.ByState.Count);
    }

    [Fact]
    public void The_meter_reports_the_cached_counts_poll_waits_and_step_durations()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new WorkflowServerMetrics(services.GetRequiredService<IMeterFactory>());
        var measured = new List<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowServerTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured.Add((instrument.Name, value, TagOf(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured.Add((instrument.Name, value, TagOf(tags))));
        listener.Start();

        metrics.Update(new RunCounts(new Dictionary<string, long> { ["PENDING"] = 4, ["RUNNING"] = 1 }, Ready: 3));
        metrics.RecordPollWait(TimeSpan.FromMilliseconds(250), hadTask: true);
        metrics.RecordStepDuration(1.5, "node-report", "completed");
        listener.RecordObservableInstruments();

        Assert.Contains(("workflows.runs", 4.0, "state=PENDING"), measured);
        Assert.Contains(("workflows.runs", 1.0, "state=RUNNING"), measured);
        Assert.Contains(("workflows.queue.depth", 3.0, null), measured);
        Assert.Contains(("workflows.poll.wait", 0.25, "has_task=True"), measured);
        Assert.Contains(measured, m => m.Instrument == "workflows.step.duration" && m.Value == 1.5);
    }

    private static string? TagOf(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        tags.Length == 0 ? null : $"{tags[0].Key}={tags[0].Value}";
}
