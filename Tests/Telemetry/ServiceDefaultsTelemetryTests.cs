using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TraceApp.ServiceDefaults.Telemetry;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Telemetry;

/// <summary>
/// What <c>AddServiceDefaults()</c> builds from a configuration: the environment Aspire gives a service, tracing off,
/// and the metrics the template collects. (Export over OTLP to a real dashboard is proven by the AppHost tests.)
/// </summary>
public sealed class ServiceDefaultsTelemetryTests
{
    private static IHost Build(Dictionary<string, string?> configuration, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "TraceApp.Api" });
        builder.Configuration.AddInMemoryCollection(configuration);
        configure?.Invoke(builder);
        builder.AddServiceDefaults();
        return builder.Build();
    }

    /// <summary>The variables Aspire 13.6 sets on a project resource, with a closed port as the dashboard.</summary>
    private static Dictionary<string, string?> AspireEnvironment() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}",
        ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=0123456789abcdef",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["OTEL_SERVICE_NAME"] = "api",
        ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=api-x7k2p",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    [Fact]
    public void Aspire_environment_turns_on_otlp_for_every_signal_with_its_headers_protocol_and_resource()
    {
        var environment = AspireEnvironment();
        using var host = Build(environment);

        var settings = host.Services.GetRequiredService<TelemetrySettings>();
        Assert.True(settings.TracingEnabled);
        Assert.Equal(TraceExporterKind.Otlp, settings.Exporter);
        Assert.Equal(new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]!), settings.OtlpEndpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, settings.OtlpProtocol);
        Assert.Equal("x-otlp-api-key=0123456789abcdef", settings.OtlpHeaders); // without it the dashboard answers 401
        var resource = host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary();
        Assert.Equal("api", resource["service.name"]);
        Assert.Equal("api-x7k2p", resource["service.instance.id"]);
        Assert.True(resource.ContainsKey("service.version")); // the entry assembly's: the test host's here
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Service_name_defaults_to_the_AppHost_resource_name_of_the_program()
    {
        using var host = Build(new() { [TelemetrySettings.EnabledKey] = "true" });

        var resource = host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary();

        Assert.Equal("api", resource["service.name"]);
        Assert.True(resource.ContainsKey("service.instance.id"));
    }

    [Fact]
    public void Tracing_off_builds_no_provider_and_a_packages_own_provider_records_nothing()
    {
        var source = new ActivitySource($"Package.{Guid.NewGuid():N}");
        using var host = Build([], builder =>
            // What Aspire.Npgsql does whatever ServiceDefaults decides.
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(source.Name)));

        host.Services.GetRequiredService<TracerProvider>();
        using var activity = source.StartActivity("query");

        Assert.False(host.Services.GetRequiredService<TelemetrySettings>().TracingEnabled);
        Assert.False(activity?.Recorded ?? false);
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Debug_records_spans_without_exporting_metrics_or_logs()
    {
        var source = new ActivitySource($"TraceApp.Test{Guid.NewGuid():N}");
        using var host = Build(new() { [TelemetrySettings.DebugKey] = "true" });

        host.Services.GetRequiredService<TracerProvider>();
        using var activity = source.StartActivity("work");

        Assert.True(activity?.Recorded);
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Otlp_metrics_include_the_runtime_aspnetcore_and_httpclient_instruments_of_the_template()
    {
        var metrics = new List<Metric>();
        using var host = Build(AspireEnvironment(), builder =>
            builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));
        var meterProvider = host.Services.GetRequiredService<MeterProvider>();
        using (var http = new HttpClient())
        {
            // Refused at once (and not retried, unlike a factory client): a request is all the instruments need.
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/")));
        }

        meterProvider.ForceFlush();

        var names = metrics.Select(m => m.Name).ToHashSet();
        Assert.Contains("dotnet.gc.collections", names);
        Assert.Contains("http.client.request.duration", names);
    }
}
