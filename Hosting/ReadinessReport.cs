using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TraceApp.Hosting.Health;

namespace TraceApp.Hosting;

/// <summary>
/// Logs one line once every resource with a health check is healthy (each replica of one that has replicas) ("TraceApp is ready after 9.1 s: …"), so a
/// person (or a benchmark) knows when the whole system can be used, not only when the AppHost has started it.
/// Resources that start only on request (<c>WithExplicitStart</c>) are left out. Until then, a resource that stops
/// or fails to start is one error line, instead of a readiness line that never comes.
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
        var watchedResources = model.Resources
            .Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any() && !r.Annotations.OfType<ExplicitStartupAnnotation>().Any())
            .ToArray();
        var watched = watchedResources.Select(r => r.Name).ToArray();
        using var ready = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var failures = ReportFailuresAsync(notifications, logger, watched, ready.Token);
        try
        {
            await Task.WhenAll(watchedResources.Select(r => notifications.WaitForEveryReplicaHealthyAsync(r, ct)));
            var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;
            LogReady(logger, elapsed.TotalSeconds, string.Join(", ", watched));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await ready.CancelAsync();
            await failures;
        }
    }

    /// <summary>Until the system is ready: one error line for each watched resource that stops or fails to start.</summary>
    private static async Task ReportFailuresAsync(
        ResourceNotificationService notifications, ILogger logger, string[] watched, CancellationToken ct)
    {
        try
        {
            await foreach (var e in notifications.WatchAsync(ct))
            {
                var state = e.Snapshot.State?.Text;
                if (watched.Contains(e.Resource.Name) && KnownResourceStates.TerminalStates.Contains(state))
                {
                    LogStopped(logger, e.ResourceId, state!, e.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} is {State} (exit code {ExitCode}) before TraceApp was ready: its console log in the dashboard says why.")]
    private static partial void LogStopped(ILogger logger, string resource, string state, string exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = ReadyMessagePrefix + " {Seconds:0.0} s: {Resources} are healthy.")]
    private static partial void LogReady(ILogger logger, double seconds, string resources);
}
