using System.Text.RegularExpressions;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Cli;

/// <summary>
/// Runs the built <c>traceapp</c> to its exit with a clean environment (inherited OTEL_* and TRACEAPP_* removed)
/// plus the test's variables, from a fresh temporary folder so no developer's <c>.traceapp/cli.json</c> applies
/// unless the test puts one above it (<paramref name="workingDirectory"/>).
/// </summary>
public static partial class CliProcess
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

    /// <summary>
    /// The id of the <c>trace &lt;id&gt; &lt;dashboard link&gt;</c> line the CLI wrote on stderr; with
    /// <paramref name="dashboardUrl"/>, the link must point at that dashboard.
    /// </summary>
    public static string TraceIdOf(ManagedProcess cli, Uri? dashboardUrl = null)
    {
        var line = Assert.Single(cli.StandardError.Lines, l => l.StartsWith("trace ", StringComparison.Ordinal));
        var match = TraceLine().Match(line);
        Assert.True(match.Success, line);
        if (dashboardUrl is not null)
        {
            Assert.Equal(dashboardUrl.GetLeftPart(UriPartial.Authority), new Uri(match.Groups["link"].Value).GetLeftPart(UriPartial.Authority));
        }

        return match.Groups["id"].Value;
    }

    [GeneratedRegex("^trace (?<id>[0-9a-f]{32}) (?<link>http\\S+/traces/detail/\\k<id>)$")]
    private static partial Regex TraceLine();
}
