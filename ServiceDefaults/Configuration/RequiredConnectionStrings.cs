using Microsoft.Extensions.Configuration;
using TraceApp.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

public static class RequiredConnectionStrings
{
    /// <summary>
    /// A missing connection string stops the program at start with one <c>error:</c> line on stderr and exit code 78
    /// (as a bad telemetry setting does), instead of a stack trace or a program that starts and fails every request.
    /// </summary>
    public static void RequireConnectionStrings(this IHostApplicationBuilder builder, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var missing = names.Where(name => string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name))).ToList();
        if (missing.Count > 0)
        {
            TelemetrySettingsResolution.ExitWithConfigurationError(
                $"missing connection string{(missing.Count > 1 ? "s" : "")} " +
                $"{string.Join(", ", missing.Select(name => $"ConnectionStrings:{name} (env ConnectionStrings__{name})"))}; the AppHost sets them.");
        }
    }
}
