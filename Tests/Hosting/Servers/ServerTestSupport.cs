using TraceApp.Hosting.Servers;
using System.Globalization;

namespace TraceApp.Tests.Hosting.Servers;

/// <summary>Helpers for tests that run real nats-server and PostgreSQL processes.</summary>
internal static class ServerTestSupport
{
    public static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Retries <paramref name="probe"/> until it succeeds; TimeoutException (last failure inside) at the deadline.</summary>
    public static async Task WaitUntilHealthyAsync(Func<CancellationToken, Task> probe, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? HealthDeadline);
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                await probe(timeout.Token);
                return;
            }
            catch (Exception e) when (!timeout.IsCancellationRequested)
            {
                last = e;
            }
            catch (OperationCanceledException e)
            {
                last ??= e;
                break;
            }

            try
            {
                await Task.Delay(RetryDelay, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Not healthy within {deadline ?? HealthDeadline}: {last?.Message}", last);
    }

    public static string CreateTempDirectory(string prefix) => DataDirectory.CreateTemporary(prefix).FullName;

    public static void DeleteDirectory(string? directory)
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Ids of live postgres processes serving <paramref name="dataDirectory"/> (read from /proc).</summary>
    public static IReadOnlyList<int> PostgresProcessesFor(string dataDirectory)
    {
        List<int> found = [];
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string[] argv;
            try
            {
                argv = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue; // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var dataIndex = Array.IndexOf(argv, "-D");
            if (dataIndex >= 0 && dataIndex + 1 < argv.Length && argv[dataIndex + 1] == dataDirectory
                && Array.Exists(argv, a => a.EndsWith("/postgres", StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
