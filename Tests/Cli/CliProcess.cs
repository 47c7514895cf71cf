using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Cli;

/// <summary>
/// Runs the built <c>traceapp</c> to its exit with a clean environment (inherited OTEL_* and TRACEAPP_* removed)
/// plus the test's variables, from a fresh temporary folder so no developer's <c>.traceapp/cli.json</c> applies
/// unless the test puts one above it (<paramref name="workingDirectory"/>).
/// </summary>
public static class CliProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<ManagedProcess> RunAsync(IReadOnlyDictionary<string, string?> environment, string? workingDirectory, params string[] args)
    {
        var env = RunningProgram.WithoutTelemetryVariables();
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        var program = ProjectLocator.GetProgramPath("Cli", assemblyName: "traceapp");
        var spec = ProcessSpec.ForProgram("cli", program, env, args) with { WorkingDirectory = workingDirectory ?? Path.GetTempPath() };
        var cli = ManagedProcess.Start(spec);
        try
        {
            await cli.Exited.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            await cli.DisposeAsync();
            throw new TimeoutException($"traceapp {string.Join(' ', args)} did not exit within {Timeout}:{Environment.NewLine}{cli.Tail()}");
        }

        return cli;
    }

    /// <summary>
    /// As <see cref="RunAsync"/>, but with stdin, stdout and stderr on a pseudo-terminal (util-linux <c>script</c>):
    /// what a person at a terminal sees, all in the returned process's standard output.
    /// </summary>
    public static async Task<ManagedProcess> RunOnTerminalAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var env = RunningProgram.WithoutTelemetryVariables();
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        var program = ProjectLocator.GetProgramPath("Cli", assemblyName: "traceapp");
        var command = string.Join(' ', new[] { "dotnet", program }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var cli = ManagedProcess.Start(new ProcessSpec("cli-terminal", "script", ["--quiet", "--return", "--command", command, "/dev/null"], env, Path.GetTempPath()));
        await cli.Exited.WaitAsync(Timeout);
        return cli;
    }

    /// <summary>Everything the process wrote, for assertion messages.</summary>
    public static string Describe(ManagedProcess cli) => string.Join(Environment.NewLine, cli.Output.Lines);
}
