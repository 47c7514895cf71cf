using System.Text;
using TraceApp.Benchmarks.AppHost;
using TraceApp.Benchmarks.Processes;

namespace TraceApp.Benchmarks.Jobs;

/// <summary>
/// The AppHost started as a user starts it (<c>dotnet run --project AppHost --no-build</c>, in a session of its own,
/// with throw-away data), ready once it logs that every resource is healthy; stopped as Ctrl+C does, and whatever
/// is left 20 s later is killed. The caller holds <see cref="AppHostLock"/>.
/// </summary>
internal sealed class RunningAppHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly ChildProcess _child;
    private readonly string _marker;
    private readonly DirectoryInfo _data;

    private RunningAppHost(ChildProcess child, string marker, DirectoryInfo data) => (_child, _marker, _data) = (child, marker, data);

    public static async Task<RunningAppHost> StartAsync(string configuration, IEnumerable<string> appHostArguments, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("traceapp-bench-jobs-");
        // Created 0700; PostgreSQL runs as the postgres user (TraceApp under root) and must reach its folder inside.
        File.SetUnixFileMode(data.FullName, File.GetUnixFileMode(data.FullName) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var marker = $"{AppHostRun.MarkerVariable}={Guid.NewGuid():N}";
        List<string> arguments =
        [
            "run", "--project", "AppHost", "-c", configuration, "--no-build", "--",
            $"--TraceApp:DataDirectory={data.FullName}", "--TraceApp:EphemeralData=true", .. appHostArguments,
        ];
        var child = ChildProcess.Start("dotnet", arguments, RepositoryPaths.Root, AppHostRun.ChildEnvironment(marker), newSession: true);
        var appHost = new RunningAppHost(child, marker, data);
        try
        {
            await child.WaitForLineAsync(
                l => l.Contains(AppHostRun.ReadyMessagePrefix, StringComparison.Ordinal), StartTimeout, $"\"{AppHostRun.ReadyMessagePrefix} …\"", ct);
            return appHost;
        }
        catch
        {
            await appHost.DisposeAsync();
            throw;
        }
    }

    /// <summary>The environment variable <paramref name="name"/> of the first process whose command line contains <paramref name="program"/>.</summary>
    public string EnvironmentOf(string program, string name)
    {
        var process = Find(program);
        var prefix = name + "=";
        var entry = File.ReadAllText($"/proc/{process.Id}/environ", Encoding.UTF8)
            .Split('\0')
            .FirstOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal));
        return entry?[prefix.Length..] ?? throw new InvalidOperationException($"{program} (pid {process.Id}) has no {name}.");
    }

    /// <summary>The value after <paramref name="option"/> on the command line of <paramref name="program"/> ("-m 8222" → "8222").</summary>
    public string ArgumentOf(string program, string option)
    {
        var words = Find(program).CommandLine.Split(' ');
        var index = Array.IndexOf(words, option);
        return index >= 0 && index + 1 < words.Length
            ? words[index + 1]
            : throw new InvalidOperationException($"{program} has no {option} argument.");
    }

    private ProcessInfo Find(string program) =>
        ProcessTable.SystemOf(_child.Id, _marker).FirstOrDefault(p => p.CommandLine.Contains(program, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No {program} process in the running system.");

    public async ValueTask DisposeAsync()
    {
        await AppHostRun.CleanUpAsync(_child, _marker, []);
        _child.Dispose();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // PostgreSQL may still be removing its socket lock; the temporary folder is left for the OS to clean.
        }
    }
}
