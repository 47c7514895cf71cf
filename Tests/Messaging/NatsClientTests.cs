using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;
using OpenTelemetry.Trace;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Telemetry;

namespace TraceApp.Tests.Messaging;

/// <summary><c>AddNatsClient("nats")</c>: settings, connection, health check and tracing, against a real nats-server.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsClientTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static IHost Build(Dictionary<string, string?> configuration, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        configure?.Invoke(builder);
        builder.AddNatsClient("nats");
        return builder.Build();
    }

    private static async Task<HealthReport> CheckHealthAsync(IHost host) =>
        await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    public async Task Health_check_is_healthy_when_a_ping_round_trip_succeeds()
    {
        using var host = Build(new() { ["ConnectionStrings:nats"] = server.ConnectionString });

        var entry = (await CheckHealthAsync(host)).Entries["NATS"];

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Same(host.Services.GetRequiredService<NatsConnection>(), host.Services.GetRequiredService<INatsConnection>());
        Assert.Same(host.Services.GetRequiredService<NatsConnection>(), host.Services.GetRequiredService<INatsClient>());
    }

    [Fact]
    public async Task Health_check_is_unhealthy_when_the_server_cannot_be_reached()
    {
        using var host = Build(new() { ["ConnectionStrings:nats"] = $"nats://traceapp:x@127.0.0.1:{FreePort.Next()}" });

        var entry = (await CheckHealthAsync(host)).Entries["NATS"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.DoesNotContain(":x@", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_string_wins_over_the_settings_section_which_also_turns_the_health_check_off()
    {
        using var host = Build(new()
        {
            ["Aspire:Nats:Client:ConnectionString"] = "nats://traceapp:wrong@127.0.0.1:1",
            ["Aspire:Nats:Client:DisableHealthChecks"] = "true",
            ["ConnectionStrings:nats"] = server.ConnectionString,
        }, builder => builder.AddDefaultHealthChecks());

        Assert.DoesNotContain("NATS", (await CheckHealthAsync(host)).Entries.Keys);
        var rtt = await host.Services.GetRequiredService<INatsConnection>().PingAsync();
        Assert.True(rtt >= TimeSpan.Zero);
    }

    [Fact]
    public void Settings_section_alone_is_enough_and_the_code_has_the_last_word()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Aspire:Nats:Client:ConnectionString"] = "nats://traceapp:secret@127.0.0.1:4222";
        TraceApp.Messaging.NatsClientSettings? seen = null;

        builder.AddNatsClient("nats", settings =>
        {
            settings.HealthCheckTimeout = TimeSpan.FromSeconds(1);
            seen = settings;
        });

        Assert.Equal("nats://traceapp:secret@127.0.0.1:4222", seen!.ConnectionString);
        using var host = builder.Build();
        Assert.Equal("nats://127.0.0.1:4222", host.Services.GetRequiredService<NatsConnection>().Opts.Url);
    }

    [Fact]
    public void Missing_connection_string_is_a_clear_start_up_error()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddNatsClient("nats"));

        Assert.Contains("ConnectionStrings:nats", error.Message, StringComparison.Ordinal);
        Assert.Contains("Aspire:Nats:Client", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nats_spans_join_the_services_tracer_provider_unless_tracing_is_disabled(bool disableTracing)
    {
        var exported = new RecordedSpans();
        using var host = Build(
            new()
            {
                ["ConnectionStrings:nats"] = server.ConnectionString,
                ["Telemetry:Tracing:Enabled"] = "true",
                ["Aspire:Nats:Client:DisableTracing"] = disableTracing ? "true" : "false",
            },
            builder =>
            {
                builder.AddServiceDefaults();
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
                    .AddSource(NatsSubscriptions.Processing.Name)
                    .AddInMemoryExporter(exported));
            });
        _ = host.Services.GetRequiredService<TracerProvider>();
        var nats = host.Services.GetRequiredService<INatsConnection>();
        var subject = $"test.{Guid.NewGuid():N}";
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loop = await NatsSubscriptions.StartAsync<string>(nats, subject, _ =>
        {
            handled.TrySetResult();
            return ValueTask.CompletedTask;
        }, stop.Token);

        await nats.PublishAsync(subject, "traced?");

        await handled.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await loop;
        var process = Assert.Single(await exported.WaitForAsync(s => s.DisplayName == $"{subject} process", Timeout));
        var natsSpans = exported.Snapshot.Where(s => s.Source.Name == NatsTelemetry.SourceName && s.DisplayName.StartsWith(subject, StringComparison.Ordinal)).ToList();
        if (disableTracing)
        {
            Assert.Empty(natsSpans);
            Assert.Equal(default, process.ParentSpanId);
        }
        else
        {
            var receive = Assert.Single(natsSpans, s => s.DisplayName == $"{subject} receive");
            var publish = Assert.Single(natsSpans, s => s.DisplayName == $"{subject} publish");
            Assert.Equal(publish.SpanId, receive.ParentSpanId);
            Assert.Equal(receive.SpanId, process.ParentSpanId);
        }
    }
}
