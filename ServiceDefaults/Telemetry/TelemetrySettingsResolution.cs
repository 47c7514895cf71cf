using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>Resolves a program's <see cref="TelemetrySettings"/> once and registers them as a singleton.</summary>
public static class TelemetrySettingsResolution
{
    /// <summary>Exit code for a configuration error found at start (sysexits' EX_CONFIG).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>
    /// The settings already registered, or: adds TraceApp's configuration sources, resolves them and registers the
    /// result. A configuration error is one <c>error:</c> line on stderr and exit code 78, not a stack trace: it is
    /// a user's mistake, not a crash.
    /// </summary>
    public static TelemetrySettings ResolveTelemetrySettings(this IHostApplicationBuilder builder)
    {
        if (builder.Services.LastOrDefault(d => d.ServiceType == typeof(TelemetrySettings))?.ImplementationInstance
            is TelemetrySettings resolved)
        {
            return resolved;
        }

        TelemetryConfigurationSources.Add(builder.Configuration, Environment.GetEnvironmentVariables(), Environment.GetCommandLineArgs());
        var settings = TelemetrySettings.Resolve(builder.Configuration, out var error);
        if (error is not null)
        {
            ExitWithConfigurationError(error);
        }

        builder.Services.AddSingleton(settings);
        return settings;
    }

    public static void ExitWithConfigurationError(string error)
    {
        Console.Error.WriteLine($"error: {error}");
        Environment.Exit(ConfigurationErrorExitCode);
    }
}
