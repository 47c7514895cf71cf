using TraceApp.Hosting;
using TraceApp.Hosting.Orchestration;
using TraceApp.Hosting.Testing;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting;

/// <summary>Stopping and starting one program instance on request (what the dashboard's buttons do).</summary>
public sealed class ResourceCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_instance_stopped_on_request_stays_stopped_and_starts_again_with_its_output_kept()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
            builder.AddExecutable("sleeper", "sh", workingDirectory: null, "-c", "echo started; exec sleep 300"));
        await app.StartAsync();
        await app.WaitForResourceHealthyAsync("sleeper");
        var application = app.Application;
        var firstPid = application.ResourceNotifications.Current.Single().ProcessId;
        await Eventually.WaitUntilAsync(() => application.ConsoleLogs.Get("sleeper").Contains("started"), Timeout, "the first output");

        await application.StopInstanceAsync("sleeper");

        using var wait = new CancellationTokenSource(Timeout);
        var stopped = (await application.ResourceNotifications.WaitForAsync("sleeper", s => s.State == ResourceState.Exited, wait.Token)).Single();
        Assert.Equal("Stopped on request.", stopped.Message);
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([firstPid!.Value], Timeout));
        await Assert.ThrowsAsync<InvalidOperationException>(() => application.StopInstanceAsync("sleeper"));

        application.StartInstance("sleeper");

        await app.WaitForResourceHealthyAsync("sleeper");
        Assert.NotEqual(firstPid, application.ResourceNotifications.Current.Single().ProcessId);
        await Eventually.WaitUntilAsync(() => application.ConsoleLogs.Get("sleeper").Count(l => l == "started") == 2, Timeout, "output of both runs");
        Assert.Throws<InvalidOperationException>(() => application.StartInstance("sleeper"));
        Assert.Throws<InvalidOperationException>(() => application.StartInstance("nonexistent"));
    }
}
