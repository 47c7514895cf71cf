using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

/// <summary>
/// Bounds every project's OTLP export to <see cref="ExportTimeoutMilliseconds"/> in run mode
/// (<c>OTEL_EXPORTER_OTLP_TIMEOUT</c>, unless already set), keeping Aspire's in-memory retry within that time.
/// </summary>
/// <remarks>
/// When the AppHost stops, DCP stops the dashboard together with the services; each service then retries its last
/// export to the stopped dashboard until the export timeout (the SDK's default is 10 s) before it can exit, and DCP
/// kills it after 6 s (measured: the Api alone exited 12 s after SIGTERM, 4.3 s with 2 s). A failed export to the local
/// dashboard is still retried for 2 s, which covers a dashboard that is briefly busy; dropping the retry altogether
/// lost a span in one test run.
/// </remarks>
public static class PromptTelemetryShutdown
{
    public const string TimeoutVariable = "OTEL_EXPORTER_OTLP_TIMEOUT";

    public const int ExportTimeoutMilliseconds = 2000;

    public static IDistributedApplicationBuilder AddPromptTelemetryShutdown(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
            {
                foreach (var project in e.Model.Resources.OfType<ProjectResource>())
                {
                    project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                        context.EnvironmentVariables.TryAdd(TimeoutVariable, ExportTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                }

                return Task.CompletedTask;
            });
        }

        return builder;
    }
}
