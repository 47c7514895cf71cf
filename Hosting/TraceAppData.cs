using Aspire.Hosting;

namespace TraceApp.Hosting;

/// <summary>
/// Where local servers keep their data: one folder per resource under <c>TraceApp:DataDirectory</c> (default
/// <c>.traceapp/</c> beside the AppHost's folder), so data survives AppHost restarts. Deleting the folder resets it.
/// </summary>
public static class TraceAppData
{
    public const string ConfigurationKey = "TraceApp:DataDirectory";

    /// <summary>True: the data is throw-away (tests), so servers may trade durability for speed.</summary>
    public const string EphemeralKey = "TraceApp:EphemeralData";

    public static bool IsEphemeral(IDistributedApplicationBuilder builder) =>
        string.Equals(builder?.Configuration[EphemeralKey], "true", StringComparison.OrdinalIgnoreCase);

    public static string Root(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration[ConfigurationKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", ".traceapp")
            : configured);
    }

    /// <summary>The resource's folder, created; other users may enter it (PostgreSQL runs as <c>postgres</c> under root).</summary>
    public static string DirectoryFor(IDistributedApplicationBuilder builder, string resourceName)
    {
        var root = Root(builder);
        var directory = Path.Combine(root, resourceName);
        Directory.CreateDirectory(directory);
        const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(root, File.GetUnixFileMode(root) | Traversable);
        File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | Traversable);
        return directory;
    }
}
