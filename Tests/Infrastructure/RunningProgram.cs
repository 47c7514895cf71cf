using System.Collections;
using System.Text.RegularExpressions;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Infrastructure;

/// <summary>
/// One of the repository's programs started as a child process (<c>dotnet TraceApp.X.dll</c>) with a clean
/// telemetry environment: inherited OTEL_* and TRACEAPP_* variables are removed so only the test's settings apply.
/// </summary>
public sealed partial class RunningProgram : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private RunningProgram(ManagedProcess process) => Process = process;

    public ManagedProcess Process { get; }

    public OutputLog Output => Process.StandardOutput;

    /// <summary>Starts <paramref name="project"/> without waiting for anything.</summary>
    public static RunningProgram Start(string project, IReadOnlyDictionary<string, string?>? environment = null, params string[] args)
    {
        var env = WithoutTelemetryVariables();
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["Auth__SigningKey"] = TestTokens.SigningKey;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        var spec = ProcessSpec.ForProgram(project.ToLowerInvariant(), ProjectLocator.GetProgramPath(project), env, args);
        return new RunningProgram(ManagedProcess.Start(spec));
    }

    /// <summary>Overrides that remove every inherited OTEL_* and TRACEAPP_* variable, so only a test's settings apply.</summary>
    public static Dictionary<string, string?> WithoutTelemetryVariables()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("OTEL_", StringComparison.Ordinal) || name.StartsWith("TRACEAPP_", StringComparison.Ordinal))
            {
                env[name] = null;
            }
        }

        return env;
    }

    /// <summary>Starts an ASP.NET Core program and returns it once Kestrel reports its address.</summary>
    public static async Task<(RunningProgram Program, Uri Address)> StartWebAsync(
        string project, IReadOnlyDictionary<string, string?>? environment = null, params string[] args)
    {
        var program = Start(project, environment, args);
        var address = await program.WaitForAddressAsync("Now listening on: ");
        return (program, address);
    }

    /// <summary>Waits for a log line "<paramref name="marker"/>http://host:port" and returns the address.</summary>
    public async Task<Uri> WaitForAddressAsync(string marker)
    {
        var line = await Output.WaitForLineAsync(l => l.Contains(marker, StringComparison.Ordinal), StartTimeout);
        var match = AddressPattern().Match(line[line.IndexOf(marker, StringComparison.Ordinal)..]);
        return new Uri(match.Value);
    }

    /// <summary>Sends SIGTERM and waits for the exit code; all output has been read when this returns.</summary>
    public Task<int> StopAsync() => Process.StopAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();

    [GeneratedRegex(@"http://[0-9.:\[\]a-z]+:\d+")]
    private static partial Regex AddressPattern();
}
