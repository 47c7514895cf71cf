using Microsoft.Extensions.Hosting;

namespace TraceApp.Dashboard.Configuration;

/// <summary>
/// A configuration mistake found at start. Its message is one line that names the setting (and never a key's
/// value); a program prints it and exits with <see cref="ExitCode"/> instead of showing a stack trace.
/// </summary>
public sealed class DashboardConfigurationException(string message) : Exception(message)
{
    /// <summary>sysexits' EX_CONFIG, the code ServiceDefaults exits with for its own configuration errors.</summary>
    public const int ExitCode = ServiceDefaultsExtensions.ConfigurationErrorExitCode;
}
