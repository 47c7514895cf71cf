using TraceApp.Hosting.Processes;

namespace TraceApp.Hosting.Nats;

/// <summary>Finds Debian's nats-server executable.</summary>
public static class NatsBinary
{
    public const string FileName = "nats-server";

    public const string DebianPackage = "nats-server";

    // Debian installs nats-server in /usr/sbin, which is not on an ordinary user's PATH.
    private static readonly string[] FallbackDirectories = ["/usr/sbin", "/usr/local/sbin", "/usr/local/bin"];

    /// <summary>The full path of nats-server, or a <see cref="MissingPrerequisiteException"/>.</summary>
    public static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(FallbackDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new MissingPrerequisiteException($"{FileName} not found on PATH", DebianPackage);
    }
}
