using System.Collections;
using System.CommandLine;
using Microsoft.Extensions.Logging;
using TraceApp.Cli.Configuration;

namespace TraceApp.Cli.Commands;

/// <summary>
/// What every command's action shares: the global options, the environment and the AppHost's config file (for
/// <see cref="CliSettings"/>), the logger. <see cref="SetAction"/> turns a <see cref="CliException"/> into its one
/// <c>error: …</c> line and exit code.
/// </summary>
public sealed partial class CliRuntime(GlobalOptions options, IDictionary environment, CliConfigFile? file, string? filePath, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("TraceApp.Cli");

    public GlobalOptions Options => options;

    public CliSettings SettingsFor(ParseResult parse) => CliSettings.Resolve(options.FlagsFrom(parse), environment, file, filePath);

    public void SetAction(Command command, Func<CommandSession, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var session = new CommandSession(parse, SettingsFor(parse), parse.GetValue(options.Json), _logger);
                LogCommand(_logger, parse.CommandResult.Command.Name, session.Settings.ApiUrl, session.Settings.ConfigFilePath ?? "(none)");
                return await action(session, cancellationToken);
            }
            catch (CliException e)
            {
                LogFailed(_logger, e.ExitCode, e.Message);
                Console.Error.WriteLine($"error: {e.Message}");
                return e.ExitCode;
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "running {Command} against {ApiUrl} (config file {ConfigFile})")]
    private static partial void LogCommand(ILogger logger, string command, Uri apiUrl, string configFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "command failed with exit code {ExitCode}: {Error}")]
    private static partial void LogFailed(ILogger logger, int exitCode, string error);
}
