using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TraceApp.Hosting;

/// <summary>
/// Logs one line once every resource with a health check is healthy ("TraceApp is ready after 9.1 s: …"), so a
/// person (or a benchmark) knows when the whole system can be used, not only when the AppHost has started it.
/// Resources that start only on request (<c>WithExplicitStart</c>) are left out.
/// </summary>
public static partial class ReadinessReport
{
    public const string ReadyMessagePrefix = "TraceApp is ready after";

    public static IDistributedApplicationBuilder AddReadinessReport(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((e, ct) =>
        {
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = ReportAsync(e.Services, e.Model, stopping); // runs until everything is healthy or the app stops
            return Task.CompletedTask;
        });
        return builder;
    }

    private static async Task ReportAsync(IServiceProvider services, DistributedApplicationModel model, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("TraceApp.Hosting");
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var watched = model.Resources
            .Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any() && !r.Annotations.OfType<ExplicitStartupAnnotation>().Any())
            .Select(r => r.Name)
            .ToArray();
        try
        {
            await Task.WhenAll(watched.Select(name => notifications.WaitForResourceHealthyAsync(name, ct)));
            var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;
            LogReady(logger, elapsed.TotalSeconds, string.Join(", ", watched));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = ReadyMessagePrefix + " {Seconds:0.0} s: {Resources} are healthy.")]
    private static partial void LogReady(ILogger logger, double seconds, string resources);
}
