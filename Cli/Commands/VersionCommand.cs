using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using TraceApp.Cli.Output;

namespace TraceApp.Cli.Commands;

/// <summary><c>traceapp version</c>: the CLI's version and the API's, from <c>GET /version</c>.</summary>
public static class VersionCommand
{
    public static string CliVersion { get; } = typeof(VersionCommand).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static Command Create(CliRuntime runtime)
    {
        var command = new Command("version", "Print the CLI's version and the API's.");
        runtime.SetAction(command, async (session, cancellationToken) =>
        {
            if (!session.Json)
            {
                Console.WriteLine($"traceapp {CliVersion}");
            }

            var api = await session.Api.GetAsync("/version", cancellationToken);
            session.Write(
                JsonSerializer.SerializeToElement(new { cli = CliVersion, api }),
                _ => [$"{JobText.Text(api, "name")} {JobText.Text(api, "version")} at {session.Settings.ApiUrl}"]);
            return ExitCodes.Ok;
        });
        return command;
    }
}
