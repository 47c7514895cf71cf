namespace TraceApp.Cli;

/// <summary>A command failed: <see cref="Exception.Message"/> is the one line printed after <c>error: </c>.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
