using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TraceApp.Messaging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>AddNatsClient</c> in the shape of Aspire.NATS.Net (which the package registry does not serve): settings,
/// connection string, an <see cref="INatsConnection"/> singleton, a health check, and NATS.Net's tracing and
/// metrics through NATS.Client.OpenTelemetry.
/// </summary>
public static class NatsClientExtensions
{
    /// <summary>The name of the health check in <c>/health</c> (Aspire's).</summary>
    public const string HealthCheckName = "NATS";

    /// <summary>
    /// Registers one <see cref="NatsConnection"/> (also as <see cref="INatsConnection"/> and
    /// <see cref="INatsClient"/>) built from <see cref="NatsClientSettings"/>, on <see cref="NatsClientDefaults"/>.
    /// It connects on first use and reconnects on its own. A missing or malformed connection string fails here,
    /// at start, without echoing the password. With tracing and metrics on, NATS.Net's ActivitySource and Meter join
    /// whatever OpenTelemetry providers the program builds (ServiceDefaults decides whether it builds any).
    /// </summary>
    public static void AddNatsClient(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NatsClientSettings>? configureSettings = null,
        Func<NatsOpts, NatsOpts>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        var settings = new NatsClientSettings();
        builder.Configuration.GetSection(NatsClientSettings.DefaultConfigSectionName).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }

        configureSettings?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"The NATS connection string is missing: set ConnectionStrings:{connectionName} (the AppHost does) or " +
                $"'ConnectionString' in the '{NatsClientSettings.DefaultConfigSectionName}' section, e.g. nats://user:password@127.0.0.1:4222.");
        }

        var options = NatsConnectionString.Parse(settings.ConnectionString) with { Name = builder.Environment.ApplicationName };
        options = configureOptions?.Invoke(options) ?? options;
        builder.Services.AddSingleton(services =>
            new NatsConnection(options with { LoggerFactory = services.GetRequiredService<ILoggerFactory>() }));
        builder.Services.AddSingleton<INatsConnection>(services => services.GetRequiredService<NatsConnection>());
        builder.Services.AddSingleton<INatsClient>(services => services.GetRequiredService<NatsConnection>());

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                HealthCheckName,
                services => new NatsHealthCheck(services.GetRequiredService<INatsConnection>()),
                failureStatus: HealthStatus.Unhealthy,
                tags: null,
                timeout: settings.HealthCheckTimeout));
        }

        if (!settings.DisableTracing)
        {
            string[] untraced = [.. settings.UntracedSubjects];
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNatsClientInstrumentation(options =>
            {
                if (untraced.Length > 0)
                {
                    options.FilterSubjects(include: null, exclude: untraced);
                }
            }));
        }

        if (!settings.DisableMetrics)
        {
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNatsClientInstrumentation());
        }
    }
}
